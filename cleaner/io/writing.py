"""Write a file atomically: readers see the old content or the new, never half of it.

The text goes to a temporary file in the same directory (so that the final
rename stays on one file system), is flushed to disk, then renamed over the
target. If anything fails, the temporary file is removed and the original is
left exactly as it was.

Atomic renaming is for regular files only: a device (``/dev/null``), a FIFO or
a socket is written in place, never replaced by a file, and so is a name of one
of this process's open descriptors (``/dev/stdout``, ``/dev/fd/N``): the
writing goes through the descriptor, so that ``-o /dev/stdout >> log``
appends to the log rather than replacing it (`in_place_stream`).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
from pathlib import Path
from typing import BinaryIO

# The names of a process's open descriptors: /dev/stdout, /dev/fd/1, /proc/self/fd/1.
_DESCRIPTOR = re.compile(r"/dev/(?:std(in|out|err)|fd/(\d+))|/proc/(?:self|(\d+))/fd/(\d+)")
_STANDARD = {"in": 0, "out": 1, "err": 2}


def atomic_write(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Replace (or create) `path` with `text`, atomically.

    An existing file keeps its permission bits; a new one gets the usual
    ``0o666 & ~umask``. A symbolic link is followed: the file it points to is
    replaced and the link stays. Newlines are written as they are in `text`.
    A target that is not a regular file is written in place (`in_place_stream`).
    """
    # Here, not at the top: tempfile imports random and shutil, a cost every `clean`
    # would pay at start-up, and only a run that writes a file needs it.
    import tempfile

    stream = in_place_stream(path)
    if stream is not None:
        with stream:
            stream.write(text.encode(encoding))
        return
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


def in_place_stream(path: str | os.PathLike[str]) -> BinaryIO | None:
    """`path` opened for writing in place when it must not be replaced by renaming; None
    for a regular file, or no file yet (write it atomically).

    A name of an open descriptor of this process (``/dev/stdout``, ``/dev/fd/N``,
    reached through links or not) gives a copy of that descriptor: what is written
    goes where the descriptor's writes go (the end of a file opened by ``>>``). A
    device, FIFO or socket is opened without truncation, as a shell's ``>`` would.
    """
    descriptor = _descriptor(os.fspath(path))
    if descriptor is not None:
        with contextlib.suppress(AttributeError, OSError, ValueError):
            sys.stdout.flush()  # what this process printed comes first
        return os.fdopen(os.dup(descriptor), "wb")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # no such file (created atomically), or a failure the rename will name
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return os.fdopen(os.open(path, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0)), "wb")


def _descriptor(path: str) -> int | None:
    """The descriptor `path` names, following links (`/dev/stdout` -> 1), or None."""
    for _ in range(40):  # the kernel's limit on links followed
        found = _DESCRIPTOR.fullmatch(os.path.normpath(os.path.abspath(path)))
        if found:
            std, dev_fd, pid, proc_fd = found.groups()
            if pid is not None and int(pid) != os.getpid():
                return None
            return _STANDARD[std] if std else int(dev_fd or proc_fd)
        if not os.path.islink(path):
            return None
        path = os.path.join(os.path.dirname(path), os.readlink(path))
    return None


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
