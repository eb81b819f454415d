"""What ``--explain`` and ``--diff`` print about one cleaned document.

Shared by the ``clean`` command and the batch workers, which write the same
lines for each record of a JSONL or WARC input.
"""

from __future__ import annotations

import difflib

from cleaner.result import Removal, Repair, Result


def explain_lines(name: str, result: Result) -> list[str]:
    """Site, language, every repair, page metadata, removal and warning of one document.

    >>> explain_lines("a.txt", Result("x\\n", lang="fr", removed=(Removal(2, "Pub", "fr.ad"),)))
    ['a.txt: lang: fr', 'a.txt:2: fr.ad [generic]: Pub']
    """
    lines = []
    if result.sites:
        lines.append(f"{name}: site: {', '.join(result.sites)}")
    if result.lang:
        lines.append(f"{name}: lang: {result.lang}")
    lines.extend(f"{name}: repaired: {describe_repair(repair)}" for repair in result.repairs)
    lines.extend(explain_html(name, result))
    lines.extend(f"{name}:{removal.line}: {describe_removal(removal)}"
                 for removal in result.removed)
    lines.extend(f"{name}:{kept.line}: kept: {describe_removal(kept)}" for kept in result.kept)
    lines.extend(f"{name}: warning: {warning}" for warning in result.warnings)
    return lines


def explain_html(name: str, result: Result) -> list[str]:
    """The --explain lines of a page's metadata and pruned elements."""
    lines = []
    for field in ("title", "author", "date", "sitename", "canonical_url"):
        value = getattr(result, field)
        if value:
            lines.append(f"{name}: {field}: {value}")
    lines.extend(f"{name}: caption: {caption}" for caption in result.captions)
    lines.extend(f"{name}: html: {p.rule} [{p.scope}] {p.selector}: {p.text}"
                 for p in result.pruned)
    return lines


def describe_repair(repair: Repair) -> str:
    """One repair for --explain: its step, how many times, and how.

    >>> describe_repair(Repair("mojibake", 3, "encode sloppy-windows-1252, decode utf-8"))
    'mojibake ×3 (encode sloppy-windows-1252, decode utf-8)'
    >>> describe_repair(Repair("decode", 1, "cp1252")), describe_repair(Repair("spaces", 2))
    ('decode ×1 (cp1252)', 'spaces ×2')
    """
    detail = f" ({repair.detail})" if repair.detail else ""
    return f"{repair.step} ×{repair.count}{detail}"


def describe_removal(removal: Removal) -> str:
    """One removal for --explain, after ``PATH:LINE: ``: ``RULE [scope]: text``."""
    what = f"{removal.rule} [{removal.scope}]"
    if removal.fragment:
        what += " (fragment)"
    if removal.detail:
        what += f" ({removal.detail})"
    return f"{what}: {removal.text}"


def unified_diff(name: str, before: str, after: str) -> str:
    """A unified diff like diff -u's, with its mark for a missing final newline.

    >>> print(unified_diff("a.txt", "Pub\\nTexte.\\n", "Texte.\\n"), end="")
    --- a.txt
    +++ a.txt (cleaned)
    @@ -1,2 +1 @@
    -Pub
     Texte.
    """
    lines = difflib.unified_diff(before.splitlines(keepends=True),
                                 after.splitlines(keepends=True),
                                 fromfile=name, tofile=f"{name} (cleaned)")
    return "".join(line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n"
                   for line in lines)


def to_utf8(text: str) -> bytes:
    """UTF-8; a file name that is not (a lone surrogate) goes out as its original bytes.

    >>> to_utf8("é"), to_utf8("\\udce9"), to_utf8("\\ud800")
    (b'\\xc3\\xa9', b'\\xe9', b'\\\\ud800')
    """
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace")
