"""OHCHR thematic list (Word table) → rows: id, text, States, position, its source, themes, persons, SDGs.

Pure functions over the table cells that :func:`upr_lens.read.read_document` returns for a DOCX file.

A thematic list (OHCHR also calls it a matrix) is a source of the review's recommendations in its own
right: when the Working Group report is not stored, the store makes its rows the review's recommendations
(see :func:`upr_lens.store.documents.settle_reviews`). :func:`review_heading` reads the cycle and session
that the list's page header prints ("UPR of China (3rd Cycle – 31st session)", "UPR of Egypt - Second
Cycle").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from upr_lens.errors import DocumentError
from upr_lens.parse.states_in_text import split_state_groups
from upr_lens.parse.text import clean_inline
from upr_lens.records import StateMention

_ID = re.compile(r"^\s*(\d{1,3})\.(\d{1,3})\.?\s+")
_SOURCE = re.compile(r"Source of position\s*:\s*(.*)$", re.I | re.S)
_GROUP_HEADINGS = re.compile(r"^(Affected persons|Groups of persons|SDGs)\s*:\s*$", re.I)


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_CYCLE = re.compile(r"\b(\d)\s*(?:st|nd|rd|th)?\s+cycle\b|\b(first|second|third|fourth|fifth)\s+cycle\b", re.I)
_SESSION = re.compile(r"\b(\d{1,2})\s*(?:st|nd|rd|th)\s+session\b", re.I)


def review_heading(text: str) -> tuple[int | None, int | None]:
    """(Working Group session, cycle) as a thematic list's heading prints them ("3rd Cycle – 31st session",
    "Second Cycle"); None for what it does not print. Only the first lines are read."""
    head = "\n".join(text.split("\n")[:5])
    session = _SESSION.search(head)
    cycle = _CYCLE.search(head)
    number = None
    if cycle:
        number = int(cycle.group(1)) if cycle.group(1) else _ORDINALS[cycle.group(2).lower()]
    return (int(session.group(1)) if session else None), number


@dataclass(frozen=True)
class ThematicRow:
    rec_id: str
    paragraph: int
    item: int
    text: str  # parts joined with " ; ", without the id and the State parentheses
    parts: tuple[tuple[str, tuple[StateMention, ...]], ...]
    position: str  # as printed: Supported, Noted, ...
    position_source: str  # e.g. "A/HRC/43/15 - Para 121"
    themes: tuple[str, ...]
    affected_persons: tuple[str, ...]
    sdgs: tuple[str, ...]

    @property
    def states(self) -> tuple[StateMention, ...]:
        seen: dict[str, StateMention] = {}
        for _, mentions in self.parts:
            for m in mentions:
                seen.setdefault(m.iso3 or m.printed, m)
        return tuple(seen.values())


def _header_index(rows: Sequence[Sequence[str]]) -> dict[str, int]:
    for row in rows[:3]:
        lowered = [c.lower() for c in row]
        if any("recommendation" in c for c in lowered):
            index = {}
            for i, cell in enumerate(lowered):
                if "recommendation" in cell and "recommendation" not in index:
                    index["recommendation"] = i
                elif "position" in cell:
                    index["position"] = i
                elif "theme" in cell or "rights" in cell:
                    index["themes"] = i
                elif "sdg" in cell:
                    index["sdgs"] = i
            return index
    return {"recommendation": 0, "position": 1, "themes": 2}


def _split_themes(cell: str) -> tuple[list[str], list[str], list[str]]:
    themes: list[str] = []
    persons: list[str] = []
    sdgs: list[str] = []
    target = themes
    for raw in cell.split("\n"):
        line = raw.strip()
        if not line:
            continue
        heading = _GROUP_HEADINGS.match(line)
        if heading:
            target = sdgs if heading.group(1).lower() == "sdgs" else persons
            continue
        target.append(line.lstrip("- ").strip())
    return themes, persons, sdgs


def parse_thematic_list(tables: Sequence[Sequence[Sequence[str]]]) -> list[ThematicRow]:
    """Every recommendation row of every table."""
    rows_out: list[ThematicRow] = []
    for number, table in enumerate(tables, 1):
        index = _header_index(table)
        needed = max(index.get("recommendation", 0), index.get("position", 1), index.get("themes", 0)) + 1
        for row in table:
            if len(row) < 2:
                continue  # a "Theme: ..." banner row
            if len(row) < needed:  # merged cells: the columns the header names are not all there
                if not any(_ID.match(str(c)) for c in row):
                    continue
                raise DocumentError(f"thematic list table {number}: a recommendation row has {len(row)} cells where "
                                    f"the header needs {needed} (merged cells?): {str(row[0])[:40]!r}")
            cell = row[index.get("recommendation", 0)]
            match = _ID.match(cell)
            if not match:
                continue
            source_match = _SOURCE.search(cell)
            body = cell[: source_match.start()] if source_match else cell
            body = clean_inline(body[match.end():])
            parts, _notes, _trailing = split_state_groups(body)
            themes, persons, sdgs = _split_themes(row[index["themes"]]) if "themes" in index else ([], [], [])
            if "sdgs" in index and index["sdgs"] < len(row):
                sdgs += [s.lstrip("- ").strip() for s in row[index["sdgs"]].split("\n") if s.strip()]
            rows_out.append(ThematicRow(
                rec_id=f"{int(match.group(1))}.{int(match.group(2))}",
                paragraph=int(match.group(1)),
                item=int(match.group(2)),
                text=" ; ".join(p for p, _ in parts),
                parts=tuple(parts),
                position=clean_inline(row[index.get("position", 1)]) if len(row) > 1 else "",
                position_source=clean_inline(source_match.group(1)) if source_match else "",
                themes=tuple(themes),
                affected_persons=tuple(persons),
                sdgs=tuple(sdgs),
            ))
    return rows_out
