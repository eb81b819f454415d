"""Write a file atomically: readers see the old content or the new, never half of it.

The text goes to a temporary file in the same directory (so that the final
rename stays on one file system), is flushed to disk, then renamed over the
target. If anything fails, the temporary file is removed and the original is
left exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


def atomic_write(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Replace (or create) `path` with `text`, atomically.

    An existing file keeps its permission bits; a new one gets the usual
    ``0o666 & ~umask``. A symbolic link is followed: the file it points to is
    replaced and the link stays. Newlines are written as they are in `text`.
    """
    # Here, not at the top: tempfile imports random and shutil, a cost every `clean`
    # would pay at start-up, and only a run that writes a file needs it.
    import tempfile

    target = Path(os.path.realpath(path))
    mode = _mode_for(target)
    # A new file, readable by its owner only until it is complete and given its mode.
    fd, temp_name = tempfile.mkstemp(suffix=".tmp", prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_directory(target.parent)


def _mode_for(target: Path) -> int:
    """The permission bits of the file being replaced, or the default for a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_current_umask()


def _current_umask() -> int:
    # The only portable way to read the umask is to set it and put it back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (not possible, and not needed, everywhere)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
