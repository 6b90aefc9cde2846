"""DOCX → text and tables, with python-docx. A Word file has no pages: its body is one page.

The body page starts with the text of the section headers (each distinct line once): an OHCHR thematic
list prints the State, cycle and session only there ("UPR of X (3rd Cycle – 31st session)").

When the file has tables, a second page holds them as text, one line per row: ``| cell | cell | cell``
(a cell's own line breaks become spaces), so that a parser of page text (an addendum's annex table of
positions) reads them too. The tables are also returned as rows of cells.
"""

from __future__ import annotations

import zipfile

from upr_lens.read.errors import DocumentError


def read_docx(path: str) -> tuple[list[str], list[list[list[str]]]]:
    """Return ([body text] plus [tables as text] if any, tables as rows of cell texts) of the Word file."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
        raise DocumentError("python-docx is not installed") from exc
    try:
        document = docx.Document(path)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(f"not a readable Word (.docx) file ({type(exc).__name__})") from exc
    lines = _header_lines(document) + [paragraph.text for paragraph in document.paragraphs]
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
    texts = [text]
    if tables:
        texts.append(tables_as_text(tables))
    return texts, tables


def _header_lines(document) -> list[str]:
    """The distinct non-empty lines of the sections' headers, in order (a damaged header is skipped)."""
    seen: dict[str, None] = {}
    for section in document.sections:
        try:
            paragraphs = section.header.paragraphs
        except (KeyError, ValueError, AttributeError):
            continue
        for paragraph in paragraphs:
            text = " ".join(paragraph.text.split())
            if text:
                seen.setdefault(text, None)
    return list(seen)


def tables_as_text(tables: list[list[list[str]]]) -> str:
    """Rows of cells as lines "| a | b | c" (empty rows left out)."""
    out = []
    for rows in tables:
        for cells in rows:
            flat = [" ".join(cell.split()) for cell in cells]
            if any(flat):
                out.append("| " + " | ".join(flat))
    return "\n".join(out)
