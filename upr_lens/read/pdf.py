"""PDF → pages of body text, with pypdfium2 (fast) and footnotes removed by font size.

pypdfium2 gives the text of a page in reading order, one line per ``\\r\\n``. It marks a hyphen that
ends a line with U+FFFE and joins the two halves itself; :func:`upr_lens.parse.text.repair_hyphens`
decides later whether that hyphen is real. Footnotes (and footnote markers) are printed in a smaller
font than the body, so the reader compares the font size of each line's first character with the
page's body size and drops footnote lines; a superscript marker glued to a word is dropped the same way.
Running headers (symbol, page number, job number) stay: the parser removes them by their text.

Before pdfium sees a file, :func:`check_complete` looks at its end: a PDF ends with its cross-reference
table (``startxref``, its offset, ``%%EOF``). A file cut short (an interrupted download or copy) lacks
them; pdfium would rebuild what it can and give the first pages only, which would pass for a scan or a
short report. Such a file is refused as "truncated or damaged PDF".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable

from upr_lens.read.errors import DocumentError

FOOTNOTE_RATIO = 0.85  # a line whose first character is smaller than this share of the body size
BODY_RATIO = 0.95  # after a footnote starts, lines smaller than this share are footnote text
MIN_CHARS_PER_PAGE = 40  # below this on average, the PDF has no usable text layer
COVER_PAGES = 3  # always read: the document is recognised from them
_MARKER = re.compile(r"(?<=[^\s\d(/.-])(\d{1,3})(?=[\s,.;:)]|$)")
_FIRST_TOKEN = re.compile(r"\s*\S+\s+")
_STARTXREF = re.compile(rb"startxref\s*(\d{1,12})\s*%%EOF", re.S)
TAIL = 2048  # the end marker is looked for in the last bytes (readers look within 1024 of the end)


def check_complete(data: bytes) -> None:
    """Refuse a PDF whose end (``startxref`` offset ``%%EOF``) is missing or points past the file."""
    tail = data[-TAIL:]
    if b"%%EOF" not in tail:
        raise DocumentError("truncated or damaged PDF: the end of the file is missing (no %%EOF): "
                            "copy or download it again")
    found = _STARTXREF.findall(tail)
    if not found:
        raise DocumentError("truncated or damaged PDF: no cross-reference table (not a readable PDF)")
    if int(found[-1]) >= len(data):
        raise DocumentError("truncated or damaged PDF: its cross-reference table is missing (the offset "
                            "points past the end of the file): copy or download it again")


def read_pdf_pages(source: str | bytes, section_start: Callable[[str], bool] | None = None) -> list[str | None]:
    """Return the text of the pages of the PDF *source* (its path or its bytes), footnotes removed.

    Without *section_start* every page is read. With it, the reader reads the cover pages, then walks
    back from the last page until a page for which *section_start* is True: the pages in between (the
    summary of the dialogue) are not read and come back as None. A caller that needs them reads again
    without *section_start*. If no page qualifies, every page is read.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    data = source if isinstance(source, bytes) else _read_bytes(source)
    check_complete(data)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise DocumentError("password-protected PDF: remove the password first") from exc
        return _read_with_pdfplumber(data, exc)
    try:
        count = len(pdf)
        if not count:
            raise DocumentError("PDF has no pages")
        pages: list[str | None] = [None] * count
        wanted = list(range(count)) if section_start is None else [
            *range(min(COVER_PAGES, count)), *range(count - 1, COVER_PAGES - 1, -1)]
        for index in wanted:
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                text = _body_text(textpage, raw)
            finally:
                textpage.close()
                page.close()
            pages[index] = text
            if section_start is not None and index >= COVER_PAGES and section_start(text):
                break
        else:
            if section_start is not None:  # no section found from the end: read what was skipped
                for index in range(count):
                    if pages[index] is None:
                        page = pdf[index]
                        textpage = page.get_textpage()
                        pages[index] = _body_text(textpage, raw)
                        textpage.close()
                        page.close()
    finally:
        pdf.close()
    read = [p for p in pages if p is not None]
    if sum(len(p.strip()) for p in read) < MIN_CHARS_PER_PAGE * len(read):
        raise DocumentError("PDF has no text layer (a scanned image?): it needs OCR first")
    return pages


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise DocumentError(f"cannot open the file ({exc.strerror})") from exc


def _read_with_pdfplumber(data: bytes, first_error: Exception) -> list[str | None]:
    """Fallback for a file pdfium refuses: pdfminer (under pdfplumber) tolerates some damaged files."""
    import io

    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages: list[str | None] = [page.extract_text() or "" for page in pdf.pages]
    except MemoryError:
        raise
    except Exception as exc:
        raise DocumentError(f"not a readable PDF ({first_error})") from exc
    if not pages:
        raise DocumentError("PDF has no pages")
    if sum(len(p.strip()) for p in pages if p) < MIN_CHARS_PER_PAGE * len(pages):
        raise DocumentError("PDF has no text layer (a scanned image?): it needs OCR first")
    return pages


def _body_text(textpage, raw) -> str:
    text = textpage.get_text_range()
    n_chars = textpage.count_chars()
    lines = text.split("\r\n")
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 2
    if len(text) != n_chars:  # characters outside the BMP shift indices: skip font checks
        return "\n".join(lines)

    matrix = raw.FS_MATRIX()

    def size_at(index: int) -> float:
        """Printed size of a character: font size times the text matrix's vertical scale (some files
        set every font to size 1 and scale the text by its matrix)."""
        if not 0 <= index < n_chars:
            return 0.0
        size = raw.FPDFText_GetFontSize(textpage.raw, index)
        if not raw.FPDFText_GetMatrix(textpage.raw, index, matrix):
            return size
        return size * math.hypot(matrix.c, matrix.d)

    sizes = []
    for line, start in zip(lines, starts):
        offset = len(line) - len(line.lstrip())
        sizes.append(size_at(start + offset) if line.strip() else 0.0)
    weights: Counter[float] = Counter()
    for line, size in zip(lines, sizes):
        if size:
            weights[round(size, 1)] += len(line)
    if not weights:
        return "\n".join(lines)
    body = weights.most_common(1)[0][0]
    small = body * FOOTNOTE_RATIO
    kept = []
    in_footnotes = False
    for line, start, size in zip(lines, starts, sizes):
        if size and size < small:
            # a footnote starts here (small marker, then smaller text), or a body line begins with a
            # superscript marker that wrapped to the line start (then the text after it is body size)
            match = _FIRST_TOKEN.match(line)
            if not match or size_at(start + match.end()) < body * BODY_RATIO:
                in_footnotes = True
                continue
            line = line[match.end():]
            start += match.end()
        elif in_footnotes and size and size < body * BODY_RATIO:
            continue  # continuation line of a footnote
        kept.append(_strip_markers(line, start, size_at, small))
    return "\n".join(kept)


def _strip_markers(line: str, start: int, size_at, small: float) -> str:
    """Remove superscript footnote markers (digits in a small font glued to a word)."""
    pieces = []
    last = 0
    for match in _MARKER.finditer(line):
        if size_at(start + match.start()) < small:
            pieces.append(line[last:match.start()])
            last = match.end()
    if not pieces:
        return line
    pieces.append(line[last:])
    return "".join(pieces)
