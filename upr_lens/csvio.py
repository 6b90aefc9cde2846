"""CSV in and out, safely: spreadsheet formula neutralising for what we write, UTF-8 checks for what we read.

**Formula injection** (OWASP "CSV injection"): a spreadsheet executes a cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return (``=HYPERLINK(...)``, ``+cmd|...``, ``@SUM(...)``). Document text
can start that way, so every text cell written to a CSV that starts with one of these gets a leading
apostrophe (``'=HYPERLINK(...)``), which spreadsheets show as text. Plain numbers (``-5``, ``+1.5e3``) are
left as they are: a spreadsheet reads them as numbers, never as formulas; numeric columns are not touched.
Machine consumers that want the text exactly as stored pass ``raw=True`` (the CLI's ``--raw-cells``).

**Excel** (:func:`write_xlsx`): every text cell is written as a typed text cell, so a spreadsheet neither runs
it as a formula nor reads an id such as ``82.10`` as the number 82.1; no apostrophe is needed. Characters
an xlsx file cannot hold (C0 controls other than tab, newline and CR) are written as visible escapes
(``\\x1b``), and a cell longer than Excel's 32,767 characters is an error, never cut.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from upr_lens.errors import InputError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise_cell(value: Any) -> Any:
    """*value* with a leading apostrophe when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value[:1] in FORMULA_START and value[:1] and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralise_frame(frame, raw: bool = False):
    """A copy of *frame* whose text cells are neutralised (see the module docstring); *frame* itself if *raw*."""
    if raw:
        return frame
    import pandas as pd

    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column):
            out[name] = column.map(neutralise_cell)
    return out


XLSX_MAX_CELL = 32_767  # Excel's limit on the characters of one cell
XLSX_MAX_ROWS = 1_048_576  # and on the rows of one sheet (one is the header)


def write_xlsx(frame, path: str | Path, sheet: str = "Sheet1") -> None:
    """Write *frame* (no list cells: join them first) to an xlsx file, text cells typed as text (see the module
    docstring); numbers and booleans stay numbers and booleans, missing values are empty cells."""
    import math

    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell

    if len(frame) + 1 > XLSX_MAX_ROWS:
        raise InputError(f"{len(frame)} rows do not fit in one Excel sheet ({XLSX_MAX_ROWS - 1} at most): "
                         "export as csv or parquet, or filter")
    longest = max((len(v) for name in frame.columns for v in frame[name] if isinstance(v, str)), default=0)
    if longest > XLSX_MAX_CELL:  # checked before the file is begun: nothing is written
        raise InputError(f"a cell of {longest} characters does not fit in Excel ({XLSX_MAX_CELL} at most): "
                         "export as csv or parquet")
    book = Workbook(write_only=True)
    sheet_out = book.create_sheet(sheet)

    def cell(value: Any) -> Any:
        if value is None or (isinstance(value, float) and math.isnan(value)) or _is_missing(value):
            return None
        if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
            value = value.item()
        if isinstance(value, (bool, int, float)):
            return value
        text = ILLEGAL_CHARACTERS_RE.sub(lambda m: repr(m.group())[1:-1], str(value))
        out = WriteOnlyCell(sheet_out, value=text)
        out.data_type = "s"  # text, even when it starts with "=" (openpyxl would make that a formula)
        return out

    sheet_out.append([cell(str(name)) for name in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        sheet_out.append([cell(value) for value in row])
    book.save(str(path))


def _is_missing(value: Any) -> bool:
    try:
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, (str, bytes)) else False
    except (TypeError, ValueError):  # an array-like: not a scalar
        return False


def check_utf8(path: str | Path, what: str = "CSV file", chunk: int = 1 << 20) -> None:
    """An :class:`InputError` naming *path* when it is not UTF-8 text (read in chunks: constant memory)."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    offset = 0
    try:
        with open(path, "rb") as handle:
            while True:
                block = handle.read(chunk)
                if not block:
                    decoder.decode(b"", final=True)
                    return
                decoder.decode(block)
                offset += len(block)
    except UnicodeDecodeError as exc:
        raise InputError(f"{show(path)}: not UTF-8 text (invalid byte at offset {offset + exc.start}): "
                         f"save the {what} as UTF-8 and try again") from None
    except FileNotFoundError:
        raise InputError(f"{show(path)}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{show(path)}: a folder, not a {what}") from None


def show(path: str | Path | bytes) -> str:
    """A file name as a person should see it: unchanged when printable, else quoted like repr() so control
    characters (ANSI escapes, newlines) and undecodable bytes are visible and inert."""
    text = path.decode("utf-8", "backslashreplace") if isinstance(path, bytes) else str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # surrogate escapes: a name that is not valid UTF-8 on disk
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        return repr(text)
    if text.isprintable():
        return text
    return repr(text)
