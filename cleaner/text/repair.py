"""`repair_text`: every repair of `cleaner.text.fixes`, in a safe order, explained.

The order matters:

1. surrogates, so that nothing downstream meets an unencodable string;
2. HTML entities, so that '&Atilde;&copy;' reaches the mojibake repair as
   'Ã©' and '&shy;' reaches the invisible-character removal as a soft hyphen;
3. mojibake, before anything maps a space: in Windows-1252 mojibake 'à'
   is 'Ã' followed by a no-break space. Just before it, what would stop
   ftfy and can never be a byte of mojibake goes: C0 controls, and invisible
   characters but a soft hyphen that may be byte AD of a sequence ('Ã\u00ad'
   is 'í') and joiners ('oui\u00adâ€\x9d' must reach ftfy as 'ouiâ€\x9d':
   otherwise ftfy leaves it, and removing the C1 control '\x9d' afterwards
   would leave 'â€', which reads as '†');
4. controls (C1 ones too, once ftfy has read what it could), 5. invisible
   characters, 6. NFC (removing a zero-width space can leave 'e' and a
   combining accent side by side);
7. line endings, 8. tabs and runs of spaces, 9. stray no-break spaces.

When a character step or NFC changed the text, the whole sequence runs
again (at most three rounds), so that the result is stable: 'Ã&#169;' needs
entities then mojibake. Layout changes cost another round only where they
can matter to the others: on text the one-scan check flagged, or where a
lead byte now stands before a plain space ('Â\\t' becomes 'Â ', the mojibake
of a no-break space). Clean text pays for one scan of its rare characters
(`cleaner.text.scan`), which answers the character check, NFC and every
layout step but the double-space test, and for one search of mojibake pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from cleaner.result import Repair
from cleaner.text.chardata import LINE_BREAKS
from cleaner.text.config import RepairConfig
from cleaner.text.detect import needs_char_repair
from cleaner.text.fixes.characters import (
    fix_controls_and_explain,
    fix_invisibles_and_explain,
    fix_normalization_and_explain,
)
from cleaner.text.fixes.encoding import fix_mojibake_and_explain, fix_surrogates_and_explain
from cleaner.text.fixes.entities import fix_entities_and_explain
from cleaner.text.fixes.fixed import Fixed
from cleaner.text.fixes.layout import (
    fix_line_endings_and_explain,
    fix_spaces_and_explain,
    fix_stray_nbsp_and_explain,
)
from cleaner.text.scan import Scan, nfc_inert, scan_text

DEFAULT_CONFIG = RepairConfig()
_MAX_ROUNDS = 3

Step = tuple[str, Callable[[str], Fixed]]


@lru_cache(maxsize=64)
def _character_steps(config: RepairConfig) -> list[Step]:
    """The steps behind the one-scan check of `needs_char_repair` (built once per config)."""
    steps: list[Step] = []
    if config.surrogates:
        steps.append(("surrogates", fix_surrogates_and_explain))
    if config.entities:
        steps.append(("entities", fix_entities_and_explain))
    if config.mojibake:
        if config.controls:
            steps.append(("controls", lambda text: fix_controls_and_explain(text, c1=False)))
        if config.invisibles:
            steps.append(("invisibles", lambda text: fix_invisibles_and_explain(
                text, before_mojibake=True)))
        gate = config.mojibake_gate
        steps.append(("mojibake", lambda text: fix_mojibake_and_explain(text, gate=gate)))
    if config.controls:
        steps.append(("controls", fix_controls_and_explain))
    if config.invisibles:
        steps.append(("invisibles", fix_invisibles_and_explain))
    return steps


@lru_cache(maxsize=64)
def _layout_steps(config: RepairConfig) -> list[Step]:
    steps: list[Step] = []
    if config.line_endings:
        steps.append(("line_endings", fix_line_endings_and_explain))
    if config.spaces:
        steps.append(("spaces", fix_spaces_and_explain))
    if config.stray_nbsp:
        steps.append(("stray_nbsp", fix_stray_nbsp_and_explain))
    return steps


def _nothing_to_lay_out(step: str, found: Scan) -> bool:
    """True when the layout `step` surely leaves the text `found` is the scan of as it is.

    Line endings need a line break other than LF, spaces a tab or two spaces
    in a row, stray no-break spaces a no-break space: each a rare character
    but the double space, which the scan looked for too.

    >>> [_nothing_to_lay_out(step, scan_text("un\\u00a0deux")) for step in _LAYOUT_CHARS]
    [True, True, False]
    >>> [_nothing_to_lay_out(step, scan_text("un\\r\\ndeux  trois")) for step in _LAYOUT_CHARS]
    [False, False, True]
    """
    if step == "spaces" and found.double_space:
        return False
    return found.plain or not any(char in found.rare for char in _LAYOUT_CHARS[step])


# The rare characters each layout step acts on (`chardata.LINE_BREAKS`, tab, NBSP and NNBSP).
_LAYOUT_CHARS = {"line_endings": LINE_BREAKS, "spaces": "\t", "stray_nbsp": "\u00a0\u202f"}


def _merge(repairs: dict[str, Repair], step: str, fixed: Fixed) -> None:
    known = repairs.get(step)
    if known is None:
        repairs[step] = Repair(step, fixed.changes, fixed.detail)
    else:
        details = [d for d in (known.detail, fixed.detail) if d]
        detail = known.detail if fixed.detail in details[:1] else "; ".join(details)
        repairs[step] = Repair(step, known.count + fixed.changes, detail)


def merge_repairs(first: list[Repair], then: list[Repair]) -> list[Repair]:
    """Two lists of repairs as one, a step named once with both counts, in step order."""
    repairs: dict[str, Repair] = {}
    for repair in (*first, *then):
        _merge(repairs, repair.step, Fixed("", repair.count, repair.detail))
    return sorted(repairs.values(), key=lambda repair: _STEP_ORDER[repair.step])


def repair_text(text: str, config: RepairConfig = DEFAULT_CONFIG) -> tuple[str, list[Repair]]:
    """Repair broken text; return it with the list of repairs applied, in order.

    Each `Repair` names its step ('surrogates', 'entities', 'mojibake',
    'controls', 'invisibles', 'nfc' or 'nfkc', 'line_endings', 'spaces',
    'stray_nbsp', in that order), how many things it mended and how (what
    the passes before the mojibake repair removed counts for 'controls' and
    'invisibles'). Clean text comes back
    as it is, with no repairs. Style (quotes, dashes, meaningful no-break
    spaces) is never touched: see `cleaner.typography.profiles`.

    >>> repair_text("Le pre\\u0301sident a parlé.")
    ('Le président a parlé.', [Repair(step='nfc', count=1, detail='NFC')])
    >>> text, repairs = repair_text("\\ufeffPUBLICITÃ‰\\r\\nPUBLI&shy;CIT&Eacute;\\r\\n"
    ...                             "Partager&nbsp;cet article")
    >>> text
    'PUBLICITÉ\\nPUBLICITÉ\\nPartager cet article'
    >>> [r.step for r in repairs]
    ['entities', 'mojibake', 'invisibles', 'line_endings', 'stray_nbsp']
    >>> repair_text("voilÃ\\u00a0 tout, Ã\\u00a0 Paris")[0]
    'voilà tout, à Paris'

    A no-break space's A0 byte made a tab, or lost on a line of its own, and
    a soft hyphen in front of mojibake:

    >>> repair_text("Il s’est opposÃ© Ã\\tcette demande.\\n Â \\nIl a dit â€œoui\\u00adâ€\\x9d.")[0]
    'Il s’est opposé à cette demande.\\n\\xa0\\nIl a dit “oui”.'
    """
    form = "NFKC" if config.nfkc else ("NFC" if config.nfc else None)
    character_steps = _character_steps(config)
    layout_steps = _layout_steps(config)
    repairs: dict[str, Repair] = {}
    for _ in range(_MAX_ROUNDS):
        changed = False
        # What the text holds, read once: while it stays the same, the checks
        # below and those of the steps are answered from this.
        scanned, found = text, scan_text(text)
        flagged = bool(character_steps) and (needs_char_repair(text) or not (
            config.mojibake_gate or text.isascii()))
        if flagged:
            for step, fix in character_steps:
                fixed = fix(text)
                if fixed.text != text:
                    _merge(repairs, step, fixed)
                    text = fixed.text
                    changed = True
        if form is not None and not (form == "NFC" and text is scanned and nfc_inert(found)):
            fixed = fix_normalization_and_explain(text, form)
            if fixed.text != text:
                _merge(repairs, form.lower(), fixed)
                text = fixed.text
                changed = True
        layout_changed = False
        for step, fix in layout_steps:
            if text is scanned and _nothing_to_lay_out(step, found):
                continue
            fixed = fix(text)
            if fixed.text != text:
                _merge(repairs, step, fixed)
                text = fixed.text
                layout_changed = True
        # Layout steps only remove spaces and tabs or make them plain spaces: they
        # never join two other characters. What they can change is ftfy's answer on
        # a line the check flagged ('â‰\\t' is mojibake only once the tab is a
        # space), or a lead byte before a new plain space ('Ã ', a lost A0 byte).
        if not changed and not (layout_changed and (
                flagged or any(lead in text for lead in _LOST_A0))):
            break
    return text, sorted(repairs.values(), key=lambda repair: _STEP_ORDER[repair.step])


_STEP_ORDER = {step: rank for rank, step in enumerate((
    "surrogates", "entities", "mojibake", "controls", "invisibles", "nfc", "nfkc",
    "line_endings", "spaces", "stray_nbsp"))}
_LOST_A0 = ("\u00c2 ", "\u00c3 ")
