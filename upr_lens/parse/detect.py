"""Recognise a document from its content: type, symbol, State under review, sessions, cycle, date.

Pure functions over the text of the first pages; the file name is never consulted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from upr_lens.parse.text import ORDINAL_PATTERN, clean_inline, ordinal_value
from upr_lens.records import DocType, DocumentInfo, Page
from upr_lens.upr_calendar import cycle_of_date, cycle_of_wg_session

_SYMBOL = re.compile(r"A\s?/\s?HRC\s?/\s?(\d{1,2})\s?/\s?(\d{1,3})((?:\s?/\s?(?:Add|Corr|Rev)\.\s?\d+)*)")
_WG_SYMBOL = re.compile(r"A/HRC/WG\.\s?6/(\d{1,2})/")
_TITLE = re.compile(
    r"report\s+of\s+the\s+working\s+(?:group\s+)?on\s+the\s+universal\s*periodic\s+review"
    r"|^\s*universal\s*periodic\s*review\s*$",
    re.I | re.M,
)
_ADDENDUM = re.compile(r"\bAddendum\b|Views on conclusions", re.I)
_HELD_SESSION = re.compile(
    r"held\s+its\s+(" + ORDINAL_PATTERN + r")\s+session", re.I
)
_WG_SESSION_HEADING = re.compile(
    r"Working Group on the Universal Periodic Review\s*\n\s*(" + ORDINAL_PATTERN + r")\s+session", re.I
)
_HRC_SESSION = re.compile(r"HUMAN RIGHTS COUNCIL\s*\n\s*(" + ORDINAL_PATTERN + r")\s+session", re.I)
_DATE = re.compile(
    r"\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+(\d{4})\b"
)
_MONTHS = {m: i for i, m in enumerate(
    "January February March April May June July August September October November December".split(), 1)}
_REVIEW_OF = re.compile(r"The review of (?:the )?(.{3,80}?) was held", re.S)

_OTHER_UPR_KINDS = (
    (re.compile(r"national report submitted", re.I), "national report"),
    (re.compile(r"compilation (?:prepared by|on|of information)", re.I), "UN compilation"),
    (re.compile(r"summary (?:prepared by|of stakeholders)", re.I), "stakeholders' summary"),
    (re.compile(r"decision adopted by the human rights council", re.I), "Human Rights Council decision"),
    (re.compile(r"report of the human rights council on its", re.I), "Human Rights Council session report"),
    (re.compile(r"advance questions", re.I), "advance questions"),
    (re.compile(r"infographic|the universal periodic\s+review\s+\S+ was reviewed", re.I), "UPR infographic"),
)


def _normal_symbol(match: re.Match[str]) -> str:
    suffix = re.sub(r"\s", "", match.group(3) or "")
    return f"A/HRC/{int(match.group(1))}/{int(match.group(2))}{suffix}"


def find_symbol(pages: Sequence[Page]) -> str | None:
    """The document's own symbol: the one in the running headers, else the one on the cover."""
    counts: Counter[str] = Counter()
    for page in pages[1:8]:
        head = "\n".join(page.text.split("\n")[:3])
        for match in _SYMBOL.finditer(head):
            counts[_normal_symbol(match)] += 1
    if counts:
        return counts.most_common(1)[0][0]
    if pages:
        cover = pages[0].text
        for line in cover.split("\n"):
            if "previously issued" in line.lower():
                continue
            found = _SYMBOL.search(line)
            if found:
                return _normal_symbol(found)
    return None


def _state_on_cover(cover: str) -> str | None:
    """The State's name as printed under the report title on the cover page."""
    titles = list(_TITLE.finditer(cover))
    if not titles:
        return None
    title = titles[-1]
    rest = cover[title.end():]
    lines: list[str] = []
    for line in rest.split("\n"):
        stripped = line.strip().strip("*\u2217").strip()
        if not stripped:
            if lines:
                break
            continue
        if re.match(r"^(Addendum|United Nations|_{3,}|\*|GE\.|Views on)", stripped, re.I):
            break
        lines.append(stripped)
        if len(lines) >= 3:
            break
    from upr_lens import states

    for count in range(1, len(lines) + 1):
        candidate = clean_inline(" ".join(lines[:count])).strip(" *\u2217")
        if states.resolve(candidate):
            return candidate
    return clean_inline(lines[0]).strip(" *\u2217") if lines else None


def _resolve_state(printed: str | None, text: str):
    from upr_lens import states

    if printed:
        state = states.resolve(printed)
        if state:
            return state
        found = states.find_states_in(printed)
        if found:
            return found[0][2]
    match = _REVIEW_OF.search(text)
    if match:
        state = states.resolve(re.sub(r"\s+", " ", match.group(1)))
        if state:
            return state
    return None


