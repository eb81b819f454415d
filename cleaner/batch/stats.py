"""Counting what a run did: documents, bytes, errors, removals per rule, throughput."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.batch.items import Outcome

MAX_ERRORS_KEPT = 1000


@dataclass(slots=True)
class Stats:
    """Running totals of a pipeline run (`add` each outcome, `to_dict` at the end)."""

    documents: int = 0
    errors: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    inputs: int = 0
    skipped_inputs: int = 0
    worker_restarts: int = 0
    removals: Counter[str] = field(default_factory=Counter)
    error_messages: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0

    def add(self, outcome: Outcome) -> None:
        self.documents += outcome.documents
        self.bytes_in += outcome.bytes_in
        self.bytes_out += len(outcome.data)
        if outcome.rules:  # most clean documents remove nothing: no Counter.update call
            self.removals.update(outcome.rules)
        if outcome.error is not None or outcome.errors:
            errors = outcome.all_errors()
            self.errors += len(errors)
            room = MAX_ERRORS_KEPT - len(self.error_messages)
            if room > 0:
                self.error_messages.extend(errors[:room])

    def add_error(self, message: str) -> None:
        """Count a failure that has no outcome (an input that is not there)."""
        self.errors += 1
        if len(self.error_messages) < MAX_ERRORS_KEPT:
            self.error_messages.append(message)

    def finish(self) -> None:
        self.seconds = time.perf_counter() - self.started

    def merge(self, other: Stats) -> None:
        """Add another run's totals (Dask: one Stats per file)."""
        self.documents += other.documents
        self.errors += other.errors
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out
        self.inputs += other.inputs
        self.skipped_inputs += other.skipped_inputs
        self.removals.update(other.removals)
        room = MAX_ERRORS_KEPT - len(self.error_messages)
        self.error_messages.extend(other.error_messages[:max(0, room)])

    def to_dict(self) -> dict[str, Any]:
        """The ``--stats FILE`` JSON.

        >>> s = Stats(documents=2, bytes_in=3_000_000, seconds=1.5)
        >>> s.removals.update(["fr.ad", "fr.ad"])
        >>> d = s.to_dict(); d["mb_per_s"], d["removals"], d["documents_per_s"]
        (2.0, {'fr.ad': 2}, 1.33)
        """
        seconds = self.seconds or 1e-9
        return {
            "documents": self.documents,
            "errors": self.errors,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "inputs": self.inputs,
            "skipped_inputs": self.skipped_inputs,
            "worker_restarts": self.worker_restarts,
            "seconds": round(self.seconds, 3),
            "mb_per_s": round(self.bytes_in / 1e6 / seconds, 2),
            "documents_per_s": round(self.documents / seconds, 2),
            "removed_lines": sum(self.removals.values()),
            "removals": dict(self.removals.most_common()),
            "error_messages": self.error_messages,
        }

    def write_json(self, path: str) -> None:
        from cleaner.io.writing import atomic_write

        atomic_write(Path(path), json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n")

    def summary(self, top: int = 10) -> list[str]:
        """The human summary printed on stderr at the end of a run.

        >>> Stats(documents=3, errors=1, bytes_in=2_000_000, bytes_out=1_000_000,
        ...       seconds=2.0).summary()[0]
        '3 documents, 1 error, 2.0 MB in, 1.0 MB out, 2.0 s, 1.0 MB/s'
        """
        seconds = self.seconds or 1e-9
        lines = [f"{self.documents} document{_s(self.documents)}, {self.errors} "
                 f"error{_s(self.errors)}, {self.bytes_in / 1e6:.1f} MB in, "
                 f"{self.bytes_out / 1e6:.1f} MB out, {self.seconds:.1f} s, "
                 f"{self.bytes_in / 1e6 / seconds:.1f} MB/s"]
        if self.skipped_inputs:
            lines.append(f"{self.skipped_inputs} input{_s(self.skipped_inputs)} already "
                         f"done (--resume)")
        if self.worker_restarts:
            lines.append(f"{self.worker_restarts} worker{_s(self.worker_restarts)} replaced")
        if self.removals:
            total = sum(self.removals.values())
            ranked = ", ".join(f"{rule} {count}" for rule, count in self.removals.most_common(top))
            more = " ..." if len(self.removals) > top else ""
            lines.append(f"{total} line{_s(total)} removed: {ranked}{more}")
        return lines


def _s(count: int) -> str:
    return "" if count == 1 else "s"
