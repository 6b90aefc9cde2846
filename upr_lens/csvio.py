"""CSV in and out, safely: spreadsheet formula neutralising for what we write, UTF-8 checks for what we read.

**Formula injection** (OWASP "CSV injection"): a spreadsheet executes a cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return (``=HYPERLINK(...)``, ``+cmd|...``, ``@SUM(...)``). Document text
can start that way, so every text cell written to a CSV that starts with one of these gets a leading
apostrophe (``'=HYPERLINK(...)``), which spreadsheets show as text. Plain numbers (``-5``, ``+1.5e3``) are
left as they are: a spreadsheet reads them as numbers, never as formulas; numeric columns are not touched.
Machine consumers that want the text exactly as stored pass ``raw=True`` (the CLI's ``--raw-cells``).
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
