"""What the position decisions (head zone, tail zone, menu run) must never take.

The body span is the best run of prose, but an article often reaches past it:
a lede above a dateline, byline and share bar; a list the body announces
("... as follows:"); a few short paragraphs after an "Advertisement" line; a
subheading right under a list of links. Each guard below names a kind of line that stays,
whatever zone or run it stands in; lexicon decisions still apply to it.
Nothing here removes a line: a guard only narrows what position may take.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

from cleaner.classify.features import Features, Kind, LineView

HEAD_REACH = 6  # lines that may stand between the body (or its lede) and a lede above it
TAIL_GAP = 2  # lines that may stand between the body and prose after it
TAIL_PROSE = 1  # prose lines after the body that make it go on
MAX_LIST = 60  # items a list announced by the body may have
MIN_FIELDS = 2  # "Label: value" lines in a row that make a record
FIELD_LABEL_WORDS = 3  # words of a label ("Team size")
MIN_ANNOUNCE_WORDS = 3  # "Tags:" is a label; "Consider these factors:" announces
MIN_HEADLINE_WORDS = 3  # a shorter line that repeats the title may be a menu item
_TITLE_SEPARATORS = frozenset("-|:–—·•»")
_SITE_CUT = re.compile(r" [-|–—·•»] ")  # where a `<title>` puts the site's name
_GOES_ON = frozenset(",:;")
MAX_STANDFIRST = 2  # lines of a standfirst under the headline
STANDFIRST_WORDS = 10  # a line with no sentence end this long under the headline is one
DATE_WORDS = 8  # words of a dateline ("Updated 6:02 PM ET, Tue March 12, 2024"); a byline half
# The word a byline opens with, in the languages of the lexicons and a few more.
_BY = frozenset({"by", "par", "von", "por", "door", "di", "da", "av", "af", "przez", "od"})
_NAME_JOINS = frozenset({"and", "und", "et", "y", "e", "en", "i", "og", "och", "&", "/"})
# A year, a time or a day and month in figures: a date, not a counter ("2 Comments", "+1").
_DATE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}(?:[:h]\d\d|[./]\d{1,2}[./])")
# Lexicon lines that may stand between the body and its lede: a share bar, an ad marker.
_BETWEEN = frozenset({"share", "ad"})
# Prose, for the guards: a line that reads as a paragraph.
_PROSE = (Kind.BODY,)


def protected(lines: Sequence[LineView], feats: list[Features], start: int,
              end: int) -> dict[int, str]:
    """The lines, by index, that no position decision may take, each with the guard's name."""
    keep: dict[int, str] = {}
    _lede(lines, feats, start, keep)
    _announced(lines, feats, start, end, keep)
    _after(feats, end, keep)
    _announced(lines, feats, start, end, keep)
    _subheadings(feats, start, end, keep)
    _fields(lines, feats, start, end, keep)
    return keep


def _ends_article(feat: Features) -> bool:
    """A lexicon line other than a share bar or an ad marker: a menu, "Related", "Comments"."""
    return feat.hit is not None and feat.hit.category not in _BETWEEN


def _lede(lines: Sequence[LineView], feats: list[Features], start: int,
          keep: dict[int, str]) -> None:
    """Prose just above the body, separated from it only by a few lines of dates, bylines,
    share buttons (each stretch at most HEAD_REACH lines, no other lexicon line), or by a
    list it announces: the lede."""
    index, gap = start - 1, 0
    while index >= 0:
        feat = feats[index]
        if feat.kind in _PROSE and feat.hit is None:
            keep[index] = "lede"
            gap = 0
        elif _ends_article(feat) or (gap := gap + 1) > HEAD_REACH:
            above = _list_head(lines, feats, index)
            if above is None:
                break
            index, gap = above, 0
            continue
        index -= 1


def headline(lines: Sequence[LineView], feats: list[Features], start: int,
             removed: Container[int], bylined: Container[int] = ()) -> tuple[int, str] | None:
    """Above the body, the page's headline, by index, with why it is one: the last line
    that repeats the page's title (its first line, as a dump prints the `<title>`, often
    with the site's name before or after a separator); else a line of headline form right
    above a byline or a date (the next line, or one a rule removed: `bylined`), then the
    body (or its lede, a share bar), under the page's furniture (lines `removed` by the
    lexicons). Kept in the text, its first line once the head zone is gone, and given as
    the title. Without the byline, such a line is a caption, a share bar or a teaser
    about as often as a headline."""
    title = lines[0].folded if lines else ""
    for index in range(start - 1, 0, -1):
        if _headline_form(feats[index]) and _in_title(lines[index].folded, title):
            return index, "repeats the page's title, its first line"
    index = start - 1
    while index > 0 and start - index <= HEAD_REACH and _under_headline(lines[index].key,
                                                                        feats[index]):
        index -= 1
    if (index > 0 and _headline_form(feats[index]) and index - 1 in removed
            and not lines[index].key.endswith(":")
            and (index in bylined or _bylined_next(lines, feats, index + 1, start))):
        return index, "stands above a byline or date and the body, under the page's furniture"
    return None


