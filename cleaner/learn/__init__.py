"""Learning from repetition: a site's template lines, mined across its documents.

`mine` counts the lines (and number-free line shapes) printed by many
documents; `write_rule_file` turns them into a reviewable rule file
(``clean learn``); `RepeatedLines` and `clean_batch` remove them from a batch
directly, without writing rules.
"""

from __future__ import annotations

from cleaner.learn.repeated import RULE, Repeated, RepeatedLines, clean_batch, mine
from cleaner.learn.rulefile import write_rule_file

__all__ = ["RULE", "Repeated", "RepeatedLines", "clean_batch", "mine", "write_rule_file"]
