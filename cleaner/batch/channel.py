"""Messages between the process executor and its workers, over a socket pair.

A message is pickled (protocol 5) with its large byte strings — the data of
`JsonBlock`s one way, of `Outcome`s the other, i.e. nearly every byte of a
batch — taken out of band: they go to the socket straight from the objects
that hold them (one ``sendmsg`` of every part) and come out of it straight
into the objects the other side uses (one ``recv`` each, MSG_WAITALL).
`multiprocessing.Connection` copied each byte three more times on the way:
into the pickle, into a read buffer, out of it into an ``io.BytesIO``.

Framing: a fixed header (length of the pickle, number of buffers), the
length of each buffer, the pickle, the buffers. Unix only (``sendmsg``, like
the process executor's ``poll``).
"""

from __future__ import annotations

import pickle
import socket
import struct
from typing import Any

_HEADER = struct.Struct("<QI")
_LENGTH = struct.Struct("<Q")
# Parts of one sendmsg: the system limit (IOV_MAX) is 1024 on Linux and macOS.
_MAX_PARTS = 512
# Absent on some systems: a short read is then completed by the loop.
_WAITALL = getattr(socket, "MSG_WAITALL", 0)
_DONTWAIT = socket.MSG_DONTWAIT


def frame(message: Any) -> list[memoryview]:
    """The bytes that carry `message`, in parts (the out-of-band ones are not copied).

    >>> from pickle import PickleBuffer
    >>> [part.nbytes for part in frame(PickleBuffer(b"x" * 100_000))]  # header, pickle, bytes
    [20, 5, 100000]
    """
    buffers: list[pickle.PickleBuffer] = []
    data = pickle.dumps(message, protocol=5, buffer_callback=buffers.append)
    raws = [buffer.raw() for buffer in buffers]
    lengths = b"".join([_LENGTH.pack(raw.nbytes) for raw in raws])
    head = memoryview(_HEADER.pack(len(data), len(raws)) + lengths)
    return [head, memoryview(data), *[raw for raw in raws if raw.nbytes]]


def send(sock: socket.socket, message: Any) -> None:
    """Write `message` whole to `sock` (blocks until the kernel has it all)."""
    views = frame(message)
    while views:
        _advance(views, sock.sendmsg(views[:_MAX_PARTS]))


def send_some(sock: socket.socket, views: list[memoryview]) -> list[memoryview]:
    """Write what `sock` takes of `views` without waiting; what is left of them.

    The process executor's parent sends this way: blocked on a worker busy cleaning (whose
    socket is full), it could not read that worker's results, which would block the worker
    in turn when they do not fit in its socket either (a deadlock, with the usual limit on
    socket buffers, net.core.wmem_max = 208 KB).
    """
    while views:
        try:
            sent = sock.sendmsg(views[:_MAX_PARTS], (), _DONTWAIT)
        except (BlockingIOError, InterruptedError):
            break
        _advance(views, sent)
    return views


def receive(sock: socket.socket) -> Any:
    """The next message from `sock`; EOFError if the other end closed (or died) first."""
    size, count = _HEADER.unpack(_receive_exact(sock, _HEADER.size))
    lengths = (struct.unpack(f"<{count}Q", _receive_exact(sock, _LENGTH.size * count))
               if count else ())
    data = _receive_exact(sock, size)
    buffers = [_receive_exact(sock, length) for length in lengths]
    return pickle.loads(data, buffers=buffers)


def _advance(views: list[memoryview], sent: int) -> None:
    """Drop the `sent` bytes from the front of `views` (a send can stop part of the way)."""
    done = 0
    while done < len(views) and sent >= views[done].nbytes:
        sent -= views[done].nbytes
        done += 1
    del views[:done]
    if sent:
        views[0] = views[0][sent:]


def _receive_exact(sock: socket.socket, size: int) -> bytes:
    if size == 0:
        return b""
    data = sock.recv(size, _WAITALL)
    if len(data) == size:
        return data
    parts = [data]
    got = len(data)
    while data and got < size:
        data = sock.recv(size - got, _WAITALL)
        parts.append(data)
        got += len(data)
    if got == 0:
        raise EOFError("connection closed")
    if got < size:
        raise EOFError(f"connection closed {size - got} bytes before the end of a message")
    return b"".join(parts)
