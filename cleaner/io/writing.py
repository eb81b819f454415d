"""Write a file atomically: readers see the old content or the new, never half of it.

The text goes to a temporary file in the same directory (so that the final
rename stays on one file system), is flushed to disk, then renamed over the
target. If anything fails, the temporary file is removed and the original is
left exactly as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

# tempfile.mkstemp's flags: a new file (never one that exists, nor a link), closed on exec.
_TEMP_FLAGS = (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
_TEMP_TRIES = 10000  # tempfile.TMP_MAX


def make_temp(directory: str | os.PathLike[str], prefix: str, suffix: str) -> tuple[int, str]:
    """Create a new file in `directory`, readable by its owner only: (open fd, absolute path).

    What ``tempfile.mkstemp(suffix, prefix, directory)`` does (the same flags,
    mode and checks), without importing tempfile, which imports random and
    shutil: ~3.5 ms of the start-up of every ``clean`` that writes, on top of
    shutil (which argparse imports for its help anyway).
    """
    folder = os.path.abspath(directory)
    for _ in range(_TEMP_TRIES):
        name = os.path.join(folder, f"{prefix}{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(name, _TEMP_FLAGS, 0o600), name
        except FileExistsError:
            continue
        except PermissionError:
            # Windows says so when a directory of that name exists.
            if os.name == "nt" and os.path.isdir(folder) and os.access(folder, os.W_OK):
                continue
            raise
    raise FileExistsError(errno.EEXIST, "No usable temporary file name found")


def atomic_write(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Replace (or create) `path` with `text`, atomically.

    An existing file keeps its permission bits; a new one gets the usual
    ``0o666 & ~umask``. A symbolic link is followed: the file it points to is
    replaced and the link stays. Newlines are written as they are in `text`.
    """
    target = Path(os.path.realpath(path))
    mode = _mode_for(target)
    fd, temp_name = make_temp(target.parent, f".{target.name}.", ".tmp")
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
