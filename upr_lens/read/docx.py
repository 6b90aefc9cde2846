"""DOCX → text and tables, with python-docx. A Word file has no pages: its body is one page."""

from __future__ import annotations

import zipfile

from upr_lens.read.errors import DocumentError


def read_docx(path: str) -> tuple[list[str], list[list[list[str]]]]:
    """Return ([body text], tables as rows of cell texts) of the Word file at *path*."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
        raise DocumentError("python-docx is not installed") from exc
    try:
        document = docx.Document(path)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(f"not a readable Word (.docx) file ({type(exc).__name__})") from exc
    lines = [paragraph.text for paragraph in document.paragraphs]
    tables = []
    for table in document.tables:
        rows = []
        for row in table.rows:
            cells = []
            previous = None
            for cell in row.cells:
                # merged cells repeat the same object: keep one copy
                if previous is not None and cell._tc is previous:
                    continue
                previous = cell._tc
                cells.append(cell.text.strip())
            rows.append(cells)
        tables.append(rows)
    text = "\n".join(lines)
    if not text.strip() and not tables:
        raise DocumentError("Word file has no text")
    return [text], tables