def _bylined_next(lines: Sequence[LineView], feats: list[Features], index: int,
                  start: int) -> bool:
    """True when the line at `index`, above the body, is a byline or a date."""
    return index < start and feats[index].hit is None and is_byline_or_date(lines[index].key)


def standfirst(feats: list[Features], title: int, start: int, keep: dict[int, str]) -> None:
    """Right under the headline (`title`, its index), at most MAX_STANDFIRST lines that read
    as prose or are long (STANDFIRST_WORDS words or more), no lexicon line: the standfirst,
    which a byline, a date and a share bar often part from the body."""
    for index in range(title + 1, min(start, title + 1 + MAX_STANDFIRST)):
        feat = feats[index]
        long = feat.kind is Kind.MIDDLE and feat.words >= STANDFIRST_WORDS
        if feat.hit is not None or not (feat.kind is Kind.BODY or long):
            return
        keep.setdefault(index, "standfirst")


def _under_headline(key: str, feat: Features) -> bool:
    """A line that may stand between a headline and the body: a lede, a date, a byline,
    a share bar or an ad marker.

    >>> from cleaner.classify.features import Kind, Features
    >>> _under_headline("Von Thomas Müller", Features(Kind.SHORT, 3))
    True
    >>> _under_headline("12 de marzo de 2024, 18:02", Features(Kind.MIDDLE, 6))
    True
    >>> _under_headline("Council tax to rise next year", Features(Kind.MIDDLE, 6))
    False
    """
    if feat.hit is not None:
        return feat.hit.category in _BETWEEN
    return feat.kind in (Kind.BODY, Kind.JUNK) or is_byline_or_date(key)


def is_byline_or_date(key: str) -> bool:
    """A byline ("By Jane Example") or a dateline: a short line with a year, a time, or a
    day and month in figures.

    >>> is_byline_or_date("Par Marie Dupont"), is_byline_or_date("Updated 12 March 2024")
    (True, True)
    >>> is_byline_or_date("12.03., 18h02"), is_byline_or_date("1:39 PM ET")
    (True, True)
    >>> is_byline_or_date("By the river"), is_byline_or_date("2 Comments")
    (False, False)
    """
    words = key.split()
    if len(words) > DATE_WORDS:
        return False
    if _DATE.search(key) is not None:
        return True
    return (len(words) <= DATE_WORDS // 2 and words[0].casefold() in _BY
            and all(word[:1].isupper() or word in _NAME_JOINS for word in words[1:]))


def _headline_form(feat: Features) -> bool:
    """A line of a few words that is no sentence, nor a lexicon line."""
    return feat.kind is not Kind.BODY and feat.hit is None and feat.words >= MIN_HEADLINE_WORDS


def _in_title(folded: str, title: str) -> bool:
    """True when the title is `folded`, or `folded` then a separator and more (the site's
    name), or more and a separator then `folded`.

    >>> _in_title("gang member taunts police", "gang member taunts police - local news")
    True
    >>> _in_title("local news", "gang member taunts police | local news")
    True
    >>> _in_title("gang member", "gang member taunts police")
    False
    >>> _in_title("gang member taunts police, two held", "gang member taunts police | news")
    True
    """
    if folded == title:
        return True
    if _extends_title(folded, title):
        return True
    if title.startswith(folded):
        return title[len(folded):len(folded) + 2].strip()[:1] in _TITLE_SEPARATORS
    if title.endswith(folded):
        return title[-len(folded) - 2:-len(folded)].strip()[-1:] in _TITLE_SEPARATORS
    return False


def _extends_title(folded: str, title: str) -> bool:
    """True when `folded` goes on past the title's headline (its part before the site's
    name), after a comma, a colon or a dash: a `<title>` cut short ("... territory |
    Post" for "... territory, killing 26")."""
    for cut in _SITE_CUT.finditer(title):
        head = title[:cut.start()]
        if len(head.split()) >= MIN_HEADLINE_WORDS and folded.startswith(head) \
                and folded[len(head):len(head) + 1] in _GOES_ON:
            return True
    return False


