"""Punctuation slips that scraping introduces, fixed without rewriting prose.

Each fix is deliberately narrow: when in doubt the text is left as it is,
because a wrong "fix" in a domain name or a version number is worse than the
slip it meant to mend. Source wording errors ("Koursk. dont", "une Source
majeure") are never touched.
"""

from __future__ import annotations

import re

import regex

from cleaner.text.lang import STOPWORDS

_DOUBLED_PERIOD = regex.compile(r"(?<=[\p{L}\p{N}\)\]»”\"'’])\.\.(?![.\p{L}\p{N}])")

# A word of at least two letters, a period, then a lowercase word: "Russie.selon".
_GLUED = regex.compile(
    r"(?<![\p{L}\p{N}@./_\-])(\p{L}*\p{Ll}\p{Ll})\.(\p{Ll}{2,})(?=$|[\s,;:!?)\]»”\"'’])"
)


# What may follow a period without a space: country and common generic
# top-level domains, file extensions. A glued "word.fr", "site.africa" or
# "photo.jpg" is a name, not a missing space; when in doubt, no space is added.
_NOT_A_WORD = frozenset("""
    com net org edu gov mil int info biz name pro aero coop museum mobi tel travel jobs asia cat
    io co ai app dev tv me fm am ly to cc ws gg sh so is it at be ch de dk es eu fi fr gr
    ie il in jp kr lu ma nl no nz pl pt ro ru se sn sk tn tr ua uk us za ca cn au br mx ar
    cl pe ve hk tw sg my id th vn ph pk bd ng ke gh ci cm dz eg qa sa ae af bf bj cd cg ga
    gn ml mr ne tg td re mq gp yt pf nc ht lb jo sy iq ir kz by md ge am az uz lt lv ee hu cz
    si hr rs ba mk al bg cy mt is li mc sm va ad
    africa news media live xyz online site tech store blog club shop top press today world
    global space website digital network agency studio email link click page one zone
    paris berlin london nyc tokyo quebec bzh alsace corsica swiss brussels amsterdam wien
    ovh bio eco art music radio film photo video games tube social chat cloud host
    center company group email solutions services consulting partners ventures capital
    finance money bank insurance law legal health care clinic doctor science education
    academy school university college institute foundation org ngo gov int
    html htm php asp aspx jsp xml json csv txt pdf doc docx xls xlsx ppt pptx odt rtf md
    jpg jpeg png gif webp svg bmp tif tiff ico mp3 mp4 avi mov mkv wav ogg webm flac
    zip gz tgz bz2 xz rar tar exe dll so js ts py rb go rs java cpp css scss yml yaml toml
    ini cfg log sql db bak tmp iso dmg apk
    """.split())

# The only words that may follow a glued period: the function words of the lexicons
# ("selon", "but", "the", "with"), three letters or more. Anything else after the
# period is far more often a name: "os.path", "django.conf", "go.mod", "obj.real",
# "inetd.conf", "Response.ok"; and "process.on" or "model.to" keep two-letter words out.
_SENTENCE_WORDS = frozenset(
    word for words in STOPWORDS.values() for word in words.split() if len(word) >= 3)


def fix_doubled_period(text: str) -> str:
    """A sentence ending with two periods gets one; an ellipsis "..." is left alone.

    >>> fix_doubled_period("mettre fin au conflit..")
    'mettre fin au conflit.'
    >>> fix_doubled_period("Attendez... la suite")
    'Attendez... la suite'
    >>> fix_doubled_period("cd ../src")
    'cd ../src'
    """
    if ".." not in text:
        return text
    return str(_DOUBLED_PERIOD.sub(".", text))


def fix_missing_space_after_period(text: str) -> str:
    """Insert the space lost between a sentence period and a lowercase word.

    Domains, e-mails, file names, decimals, versions, abbreviations, initials
    and code are left alone: the word before the period must be a plain word
    of two or more letters ending in lowercase, the word after it a function
    word of three letters or more ("selon", "but", "the") that is not a
    domain or a file extension.

    >>> fix_missing_space_after_period("des cibles en Russie.selon un responsable")
    'des cibles en Russie. selon un responsable'
    >>> fix_missing_space_after_period("pull the wire.but not the cable")
    'pull the wire. but not the cable'
    >>> fix_missing_space_after_period("from django.conf import settings; os.path or go.mod")
    'from django.conf import settings; os.path or go.mod'
    >>> fix_missing_space_after_period("voir euronews.com et photo.jpg ou www.seneplus.com")
    'voir euronews.com et photo.jpg ou www.seneplus.com'
    >>> fix_missing_space_after_period("écrire à jean.dupont@ex.fr, v1.2.3, 3.14, e.g., J.R.R.")
    'écrire à jean.dupont@ex.fr, v1.2.3, 3.14, e.g., J.R.R.'
    """
    if not _has_glued_period(text):
        return text
    return str(_GLUED.sub(_glue_fix, text))


# Starts with its literal period, which the regex engine finds fast.
_GLUED_HINT = regex.compile(r"\.(?<=\p{Ll}\.)(?=\p{Ll})")


def _has_glued_period(text: str) -> bool:
    """A cheap look for "a.b" with lowercase letters around the period."""
    return _GLUED_HINT.search(text) is not None


def may_need_punctuation_fix(text: str) -> bool:
    """False when `fix_punctuation` surely leaves every line of `text` as it is.

    One scan of a whole document, so that its lines need not be looked at one by one.

    >>> may_need_punctuation_fix("Il a dit. Puis il est parti..."), may_need_punctuation_fix("a.b")
    (True, True)
    >>> [may_need_punctuation_fix(t) for t in ("Il a dit. Puis il est parti.", "«\u00a0Non.»")]
    [False, False]
    """
    return _PERIOD_HINT.search(text) is not None and (".." in text or _has_glued_period(text))


# What must follow a period for either fix to apply, roughly: a period, or maybe a
# lowercase letter (ASCII 'a'-'z', or a non-ASCII character but a few that are
# surely not letters: quotes, dashes, no-break spaces). A `re` search for a literal
# first character skips from period to period in a tight loop; the `regex` searches
# behind it read the whole text at about a nanosecond a character each. Only where
# this finds something do they run.
_PERIOD_HINT = re.compile("\\.(?:[.a-z]|[^\\x00-\\x7f\u00a0\u00ab\u00bb\u2013\u2014\u2018\u2019"
                          "\u201c\u201d\u2026\u202f])")


def _glue_fix(match: regex.Match[str]) -> str:
    before, after, whole = str(match.group(1)), str(match.group(2)), str(match.group(0))
    if after.lower() in _NOT_A_WORD or after not in _SENTENCE_WORDS:
        return whole
    return f"{before}. {after}"


def fix_punctuation(text: str) -> str:
    """Every narrow punctuation fix of this module, in a safe order.

    >>> fix_punctuation("au conflit.. Il a dit.selon lui")
    'au conflit. Il a dit. selon lui'
    """
    return fix_missing_space_after_period(fix_doubled_period(text))
