"""The sets' metric, the body-kept measure, page decoding, the dumps and every baseline.

Used by bench/bench_sets.py. Nothing here imports the project, so a baseline's output never
depends on the project's code; bench_sets.py caches the baselines keyed by this file's text.
"""

from __future__ import annotations

import codecs
import html
import re
import statistics
import unicodedata
from collections import Counter

TOKEN = re.compile(r"\w+")
SPACES = re.compile(r"\s+")
# A sentence ends at . ! ? … (and closing quotes) before a space and a capital, quote or digit.
SENTENCE_SPLIT = re.compile(r"(?<=[.!?…。！？])[\"'”’»)]*\s+(?=[\"'“‘«(]?[^\W_a-z])")
# Characters that change no word: soft hyphens, zero-width spaces and joiners, word joiners.
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
Counts = tuple[float, float, float]


def normal(text: str) -> str:
    """`text` compared as its words: composed (NFC), without invisible characters. A gold
    written with decomposed accents or soft hyphens says the same words as an output that
    composes them or drops the hyphens; without this, ``\\w+`` splits a word at the mark.

    >>> normal("cafe\u0301 ba\u00adnal") == normal("café banal") == "café banal"
    True
    """
    return INVISIBLE.sub("", unicodedata.normalize("NFC", text))


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Word n-grams of `text` (`normal`), counted; a text under n tokens is one shingle.

    >>> sorted(shingles("a b c d e"))
    [('a', 'b', 'c', 'd'), ('b', 'c', 'd', 'e')]
    """
    tokens = TOKEN.findall(normal(text))
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def shingle_counts(true: str, pred: str) -> Counts:
    """tp, fp, fn over shingles, normalised by their sum so that every page weighs the same."""
    t, p = shingles(true), shingles(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)


def f1_of(counts: list[Counts]) -> tuple[float, float, float]:
    """(precision, recall, F1): precision and recall averaged over pages, F1 of the averages,
    as the article-extraction-benchmark's evaluate.py computes them."""
    p = statistics.mean([precision(*c) for c in counts if c[0] + c[1] > 0] or [0.0])
    r = statistics.mean([recall(*c) for c in counts if c[0] + c[2] > 0] or [0.0])
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def flat(text: str) -> str:
    """`normal` text, whitespace flattened."""
    return SPACES.sub(" ", normal(text)).strip()


def sentences(body: str) -> list[str]:
    """The body's sentences of 4+ ``\\w+`` tokens, whitespace flattened.

    >>> sentences("One two three four. Too short! Five six seven eight nine\\nA b c")
    ['One two three four.', 'Five six seven eight nine']
    """
    out = []
    for paragraph in body.splitlines():
        for sentence in SENTENCE_SPLIT.split(paragraph):
            sentence = flat(sentence)
            if len(TOKEN.findall(sentence)) >= 4:
                out.append(sentence)
    return out


def kept(body_sentences: list[str], output: str) -> int:
    """How many of the body's sentences the output holds verbatim (whitespace flattened)."""
    text = flat(output)
    return sum(1 for sentence in body_sentences if sentence in text)


def decode_page(data: bytes) -> str:
    """A page's text as a scraper decodes it: a byte order mark; else UTF-8 if the bytes are
    valid UTF-8; else the charset the page declares in a ``<meta>``; else windows-1252 (the
    web's default), undecodable bytes replaced.

    >>> decode_page(b'<meta charset="iso-8859-1"><p>caf\\xe9')
    '<meta charset="iso-8859-1"><p>café'
    """
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = META_CHARSET.search(data[:4096])
    name = declared.group(1).decode("ascii", "replace").lower() if declared else "cp1252"
    # Browsers read these labels as windows-1252, its superset.
    if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        name = "cp1252"
    try:
        return data.decode(name, "replace")
    except LookupError:
        return data.decode("cp1252", "replace")


def make_dump(page: str) -> str:
    """All visible text of a page, one block per line (html-text with its layout guess, as a
    naive scraper dumps a page). Control characters, which lxml refuses, are dropped first."""
    import html_text  # the bench extra

    return str(html_text.extract_text(CONTROL.sub("", page), guess_layout=True))


C4_BAD = ("javascript", "cookie", "privacy policy", "terms of use", "lorem ipsum")


def c4_filter(text: str) -> str:
    """The C4 line heuristics: a line is kept if it ends with terminal punctuation, has 3+
    words, and mentions neither javascript nor a cookie or privacy phrase."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        lower = line.lower()
        if (line.endswith((".", "!", "?", '"', "”", "’", "'", "»"))
                and len(line.split()) >= 3 and not any(bad in lower for bad in C4_BAD)):
            out.append(line)
    return "\n".join(out)


# ISO 639-1 codes (py3langid's) of jusText's stoplists; any other language gets English's.
JUSTEXT_STOPLISTS = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ka": "Georgian", "kk": "Kazakh",
    "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam",
    "mr": "Marathi", "ms": "Malay", "mt": "Maltese", "nb": "Norwegian_Bokmal", "ne": "Nepali",
    "nl": "Dutch", "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil",
    "te": "Telugu", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "vi": "Vietnamese",
}


def justext_lines(dump: str) -> str:
    """jusText on a dump, each line a paragraph, with the stoplist of the dump's language
    (py3langid on the whole dump) where jusText has one, else English's."""
    import justext  # comes with trafilatura
    import py3langid

    lang = str(py3langid.classify(dump)[0]) if dump.strip() else "en"
    stoplist = justext.get_stoplist(JUSTEXT_STOPLISTS.get(lang, "English"))
    page = "".join(f"<p>{html.escape(line)}</p>" for line in dump.splitlines() if line.strip())
    if not page:
        return ""
    paragraphs = justext.justext(f"<html><body>{page}</body></html>", stoplist)
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def trafilatura_text(page: bytes) -> str:
    """trafilatura's text of a page, comments left out, its other settings the defaults."""
    import trafilatura

    return str(trafilatura.extract(page, include_comments=False) or "")


def readability_text(page: bytes) -> str:
    """readability-lxml's summary as text, one block per line."""
    import html_text
    from readability import Document

    summary = Document(page).summary()
    return str(html_text.extract_text(summary, guess_layout=True)) if summary.strip() else ""