def _list_head(lines: Sequence[LineView], feats: list[Features], below: int) -> int | None:
    """Where a list reaching down to `below` hangs from, if it does (at most MAX_LIST
    lines up, none of them prose): a prose line ending in ":" that announces it (its
    index), or a "Related" header, with a lede above the related list (the index above)."""
    for index in range(below, max(-1, below - MAX_LIST), -1):
        feat = feats[index]
        if feat.hit is not None:
            return index - 1 if feat.hit.category == "read_more" else None
        if feat.kind in _PROSE:
            return index if lines[index].key.endswith(":") else None
    return None


def _after(feats: list[Features], end: int, keep: dict[int, str]) -> None:
    """Paragraphs just after the body: at least TAIL_PROSE lines of prose, separated from
    the body (or from the last such paragraphs, or a list they announce) by at most
    TAIL_GAP lines that are not lexicon lines (a "Related" or "Comments" header ends the
    article)."""
    index = end
    while index < len(feats):
        while index in keep:  # a list the body announced
            index += 1
        gap = index
        while gap < len(feats) and gap - index < TAIL_GAP and feats[gap].kind not in _PROSE:
            gap += 1
        if any(_ends_article(feats[i]) for i in range(index, gap)):
            return
        run = gap
        while run < len(feats) and feats[run].hit is None and feats[run].kind >= Kind.SENTENCE:
            run += 1
        if sum(1 for i in range(gap, run) if feats[i].kind in _PROSE) < TAIL_PROSE:
            return
        for victim in range(index, run):
            if feats[victim].hit is None:
                keep.setdefault(victim, "prose after the body")
        index = run


def _announced(lines: Sequence[LineView], feats: list[Features], start: int, end: int,
               keep: dict[int, str]) -> None:
    """A list or table the body announces (a line of the body ending in ":"): its items
    stay, up to the next paragraph, a lexicon line (a "Related" header) or MAX_LIST items."""
    index = min(keep, default=start)
    while index < len(feats):
        if not (start <= index < end or index in keep) or feats[index].hit is not None \
                or not lines[index].key.endswith(":"):
            index += 1
            continue
        item = index + 1
        while (item < len(feats) and item - index <= MAX_LIST and feats[item].hit is None
               and feats[item].kind not in _PROSE):
            keep.setdefault(item, "list announced by the body")
            item += 1
        if item > index + 1 and feats[index].words >= MIN_ANNOUNCE_WORDS:
            # "Consider the following factors:": with its items, not in a run with them.
            keep.setdefault(index, "announces a list")
        index = item


def _subheadings(feats: list[Features], start: int, end: int, keep: dict[int, str]) -> None:
    """Inside the body, the last line of a run of short lines, right above a paragraph: a
    subheading under a list ("Related" items, then the article goes on), not a list item."""
    for index in range(max(start, 1), min(end, len(feats) - 1)):
        feat = feats[index]
        if (feat.hit is None and feat.kind in (Kind.SHORT, Kind.MIDDLE)
                and feats[index + 1].kind in _PROSE and feats[index - 1].kind < Kind.SENTENCE):
            keep.setdefault(index, "subheading")


def _fields(lines: Sequence[LineView], feats: list[Features], start: int, end: int,
            keep: dict[int, str]) -> None:
    """Inside the body, the records of a directory or a review: runs of MIN_FIELDS or more
    "Label: value" lines ("Team size: 50 employees"), a label of at most FIELD_LABEL_WORDS
    words, where a label comes back in another run. Headlines with a kicker ("Energy:
    prices fall") have the shape too, but one list of them does not repeat itself."""
    runs: list[range] = []
    index = start
    while index < end:
        stop = index
        while stop < end and _is_field(lines[stop].key, feats[stop]):
            stop += 1
        if stop - index >= MIN_FIELDS:
            runs.append(range(index, stop))
        index = stop + 1
    labels = [{_label(lines[i].folded) for i in run} for run in runs]
    for run, mine in zip(runs, labels, strict=True):
        if any(mine & other for other in labels if other is not mine):
            for field in run:
                keep.setdefault(field, "fields of a record")


def _label(folded: str) -> str:
    return folded.partition(": ")[0]


def _is_field(key: str, feat: Features) -> bool:
    """A short line, not prose, of a label of a few words, ": " and a value.

    >>> from cleaner.classify.features import Kind, Features
    >>> _is_field("Team size: 50 to 100 employees", Features(Kind.MIDDLE, 6))
    True
    >>> _is_field("Sport", Features(Kind.SHORT, 1))
    False
    """
    if feat.hit is not None or feat.kind not in (Kind.SHORT, Kind.MIDDLE):
        return False
    label, colon, value = key.partition(": ")
    return bool(colon) and bool(value) and len(label.split()) <= FIELD_LABEL_WORDS
