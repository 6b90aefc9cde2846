"""Limits for reading untrusted files: what a document may cost before it is refused.

Two layers. Checks on the bytes, before any library parses them, refuse the known decompression bombs with
a one-line reason and no memory spent: a file that is too large, a PDF stream that inflates past
:data:`MAX_STREAM_MB` (inflated in 1 MB steps and counted, never held), a .docx whose zip members unpack
past :data:`MAX_DOCX_MB` (the sizes are read from the zip directory: :mod:`zipfile`, under python-docx,
never reads a member past its declared size). Then the process limits of a reader worker
(:func:`limit_memory`, :func:`die_with_parent`) bound whatever these checks do not foresee.
"""

from __future__ import annotations

import io
import os
import re
import sys
import threading
import time
import zipfile
import zlib
from typing import BinaryIO

from upr_lens.read.errors import DocumentError

MB = 1 << 20
MAX_FILE_MB = 256  # a UPR report is 0.1-5 MB
MAX_STREAM_MB = 256  # one PDF stream, inflated
MAX_INFLATED_MB = 512  # all PDF streams of a file, inflated
MAX_DOCX_MB = 256  # all members of a .docx, unpacked
MAX_DOCX_PART_MB = 64  # one member (document.xml: lxml needs several times its size)
MAX_DOCX_MEMBERS = 10_000

_STREAM = re.compile(rb"(?<!end)stream\r?\n")


def check_file_size(size: int) -> None:
    if size > MAX_FILE_MB * MB:
        raise DocumentError(f"file too large ({size / MB:,.0f} MB; the limit is {MAX_FILE_MB} MB): not read")


def read_bounded(handle: BinaryIO) -> bytes:
    """The bytes of an open file, at most :data:`MAX_FILE_MB` MB and one byte (a file that grew past the limit
    while being read is then refused by :func:`check_file_size`), read in 1 MB steps.

    Not ``handle.read(limit)``: CPython reserves a buffer of the requested size before reading, so every
    document cost 256 MB of address space for a moment. In a reader worker whose address space is limited
    (:func:`limit_memory`), that reservation alone failed real 0.1 MB documents once the worker's libraries
    had grown past the rest of its budget (issue 10: a Slovenia summary and a legacy .doc, late in a batch)."""
    chunks: list[bytes] = []
    total, cap = 0, MAX_FILE_MB * MB + 1
    while total < cap:
        chunk = handle.read(min(MB, cap - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def check_pdf_streams(data: bytes) -> None:
    """Refuse a PDF whose Flate-compressed streams inflate past the limits (a decompression bomb).

    Every ``stream`` keyword is tried as the start of a zlib stream; those that are not (images in DCT,
    uncompressed streams) fail at their first bytes. The inflated bytes are counted in 1 MB steps."""
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        if data[start:start + 1] not in (b"\x78", b"\x08", b"\x18", b"\x28", b"\x38", b"\x48", b"\x58", b"\x68"):
            continue  # not a zlib header
        inflate = zlib.decompressobj()
        size, position = 0, start
        cap = min(MAX_STREAM_MB * MB, MAX_INFLATED_MB * MB - total)
        try:
            while not inflate.eof and size <= cap:
                piece = inflate.unconsumed_tail
                if not piece:
                    piece = data[position:position + MB]
                    position += len(piece)
                    if not piece:
                        break
                size += len(inflate.decompress(piece, MB))
        except zlib.error:
            pass  # damaged or not zlib: the PDF library decides
        if size > MAX_STREAM_MB * MB:
            raise DocumentError(f"PDF with a compressed stream that inflates to over {MAX_STREAM_MB} MB "
                                "(a decompression bomb?): not read")
        total += size
        if total > MAX_INFLATED_MB * MB:
            raise DocumentError(f"PDF whose compressed streams inflate to over {MAX_INFLATED_MB} MB "
                                "(a decompression bomb?): not read")


def check_docx(data: bytes) -> None:
    """Refuse a .docx whose members would unpack past the limits (a zip bomb), from the zip directory."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return  # not a readable zip: the Word reader says so
    if len(members) > MAX_DOCX_MEMBERS:
        raise DocumentError(f"Word file with {len(members):,} parts (the limit is {MAX_DOCX_MEMBERS:,}): not read")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_DOCX_PART_MB * MB:
            name = member.filename.encode("ascii", "backslashreplace").decode("ascii")
            raise DocumentError(f"Word file whose part {name} unpacks to {member.file_size / MB:,.0f} MB "
                                f"(the limit is {MAX_DOCX_PART_MB} MB; a zip bomb?): not read")
    if total > MAX_DOCX_MB * MB:
        raise DocumentError(f"Word file that unpacks to {total / MB:,.0f} MB (the limit is {MAX_DOCX_MB} MB; "
                            "a zip bomb?): not read")


# ----------------------------------------------------------------------------------- worker processes

_LIMIT_MB: list[int] = []  # the limit limit_memory set in this process


def out_of_memory() -> str:
    """The one line for a document that needs more memory than this process may have."""
    limit = f"the {_LIMIT_MB[-1]} MB memory limit" if _LIMIT_MB else "the memory available"
    return f"reading it needs more than {limit} (a decompression bomb?): not read"


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (RLIMIT_AS) at *megabytes*: an allocation past it fails (a
    MemoryError in Python; the PDF library aborts the process). No-op where unsupported."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return
    limit = megabytes * MB
    _LIMIT_MB.append(megabytes)
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # pragma: no cover - a platform without RLIMIT_AS
        pass


def die_with_parent(parent_pid: int) -> None:
    """End this process as soon as *parent_pid* is no longer its parent (the parent died or was killed).

    On Linux the kernel sends SIGKILL when the parent goes (prctl PR_SET_PDEATHSIG); everywhere a daemon
    thread also checks the parent id twice a second."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover
            pass
    if os.getppid() != parent_pid:  # the parent died before the line above took effect
        os._exit(70)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent_pid:
                os._exit(70)

    threading.stack_size(256 * 1024)
    threading.Thread(target=watch, name="upr-lens-parent-watch", daemon=True).start()
