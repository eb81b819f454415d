"""Which patterns and selectors of the bundled rules already passed the load-time checks.

Loading a rule file compiles each regex pattern and probes it for
catastrophic backtracking (`cleaner.ruleset.loader.check_pattern`), and parses
each CSS selector with lexbor (`cleaner.ruleset.html.check_selector`). For the
bundled rules that was most of the start-up of the ``clean`` command (~70 ms
of compiling and probing, and ~15 ms to import selectolax), spent to find
again, on every run, what was found when the rules were written.

So the package ships the digests of the checks the bundled rules passed
(``_verified.py``, written by ``python -m tests.make_verified``; a test
fails when it is stale). A digest covers everything the check depends on:
the pattern, the examples it is probed with, the probes and their time
limit, and the version of ``regex`` (or of selectolax, for a selector).
A check whose digest is listed is skipped; any other check, such as every
check of a user's rule file, or all of them after ``regex`` is upgraded,
runs as before. Nothing is written at run time: no cache on disk to lock,
trust or repair.
"""

from __future__ import annotations

from pathlib import Path

from cleaner.ruleset._verified import DIGESTS

try:  # the built-in hash module: hashlib would load OpenSSL first (~4 ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a CPython built without it
    from hashlib import blake2b

# While the manifest is written: every check runs, and the digests of those passed go here.
_recording: set[str] | None = None


def digest(*parts: str) -> str:
    """The digest of a check, given everything its outcome depends on.

    >>> len(digest("pattern", "Publicité")), digest("a", "b") == digest("a", "b")
    (32, True)
    >>> digest("a", "b") == digest("ab"), digest("a", "b") == digest("a", "b", "")
    (False, False)
    """
    return blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def known(key: str) -> bool:
    """True when the check of this digest was passed by the bundled rules (so may be skipped)."""
    return _recording is None and key in DIGESTS


def passed(key: str) -> None:
    """Note that a check was run and passed (kept only while the manifest is written)."""
    if _recording is not None:
        _recording.add(key)


MANIFEST = Path(__file__).with_name("_verified.py")

_HEADER = '''"""Digests of the checks the bundled rules passed: see `cleaner.ruleset.verified`.

Written by ``python -m tests.make_verified``; do not edit.
"""

# What the checks were run with (the digests cover them too; this is for the test
# that tells a stale list from one written with other versions).
VERSIONS = {versions!r}

DIGESTS = frozenset({{
'''


def versions() -> dict[str, str]:
    """The versions of the libraries the checks depend on, as installed."""
    import regex
    import selectolax

    return {"regex": str(regex.__version__), "selectolax": str(selectolax.__version__)}


def render() -> str:
    """The manifest for the bundled rules as they are now, every check run afresh."""
    from cleaner.ruleset.loader import bundled_rules_dir, load_dir

    global _recording
    _recording = set()
    try:
        load_dir(bundled_rules_dir())  # raises RuleError if a check fails
        keys = sorted(_recording)
    finally:
        _recording = None
    return _HEADER.format(versions=versions()) + "".join(f'    "{key}",\n' for key in keys) + "})\n"
