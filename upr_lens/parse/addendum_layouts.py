"""Cycle-3/4 addendum layouts that :mod:`upr_lens.parse.addendum` reads besides its category paragraphs.

* **rows**: a table (Word or PDF) or plain lines where each entry starts with its id(s) and gives a
  position: "139.12 Supported", "139.13 | Noted | comment", "139.19; 139.20; 139.31 | Supported | one
  justification for the group", "139.5 | recommendation text | Supported in part: ...". Lines after a PDF
  row that start neither a row nor a paragraph continue its comment.
* **flowing list**: "List of accepted recommendations (113 in total): 139.1, 139.2, ..." (the count is
  checked against the list) and "All other recommendations are noted".
* **per paragraph**: "The recommendations in paragraph 139 ... enjoy the support of X".

Word tables reach the parser as lines "| cell | cell | cell" (see :mod:`upr_lens.read.docx`).
Pure functions over lines of text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

from upr_lens.parse.text import clean_inline

SUPPORTED, NOTED, PARTIAL = "supported", "noted", "partially supported"

_ID = r"\d{1,3}\.\d{1,3}\.?"
_SEP = r"(?:\s*[;,]\s*(?:and\s+)?|\s+and\s+)"
_RANGE = r"(?:\s*[-–—‐]\s*|\s+to\s+)(?:\d{1,3}\.)?\d{1,3}\.?"
_ID_CELL = re.compile(rf"^\s*(?P<ids>{_ID}(?:{_RANGE})?(?:{_SEP}{_ID}(?:{_RANGE})?)*)\s*(?P<rest>.*)$")
_TERM = re.compile(
    r"^(?P<term>partially\s+(?:supported|accepted)|(?:supported|accepted|noted)\s+in\s+part|"
    r"(?:supported|accepted)\s*/\s*noted|noted\s*/\s*(?:supported|accepted)|"
    r"not\s+supported|supported|accepted|noted|rejected)\b\s*[:.;,\-–]?\s*(?P<rest>.*)$",
    re.I,
)
# a PDF table whose last column is the position: "139.5 Ratify the ... Supported" (case as printed in a cell)
_END_TERM = re.compile(
    r"\s(?P<term>Partially supported|(?:Supported|Accepted|Noted) in part|Not supported|Supported|Accepted|Noted"
    r"|Rejected)\s*$"
)
_TABLE_HEADER = re.compile(r"^\s*\|?\s*Recommendations?\s*(?:No\.?\s*)?\|?\s*(?:Full\s+text\s*\|?\s*)?Position", re.I)
_NUMBERED = re.compile(r"^\s*\d{1,3}\.\s+[A-Z]")
_LIST_HEAD = re.compile(
    r"List\s+of\s+(?P<kind>accepted|supported|noted)\s+recommendations\s*(?:\(\s*(?P<count>\d+)\s+in\s+total\s*\))?"
    r"\s*:?",
    re.I,
)
_ALL_OTHER = re.compile(r"[^.]*\ball\s+(?:the\s+)?other\s+recommendations\b[^.]*", re.I)
_PER_PARAGRAPH = re.compile(  # to the end of the sentence ("139.4" does not end it)
    r"recommendations\s+(?:contained\s+|listed\s+|set\s+out\s+)?in\s+paragraph\s+(\d{1,3})\b(?:[^.]|\.(?=\d))*",
    re.I,
)
_EXCEPT = re.compile(r"\b(?:with\s+the\s+exceptions?\s+of|except(?:ing)?(?:\s+for)?)\s+(?:recommendations?\s+)?", re.I)


Expand = Callable[[str], list[str]]  # an id list → ids


@dataclass(frozen=True)
class Row:
    """One entry of a position table or list: the ids, the position and the State's comment."""

    ids: tuple[str, ...]
    position: str
    printed: str
    comment: str


def position_of_term(term: str) -> str:
    """The final position a table's position cell names."""
    lowered = " ".join(term.lower().split())
    if "part" in lowered or "/" in lowered:  # "Supported in part", "Supported/Noted"
        return PARTIAL
    if lowered.startswith(("supported", "accepted")):
        return SUPPORTED
    return NOTED


def _table_cells(line: str) -> list[str] | None:
    if not line.lstrip().startswith("|"):
        return None
    return [cell.strip() for cell in line.strip().strip("|").split(" | ")]


def read_rows(lines: Sequence[str], expand: Expand) -> tuple[list[Row], list[int]]:
    """The rows of the position tables/lists, and the indexes of the lines they use (the rest is prose).

    *expand* turns an id cell into ids (``addendum.expand_ids`` with no default paragraph).
    """
    rows: list[Row] = []
    used: list[int] = []
    open_row: list[str] | None = None  # comment lines of the last PDF row
    in_text = False  # inside a row whose recommendation text precedes the position
    ids_open = first_line = False  # the last row's id cell ended with a separator; its next line is due
    for index, line in enumerate(lines):
        cells = _table_cells(line)
        if cells is not None:
            used.append(index)
            open_row, in_text = None, False
            row = _row_from_cells(cells, expand)
            if row:
                rows.append(row)
            continue
        if _TABLE_HEADER.match(line):
            used.append(index)
            continue
        match = _ID_CELL.match(line)
        rest = match.group("rest") if match else ""
        separator = re.match(r"[;,]\s*", rest)  # "139.4; 139.5; Supported ...": the id cell wraps below
        term = _TERM.match(rest[separator.end():] if separator else rest) if match else None
        if match and term:
            ids = tuple(expand(match.group("ids")))
            if ids:
                open_row, in_text = [term.group("rest")], False
                rows.append(Row(ids, position_of_term(term.group("term")), term.group("term"), ""))
                rows[-1] = _with_comment(rows[-1], open_row)
                used.append(index)
                ids_open, first_line = bool(separator), True
                continue
        end = _END_TERM.search(match.group("rest")) if match else None
        if match and end and len(match.group("rest")[: end.start()].split()) >= 2:
            ids = tuple(expand(match.group("ids")))
            if ids:  # the recommendation's text sits between the id and the position: no comment
                rows.append(Row(ids, position_of_term(end.group("term")), end.group("term"), ""))
                open_row, in_text = None, True
                used.append(index)
                continue
        if (open_row is not None or in_text) and not _NUMBERED.match(line) and not _LIST_HEAD.search(line):
            if open_row is not None:  # the comment goes on
                text = line.strip()
                if first_line:  # a PDF table's cells wrap: more ids, "Supported in" / "part"
                    text = _wrapped_cells(rows, open_row, text, ids_open, expand)
                    first_line = False
                open_row.append(text)
                rows[-1] = _with_comment(rows[-1], open_row)
            used.append(index)  # else the rest of the row's text, or a theme heading between rows
            continue
        open_row, in_text = None, False
    return rows, used


