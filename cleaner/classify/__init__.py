"""The generic line classifier for pages no site rule knows (see `classifier`)."""

from __future__ import annotations

from cleaner.classify.classifier import (
    HEADLINE_RULE,
    Decision,
    Judgement,
    body_span,
    classify,
    judge,
)
from cleaner.classify.features import LineView, Text
from cleaner.classify.lexicon import Lexicon, LexiconError, default_lexicon, load_lexicon

__all__ = [
           "HEADLINE_RULE",
           "Decision",
           "Judgement",
           "Lexicon",
           "LexiconError",
           "LineView",
           "Text",
           "body_span",
           "classify",
           "default_lexicon",
           "judge",
           "load_lexicon",
]
