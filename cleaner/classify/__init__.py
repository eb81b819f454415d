"""The generic line classifier for pages no site rule knows (see `classifier`)."""

from __future__ import annotations

from cleaner.classify.classifier import Decision, body_span, classify, language_matters
from cleaner.classify.features import LineView, Text
from cleaner.classify.lexicon import Lexicon, LexiconError, default_lexicon, load_lexicon

__all__ = [
           "Decision",
           "Lexicon",
           "LexiconError",
           "LineView",
           "Text",
           "body_span",
           "classify",
           "default_lexicon",
           "language_matters",
           "load_lexicon",
]
