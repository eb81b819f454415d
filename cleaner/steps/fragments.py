"""The inline step: junk fragments cut out of lines that are otherwise kept."""

from __future__ import annotations

from cleaner.lines.document import Document, Line
from cleaner.steps.plan import Plan
from cleaner.text.spaces import match_key


def _join_around_cuts(pieces: list[str]) -> str:
    out = ""
    for piece in (p.strip(" ") for p in pieces):
        if not piece:
            continue
        out = piece if not out else out + ("" if piece[0] in ",.;:!?)]»”" else " ") + piece
    return out


def strip_fragments(doc: Document, plan: Plan) -> None:
    """Inline rules: cut junk fragments out of lines that are otherwise kept.

    A line cut is a new line: it is read again (`Document.mend`) and cut again
    until no fragment is left (a cut can bring two halves of a fragment
    together), then matched as a whole line by the later steps.
    """
    if not plan.inline:
        return
    candidates = doc.candidates("inline", plan.inline.candidates)
    lines = doc.lines
    for index in range(len(lines)) if candidates is None else sorted(candidates):
        line = lines[index]
        if line.kept and _cut(doc, line, plan):
            doc.cut.append(line)
    if doc.cut:
        doc.forget_candidates()


def _cut(doc: Document, line: Line, plan: Plan) -> bool:
    """Cut `line` until no fragment is left; True when it changed.

    Every cut leaves fewer characters but spaces, or is not made (a fragment
    that reading the line again would restore): so it ends, and a second
    cleaning finds nothing more to cut.
    """
    changed = False
    while line.kept:
        fragments = list(plan.inline.find(line.text, line.key))
        if not fragments:
            break
        pieces, last = [], 0
        for fragment in fragments:
            pieces.append(line.text[last:fragment.start])
            last = fragment.end
        pieces.append(line.text[last:])
        # A cut can leave "lourd. ." or "Russie.selon": mend them as at reading.
        text = doc.mend(_join_around_cuts(pieces))
        key = match_key(text)
        if key and _non_spaces(key) >= _non_spaces(line.key):
            break
        for fragment in fragments:
            doc.remove_fragment(line, line.text[fragment.start:fragment.end], fragment.rule)
        if not key:
            doc.remove(line, fragments[0].rule)
        else:
            line.set_text(text, key)
            changed = True
    return changed


def _non_spaces(key: str) -> int:
    return len(key) - key.count(" ")