def _wrapped_cells(rows: list[Row], open_row: list[str], text: str, ids_open: bool, expand: Expand) -> str:
    """The first line under a PDF row: the rest of a wrapped id cell ("139.31 ...") and of a wrapped
    position ("Supported in" / "part ..."); returns the comment text left on the line."""
    row = rows[-1]
    more = _ID_CELL.match(text) if ids_open else None
    if more and not _TERM.match(more.group("rest")):
        row = replace(row, ids=row.ids + tuple(expand(more.group("ids"))))
        text = more.group("rest")
    if row.position != PARTIAL:
        split_after_in = re.match(r"part\b", text) if open_row[0].startswith("in ") else None
        found = split_after_in or re.match(r"in\s+part\b", text)
        if found:
            if split_after_in:
                open_row[0] = open_row[0][3:]
            text = text[found.end():].lstrip()
            row = replace(row, position=PARTIAL, printed=row.printed + " in part")
    rows[-1] = row
    return text


def _with_comment(row: Row, parts: list[str]) -> Row:
    return Row(row.ids, row.position, row.printed, clean_inline(" ".join(p for p in parts if p)))


def _row_from_cells(cells: list[str], expand: Expand) -> Row | None:
    if not cells:
        return None
    match = _ID_CELL.match(cells[0])
    if not match:
        return None
    ids = tuple(expand(match.group("ids")))
    if not ids:
        return None
    later = cells[1:]
    if match.group("rest"):
        later = [match.group("rest")] + later
    for k, cell in enumerate(later):
        term = _TERM.match(cell)
        if term:
            comment = " ".join([term.group("rest")] + later[k + 1:])
            return Row(ids, position_of_term(term.group("term")), term.group("term"), clean_inline(comment))
    return None


@dataclass(frozen=True)
class FlowingList:
    position: str
    ids: tuple[str, ...]
    count: int | None  # "(113 in total)"
    heading: str


def read_flowing_lists(lines: Sequence[str], expand: Expand) -> tuple[list[FlowingList], list[int]]:
    """"List of accepted recommendations (N in total): ids ..." and the lines it takes."""
    found: list[FlowingList] = []
    used: list[int] = []
    index = 0
    while index < len(lines):
        head = _LIST_HEAD.search(lines[index])
        if not head:
            index += 1
            continue
        taken = [lines[index][head.end():]]
        used.append(index)
        index += 1
        while index < len(lines) and re.fullmatch(r"[\d.\s,;–\-]+(?:and[\d.\s,;–\-]+)*", lines[index]):
            taken.append(lines[index])
            used.append(index)
            index += 1
        ids = tuple(expand(" ".join(taken)))
        kind = head.group("kind").lower()
        found.append(FlowingList(NOTED if kind == "noted" else SUPPORTED, ids,
                                 int(head.group("count")) if head.group("count") else None,
                                 clean_inline(head.group(0))))
    return found, used


def all_other_position(text: str) -> str | None:
    """The position "all other recommendations" get, when the addendum says so."""
    from upr_lens.parse.addendum import classify_position

    for match in _ALL_OTHER.finditer(text):
        position = classify_position(match.group(0))
        if position:
            return position
    return None


@dataclass(frozen=True)
class ParagraphPosition:
    """ "The recommendations in paragraph 139 enjoy the support of X, except 139.4, which is noted"."""

    paragraph: int
    position: str
    sentence: str
    exceptions: tuple[str, ...] = ()
    exception_position: str | None = None


def per_paragraph(text: str, expand: Expand) -> list[ParagraphPosition]:
    """The positions given to whole report paragraphs, with their exceptions."""
    from upr_lens.parse.addendum import classify_position

    out = []
    for match in _PER_PARAGRAPH.finditer(text):
        sentence = match.group(0)
        exceptions: tuple[str, ...] = ()
        other = None
        cut = _EXCEPT.search(sentence)
        if cut:
            exceptions = tuple(expand(sentence[cut.end():]))
            other = classify_position(re.sub(r"[\d.,;\s–\-]+(?:and\s+[\d.]+)?", " ", sentence[cut.end():], count=1))
            sentence_head = sentence[: cut.start()]
        else:
            sentence_head = sentence
        position = classify_position(sentence_head)
        if position:
            out.append(ParagraphPosition(int(match.group(1)), position, clean_inline(sentence), exceptions, other))
    return out


def ids_in_paragraph(report_ids: Collection[str], paragraph: int) -> list[str]:
    prefix = f"{paragraph}."
    return sorted((i for i in report_ids if i.startswith(prefix)), key=lambda i: int(i.split(".")[1]))
