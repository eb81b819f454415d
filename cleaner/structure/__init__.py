"""The article's structure: blocks found in text or in trafilatura's tree, settled on what
the rules keep, rendered as Markdown or JSON (see docs/formats.md)."""

from cleaner.blocks import Block
from cleaner.structure.markdown import to_json, to_markdown

__all__ = ["Block", "to_json", "to_markdown"]
