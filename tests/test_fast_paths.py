"""The engine's shortcuts give the answers of the slow, obvious code they replace.

Clean text skips per-line work when one scan of the document shows there is
none to do, and matchers turn lines away by length, opening characters and
required texts before any regex runs. Each shortcut is checked here against
the plain computation on text built to hit its edges: exotic and no-break
spaces at line edges, other line breaks, glued periods, case variants.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.engine.document import Document
from cleaner.normalize.punctuation import fix_punctuation
from cleaner.normalize.spaces import match_key, tidy_spaces
from cleaner.ruleset.compiler import CreditMatcher, KeyIndex, LineMatcher
from cleaner.ruleset.loader import load_rules
from cleaner.ruleset.model import Kind
from cleaner.ruleset.shape import prefixes

PIECES = [
    "Le", "président", "a", "dit", ".", "..", "Russie.selon", "euronews.com", " ", "  ", "\t",
    "\u00a0", "\u202f", "\u2009", "\u3000", "\n", "\n\n", "\r\n", "\r", "\u2028", "\x0c", "ß",
    "PUBLICITÉ", "Photo : AP", "Par Euronews", "Suivez-nous sur Facebook", "© Reuters",
    "Tous droits réservés", "Follow us on Google News", "À lire aussi", "’", "«", "»",
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def reference_lines(text: str) -> list[tuple[int, str, str, str, bool]]:
    """The per-line computation the fast path must agree with."""
    lines, blank_before = [], False
    for number, raw in enumerate(text.splitlines(), start=1):
        tidy = tidy_spaces(raw)
        if not tidy:
            blank_before = True
            continue
        tidy = fix_punctuation(tidy)
        lines.append((number, raw, tidy, match_key(tidy), blank_before))
        blank_before = False
    return lines


@settings(max_examples=300)
@given(texts)
def test_document_lines_match_the_per_line_computation(text: str) -> None:
    doc = Document.from_text(text)
    got = [(line.number, line.original, line.text, line.key, line.blank_before)
           for line in doc.lines]
    assert got == reference_lines(text)
    assert all(line.folded == line.key.casefold() for line in doc.lines)


RULES = load_rules(())
MATCHERS = [LineMatcher((r.id, r.match) for r in RULES.generic if r.kind is kind)
            for kind in (Kind.LINE, Kind.HEAD, Kind.TAIL)]
FINGERPRINTS = LineMatcher((s.name, s.fingerprints) for s in RULES.sites.values()
                           if s.fingerprints)
CREDITS = CreditMatcher([(r.id, r.match) for r in RULES.generic if r.kind is Kind.CAPTION])

lines = st.lists(st.sampled_from(PIECES[:3] + PIECES[22:] + ["x" * 300, "Le " * 90]),
                 min_size=1, max_size=12).map(" ".join)


@settings(max_examples=300)
@given(st.lists(lines, min_size=1, max_size=6))
def test_prefilters_never_turn_away_a_line_that_matches(keys: list[str]) -> None:
    keys = [match_key(k) for k in keys]
    index = KeyIndex(keys)
    for matcher in [*MATCHERS, FINGERPRINTS]:
        candidates = matcher.candidates(index)
        for i, key in enumerate(keys):
            if matcher.match(key) is not None or matcher.match_all(key):
                assert i in candidates and matcher.could_match(key), key
            assert (i in candidates) == matcher.could_match(key), key
    credit_candidates = CREDITS.candidates(index)
    for i, key in enumerate(keys):
        if CREDITS.match(key) is not None:
            assert credit_candidates is None or i in credit_candidates, key


@given(st.sampled_from([r"Par \p{Lu}\w{1,20}", r"(?:Publié|Mis à jour)(?: le)? \d{1,2}",
                        r"\[?(?:Read|See) more: .{1,80}", r"(?:Additional )?Reporting by .{3,9}",
                        r"Stra(?:ß|ss)e \d{1,3}"]),
       st.text(alphabet="PpaAuUbBlLiIéÉ[rRsSeE mMoO:AdDtTßß0123456789", max_size=30))
def test_every_match_starts_with_one_of_the_pattern_openings(pattern: str, tail: str) -> None:
    import regex
    openings = prefixes(pattern, 3)
    assert openings is not None
    for text in (tail, "Par " + tail, "Mis à jour le 1" + tail, "[Read more: " + tail,
                 "Reporting by " + tail, "Straße 12"):
        if regex.fullmatch(f"(?i:{pattern})", text):
            assert text.casefold()[:3] in openings or any(
                text.casefold().startswith(o) for o in openings), (pattern, text)
