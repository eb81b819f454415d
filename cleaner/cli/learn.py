"""``clean learn INPUT --site HOST [-o FILE]``: learn a site's template lines from its documents."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from cleaner.io.writing import atomic_write
from cleaner.learn.rulefile import write_rule_file
from cleaner.text.decode import DecodeError, decode_bytes


def read_corpus(source: Path) -> list[str]:
    """The documents of a folder (every file, sorted by name) or of a JSONL file ("text" field).

    In a folder, a link to a file outside it is skipped (with a line on stderr): the rule
    file learnt must hold only lines of the site's own documents.
    """
    if source.is_dir():
        texts = []
        root = source.resolve()
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            if not path.resolve().is_relative_to(root):
                print(f"clean learn: {path}: skipped, a link out of {source}", file=sys.stderr)
                continue
            try:
                texts.append(decode_bytes(path.read_bytes())[0])
            except DecodeError:
                continue  # a binary file in the folder is not a document
        return texts
    texts = []
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{source}:{number}: not JSON: {exc.msg}") from exc
        text = record.get("text") if isinstance(record, dict) else None
        if not isinstance(text, str):
            raise ValueError(f"{source}:{number}: each line needs a \"text\" string")
        texts.append(text)
    return texts


def learn_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="clean learn",
        description="Write a rule file for a site from the lines its documents repeat.")
    parser.add_argument("input", type=Path, help="a folder of documents, or a JSONL file")
    parser.add_argument("--site", required=True, help="the site's name (its host)")
    parser.add_argument("--host", action="append", default=[], help="hosts (default: SITE)")
    parser.add_argument("--min-docs", type=int, default=3,
                        help="documents a line must appear in (default 3)")
    parser.add_argument("-o", "--output", type=Path, help="rule file to write (default stdout)")
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.min_docs < 2:
        print("clean learn: --min-docs must be at least 2", file=sys.stderr)
        return 2
    try:
        texts = read_corpus(args.input)
    except (OSError, ValueError) as exc:
        print(f"clean learn: {exc}", file=sys.stderr)
        return 1
    if len(texts) < args.min_docs:
        print(f"clean learn: {args.input}: {len(texts)} documents, fewer than --min-docs "
              f"{args.min_docs}", file=sys.stderr)
        return 1
    rules = write_rule_file(texts, args.site, hosts=args.host, min_docs=args.min_docs)
    if args.output is None:
        sys.stdout.write(rules)
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(args.output, rules)
    return 0