def detect(pages: Sequence[Page], tables: Sequence = ()) -> DocumentInfo:
    """Recognise the document from its pages (and, for Word files, its tables)."""
    cover = pages[0].text if pages else ""
    head_text = "\n".join(p.text for p in pages[:3])
    # an addendum in Word has its annex table of positions ("Recommendation | Position") too
    addendum_cover = bool(_TITLE.search(cover)) and bool(_ADDENDUM.search(cover))
    if tables and _looks_like_thematic_list(tables) and not addendum_cover:
        return _thematic_list_info(cover, tables)  # the body (page 2 of a Word file is its tables' text)
    symbol = find_symbol(pages)
    if any(pattern.search(cover) for pattern, _ in _OTHER_UPR_KINDS):
        return _other_info(cover, head_text, symbol)
    is_title = bool(_TITLE.search(cover))
    if not is_title or not symbol:
        return _other_info(cover, head_text, symbol)
    is_addendum = "/Add." in symbol or bool(_ADDENDUM.search(cover))
    printed = _state_on_cover(cover)
    state = _resolve_state(printed, head_text)
    wg_session = _wg_session(head_text)
    hrc = re.match(r"A/HRC/(\d+)/", symbol)
    date = _date(cover)
    return DocumentInfo(
        doc_type=DocType.ADDENDUM if is_addendum else DocType.REPORT,
        symbol=symbol,
        state_printed=printed,
        state_iso3=state.iso3 if state else None,
        state_name=state.name if state else None,
        wg_session=wg_session,
        hrc_session=int(hrc.group(1)) if hrc else None,
        cycle=cycle_of_wg_session(wg_session) or cycle_of_date(date),
        date=date,
        title="Report of the Working Group on the Universal Periodic Review"
        + (" (addendum)" if is_addendum else ""),
    )


def _wg_session(text: str) -> int | None:
    for pattern in (_HELD_SESSION, _WG_SESSION_HEADING):
        match = pattern.search(text)
        if match:
            value = ordinal_value(match.group(1))
            if value:
                return value
    match = _WG_SYMBOL.search(text)
    return int(match.group(1)) if match else None


def _date(cover: str) -> str | None:
    distr = re.search(r"Distr", cover, re.I)
    match = _DATE.search(cover, distr.start()) if distr else None
    match = match or _DATE.search(cover)
    if not match:
        return None
    day, month, year = int(match.group(1)), _MONTHS[match.group(2)], int(match.group(3))
    return f"{year:04d}-{month:02d}-{day:02d}"


def _other_info(cover: str, head_text: str, symbol: str | None) -> DocumentInfo:
    for pattern, kind in _OTHER_UPR_KINDS:
        if pattern.search(cover):
            wg = _wg_session(head_text)
            return DocumentInfo(
                doc_type=DocType.OTHER_UPR, symbol=symbol, looks_like=kind, wg_session=wg,
                cycle=cycle_of_wg_session(wg), date=_date(cover),
            )
    first = next((clean_inline(line) for line in cover.split("\n") if len(line.strip()) > 3), "")
    looks = f'a document starting "{first[:60]}"' if first else "a document without a title"
    if symbol:
        looks = f"a UN document {symbol} that is not a UPR outcome report ({looks})"
    return DocumentInfo(doc_type=DocType.NOT_UPR, symbol=symbol, looks_like=looks)


def _looks_like_thematic_list(tables: Sequence) -> bool:
    for table in tables:
        for row in list(table)[:4]:
            joined = " ".join(row).lower()
            if "recommendation" in joined and "position" in joined:
                return True
    return False


def _thematic_list_info(head_text: str, tables: Sequence) -> DocumentInfo:
    from upr_lens import states

    table_text = "\n".join(" ".join(row) for table in tables for row in list(table)[:6])
    symbol_match = _SYMBOL.search(head_text) or _SYMBOL.search(table_text)
    session = re.search(r"(?:UPR|Working Group)\D{0,40}?(\d{1,2})(?:st|nd|rd|th)?\s+session", head_text, re.I)
    found = states.find_states_in(head_text)
    state = found[0][2] if found else None
    wg = int(session.group(1)) if session else None
    return DocumentInfo(
        doc_type=DocType.THEMATIC_LIST,
        symbol=re.sub(r"/Add\.\d+$", "", _normal_symbol(symbol_match)) if symbol_match else None,
        state_printed=head_text[found[0][0]:found[0][1]] if found else None,
        state_iso3=state.iso3 if state else None,
        state_name=state.name if state else None,
        wg_session=wg,
        cycle=cycle_of_wg_session(wg),
        title="Thematic list of recommendations",
    )
