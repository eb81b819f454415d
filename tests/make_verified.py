"""Write cleaner/ruleset/_verified.py: the digests of the checks the bundled rules pass.

    python -m tests.make_verified

Run it after editing a bundled rule file (or upgrading ``regex`` or
selectolax); `tests/test_loader.py` fails until then. Every check is run
afresh, so a broken bundled rule is reported here as at load time.
"""

from __future__ import annotations

from cleaner.ruleset import verified

if __name__ == "__main__":
    verified.MANIFEST.write_text(verified.render(), encoding="utf-8")
    print(f"wrote {verified.MANIFEST}")
