"""Reading documents: a file in, pages of text out (see :func:`read_document`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from upr_lens.read.errors import DocumentError
from upr_lens.records import Page, RawDocument

__all__ = ["DocumentError", "read_document", "file_sha1", "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".doc")


def file_sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def read_document(path: str | Path, section_start: Callable[[str], bool] | None = None) -> RawDocument:
    """Read a PDF or DOCX file by its content (magic bytes), not by its name.

    *section_start* (PDF only): read only the cover and the pages from the section it recognises to the
    end; see :func:`upr_lens.read.pdf.read_pdf_pages`. Pages not read have empty text and are listed
    in ``RawDocument.skipped``.
    Raises :class:`DocumentError` with a one-line reason for an empty, truncated, corrupt, encrypted,
    scanned, oversized (see :mod:`upr_lens.read.limits`) or unsupported file.
    """
    import os
    import stat

    from upr_lens.read import limits

    path = str(path)
    try:
        with open(path, "rb") as handle:
            mode = os.fstat(handle.fileno())
            if not stat.S_ISREG(mode.st_mode):
                raise DocumentError("not a regular file (a folder, device or pipe)")
            limits.check_file_size(mode.st_size)
            data = limits.read_bounded(handle)
    except OSError as exc:
        raise DocumentError(f"cannot open the file ({exc.strerror})") from exc
    if not data:
        raise DocumentError("empty file (0 bytes)")
    limits.check_file_size(len(data))  # grew while being read
    sha1 = file_sha1(data)
    if data[:1024].lstrip().startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        from upr_lens.read.pdf import check_complete, read_pdf_pages

        check_complete(data)
        limits.check_pdf_streams(data)
        pdf_texts = read_pdf_pages(data, section_start)
        pages = tuple(Page(number=i + 1, text=t or "") for i, t in enumerate(pdf_texts))
        skipped = tuple(i + 1 for i, t in enumerate(pdf_texts) if t is None)
        return RawDocument(path=path, sha1=sha1, pages=pages, kind="pdf", skipped=skipped)
    if data[:2] == b"PK":
        from upr_lens.read.docx import read_docx

        limits.check_docx(data)
        texts, tables = read_docx(path)
        pages = tuple(Page(number=i + 1, text=t) for i, t in enumerate(texts))
        frozen = tuple(tuple(tuple(row) for row in table) for table in tables)
        return RawDocument(path=path, sha1=sha1, pages=pages, kind="docx", tables=frozen)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise DocumentError("legacy Word .doc format: save it as .docx (or PDF) first")
    raise DocumentError("neither a PDF nor a Word (.docx) file")
