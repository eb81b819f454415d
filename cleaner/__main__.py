"""``python -m cleaner``: the same as the ``clean`` command."""

from cleaner.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
