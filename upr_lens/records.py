"""The records every layer shares: what a document is, what a recommendation is.

A recommendation is *born* in :mod:`upr_lens.parse.report` (from the pages of a Working Group report),
*stored* by :mod:`upr_lens.store` and *classified* by :mod:`upr_lens.classify`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class DocType(str, Enum):
    """What kind of document a file holds, recognised from its content."""

    REPORT = "report"  # Working Group report: A/HRC/<n>/<m>
    ADDENDUM = "addendum"  # the State's views on the recommendations: A/HRC/<n>/<m>/Add.1
    THEMATIC_LIST = "thematic_list"  # OHCHR's table of recommendations by theme (Word)
    OTHER_UPR = "other_upr"  # national report, compilation, summary, decision...
    NOT_UPR = "not_upr"


class Decision(str, Enum):
    """The decision a lead-in paragraph of a report states for the items under it."""

    SUPPORTED = "supported"
    TO_BE_EXAMINED = "to_be_examined"
    NOTED = "noted"  # "did not enjoy the support", "noted", "rejected"
    IMPLEMENTED = "already_implemented"
    OTHER = "other"


@dataclass(frozen=True)
class Page:
    """The text of one page, as the reader got it (lines kept)."""

    number: int  # 1-based, as printed order in the file
    text: str


@dataclass(frozen=True)
class RawDocument:
    """A file turned into pages of text by :mod:`upr_lens.read`."""

    path: str
    sha1: str
    pages: tuple[Page, ...]
    kind: str  # "pdf" | "docx"
    tables: tuple[tuple[tuple[str, ...], ...], ...] = ()  # DOCX tables: rows of cell texts
    skipped: tuple[int, ...] = ()  # page numbers not read (their text is empty)


@dataclass(frozen=True)
class DocumentInfo:
    """Identity of a document, read from its content (never from its file name)."""

    doc_type: DocType
    symbol: str | None = None  # e.g. A/HRC/13/6 or A/HRC/13/6/Add.1
    state_printed: str | None = None  # the State under review as printed
    state_iso3: str | None = None
    state_name: str | None = None  # canonical name
    wg_session: int | None = None  # Working Group session (1, 2, ...)
    hrc_session: int | None = None  # Human Rights Council session
    cycle: int | None = None
    date: str | None = None  # ISO date "2010-01-04" when printed
    title: str | None = None
    looks_like: str | None = None  # for NOT_UPR / OTHER_UPR: what the document seems to be


@dataclass(frozen=True)
class StateMention:
    """A recommending State as printed, and what the registry made of it."""

    printed: str
    name: str | None  # canonical name, None when the registry does not know the name
    iso3: str | None


@dataclass(frozen=True)
class RecommendationPart:
    """One differently worded recommendation inside an id, with its own State(s)."""

    index: int  # 1-based position inside the id
    text: str
    states: tuple[StateMention, ...]


@dataclass(frozen=True)
class Recommendation:
    """One numbered recommendation of a Working Group report, as OHCHR numbers it."""

    rec_id: str  # "67.23" or "121.2"
    paragraph: int  # the lead-in paragraph (67, 121...)
    item: int  # the number inside the paragraph (23, 2...)
    decision: Decision
    lead_in: str  # the lead-in paragraph's text
    parts: tuple[RecommendationPart, ...]
    page: int  # page where the item starts (1-based)
    notes: tuple[str, ...] = ()  # irregularities worth knowing ("gap before 67.12", ...)
    comment: str = ""  # prose printed after the item's last State group (often the State's reply)

    @property
    def text(self) -> str:
        """Full text without the id and the trailing State parentheses; parts joined with ' ; '."""
        return " ; ".join(p.text for p in self.parts)

    @property
    def states(self) -> tuple[StateMention, ...]:
        """Every recommending State of every part, in order, without repeats."""
        seen: dict[str, StateMention] = {}
        for part in self.parts:
            for s in part.states:
                seen.setdefault(s.iso3 or s.printed, s)
        return tuple(seen.values())


@dataclass(frozen=True)
class ParsedReport:
    """What the report parser returns: the recommendations and what it noticed."""

    recommendations: tuple[Recommendation, ...]
    lead_ins: tuple[tuple[int, str, Decision], ...]  # (paragraph, text, decision)
    notes: tuple[str, ...] = ()  # irregularities (gaps, duplicates, unnumbered form...)
    needs_dialogue: bool = False  # lead-ins refer to dialogue paragraphs whose pages were not given


@dataclass
class IngestResult:
    """The outcome of ingesting one file."""

    path: str
    ok: bool
    info: DocumentInfo | None = None
    n_recommendations: int = 0
    n_pages: int = 0
    error: str | None = None
    duplicate_of: str | None = None  # path of an already-stored copy of the same report
    notes: list[str] = field(default_factory=list)
