"""Junk vocabulary and stopwords per language, read from ``rules/lexicons/*.toml`` (data).

Each file names a language, its stopwords, and phrases by category (``ad``,
``share``, ``cookie``, ``read_more``, ...) in three lists: ``lines`` (the whole
line), ``starts`` (how a short line begins) and ``contains`` (site-speak found
anywhere in a line). Every language's phrases apply to every document: an
Italian page prints "Cookie policy" and "Share" too.
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.bundled import bundled_lexicons_dir

KINDS = ("lines", "starts", "ends", "contains")
# Bullets, arrows and separators a menu item wears; the lexicon is written without them.
_EDGE = " \t•·*-–—>›»«‹<|/:…+#►▶▸→←"
_WORD_EDGE = ".,;:!?()[]\"'«»“”‘’"


class LexiconError(ValueError):
    """A lexicon file that cannot be read or has the wrong shape."""


def phrase_key(text: str) -> str:
    """The form lexicon phrases and lines are compared in: folded, edge marks stripped.

    >>> phrase_key("» Read more: ")
    'read more'
    >>> phrase_key("• PUBLICITÉ")
    'publicité'
    """
    return text.casefold().strip(_EDGE).replace("’", "'")


def folded_phrase_key(folded: str) -> str:
    """`phrase_key` of a line already casefolded (the engine's `Line.folded`).

    >>> folded_phrase_key("» read more: "), folded_phrase_key("l’actu")
    ('read more', "l'actu")
    """
    key = folded.strip(_EDGE)
    return key.replace("’", "'") if "’" in key else key


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon match: the category, the language whose list has it, and how it matched."""

    category: str
    lang: str
    how: str
    phrase: str


@dataclass(slots=True)
class Lexicon:
    """All languages' phrases, indexed for fast lookup, and each language's stopwords."""

    stopwords: dict[str, frozenset[str]] = field(default_factory=dict)
    lines: dict[str, Hit] = field(default_factory=dict)
    starts: dict[str, list[tuple[str, Hit]]] = field(default_factory=dict)
    ends: dict[str, list[tuple[str, Hit]]] = field(default_factory=dict)
    contains: dict[str, Hit] = field(default_factory=dict)
    all_stopwords: frozenset[str] = frozenset()
    # word -> the `contains` phrases it is the longest word of: a line is searched
    # only for the phrases whose key word it has (one dict lookup per word).
    _triggers: dict[str, list[str]] = field(default_factory=dict)

    def add(self, lang: str, category: str, kind: str, phrases: Iterable[str]) -> None:
        for phrase in phrases:
            key = phrase_key(phrase) or phrase.casefold()
            hit = Hit(category, lang, kind, phrase)
            if kind == "lines":
                self.lines.setdefault(key, hit)
            elif kind == "starts":
                self.starts.setdefault(key.split(" ", 1)[0], []).append((key, hit))
            elif kind == "ends":
                ending = phrase.casefold().replace("’", "'")
                self.ends.setdefault(ending.rsplit(" ", 1)[-1], []).append((ending, hit))
            else:
                self.contains.setdefault(phrase.casefold().replace("’", "'"), hit)

    def finish(self) -> None:
        """Index what was added: longest starts first, one pattern for every `contains`."""
        for entries in self.starts.values():
            entries.sort(key=lambda entry: (-len(entry[0]), entry[0]))
        self.all_stopwords = frozenset().union(*self.stopwords.values())
        self._triggers = {}
        for phrase in sorted(self.contains, key=lambda p: (-len(p), p)):
            words = [w.strip(_WORD_EDGE) for w in phrase.split()] or [phrase]
            self._triggers.setdefault(max(words, key=len), []).append(phrase)

    def categories(self) -> list[str]:
        """Every category some phrase of some language is filed under, sorted."""
        hits = [*self.lines.values(), *self.contains.values(),
                *(hit for entries in self.starts.values() for _, hit in entries),
                *(hit for entries in self.ends.values() for _, hit in entries)]
        return sorted({hit.category for hit in hits})

    def match_line(self, key: str) -> Hit | None:
        """The whole-line phrase `key` (a `phrase_key`) is, if any."""
        return self.lines.get(key)

    def match_start(self, key: str) -> Hit | None:
        """The `starts` phrase `key` begins with (a whole word), if any."""
        for phrase, hit in self.starts.get(key.split(" ", 1)[0], ()):
            if key.startswith(phrase) and (len(key) == len(phrase) or not (
                    key[len(phrase)].isalnum() and phrase[-1].isalnum())):
                return hit
        return None

    def match_end(self, folded: str) -> Hit | None:
        """The `ends` phrase a casefolded line ends with ("… says:", "… a écrit :"), if any."""
        text = folded.replace("’", "'")
        for phrase, hit in self.ends.get(text.rsplit(" ", 1)[-1], ()):
            if text.endswith(phrase) and len(text) > len(phrase):
                return hit
        return None

    def match_contains(self, folded: str) -> Hit | None:
        """The first `contains` phrase found in `folded` (a casefolded line), if any."""
        text = folded.replace("’", "'")
        for word in text.split():
            phrases = self._triggers.get(word.strip(_WORD_EDGE))
            if phrases:
                for phrase in phrases:
                    if phrase in text:
                        return self.contains[phrase]
        return None


def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Read every ``*.toml`` lexicon of `directory` (default: the bundled ``rules/lexicons``)."""
    directory = directory or bundled_lexicons_dir()
    lexicon = Lexicon()
    for path in sorted(directory.glob("*.toml")):
        _load_file(lexicon, path)
    lexicon.finish()
    return lexicon


def _load_file(lexicon: Lexicon, path: Path) -> None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
        raise LexiconError(f"{path}: cannot read lexicon: {exc}") from exc
    lang = data.get("lang")
    if not isinstance(lang, str) or not lang:
        raise LexiconError(f"{path}: 'lang' must name the language, e.g. lang = \"en\"")
    words = data.get("stopwords")
    # A file without them (a language known only to the language vote) leaves the
    # classifier reading that language's lines with every language's stopwords.
    if words is not None:
        if not isinstance(words, str):
            raise LexiconError(f"{path}: 'stopwords' must be one string of words")
        lexicon.stopwords[lang] = frozenset(words.casefold().split())
    categories = data.get("categories", {})
    if not isinstance(categories, dict):
        raise LexiconError(f"{path}: [categories] must be a table")
    for category, lists in sorted(categories.items()):
        if not isinstance(lists, dict) or set(lists) - set(KINDS):
            raise LexiconError(f"{path}: category {category!r} takes only "
                               f"{', '.join(KINDS)}")
        for kind in KINDS:
            phrases = lists.get(kind, [])
            if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
                raise LexiconError(f"{path}: {category}.{kind} must be a list of strings")
            lexicon.add(lang, category, kind, phrases)


_default: Lexicon | None = None
_lock = threading.Lock()


def default_lexicon() -> Lexicon:
    """The bundled lexicons, read once (immutable data shared by every thread)."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = load_lexicon()
    return _default
