"""Addendum (…/Add.1: the State's views on the recommendations) → a position per recommendation id.

These printed forms are read:

* **category paragraphs with id lists** (cycles 2-4): "3. The Government accepts the following
  recommendations 122.1, 122.17-18, 122.34- 35, 122.91-104 ...", "5. ... notes recommendations 6–13, 17".
  Ranges come in every form ("122.17-18", "122.14– 15", "115.1-115.5", "6–13"); bare item numbers refer to
  the report paragraph that holds the examined recommendations (``default_paragraph``).
* **explanations per id** after those paragraphs: a line that is just an id or a range ("122.14– 15",
  "Rec. 18", "Recs. 6–13") followed by the State's text; kept and linked to every id it names.
* **prose per recommendation** (cycle 1): "2. Slovenia accepts the recommendation. ..." or
  "5., 6., 7. The Government accepts these recommendations. ..." — numbered like the report's items.
* **cycle-3/4 layouts** (:mod:`upr_lens.parse.addendum_layouts`): annex tables and id lines ("139.12
  Supported", "139.19; 139.20 | Noted | one justification"), tables grouped by theme, a paragraph with a
  supported and a noted sentence, "supports in part" (→ ``partially supported``, the explanation kept),
  "List of accepted recommendations (N in total): ..." with "all other recommendations", and positions
  per report paragraph ("The recommendations in paragraph 139 ... enjoy the support of ...").
  The last two need the report's ids (``report_ids``); without them they are only listed in the notes.

Pure functions over the pages' text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from upr_lens.parse import addendum_layouts as layouts
from upr_lens.parse.text import clean_inline, is_furniture, repair_hyphens, strip_furniture, vocabulary
from upr_lens.records import Page

SUPPORTED, NOTED, PARTIAL = "supported", "noted", "partially supported"

_DASH = r"\s*[-–—‐]\s*"
# ranges: "122.17-18", "115.1-115.5", "50.28.-50.30" (a dot before the dash), "139.12 to 139.15"
_ID_OR_RANGE = re.compile(
    r"(?<![\d.])(\d{1,3})\.(\d{1,3})(?:\.?(?:" + _DASH + r"|\s+to\s+)(?:(\d{1,3})\.)?(\d{1,3}))?(?![\d])"
)
_BARE_OR_RANGE = re.compile(r"(?<![\d.])(\d{1,3})(?:" + _DASH + r"(\d{1,3}))?(?![\d.]\d)")
_NUMBERED = re.compile(r"^\s*(\d{1,3})\.\s+(\S.*)$")
_EXPLANATION_HEAD = re.compile(
    r"^\s*(?:Recs?\.?\s*)?((?:\d{1,3}\.)?\d{1,3}(?:" + _DASH + r"(?:\d{1,3}\.)?\d{1,3})?"
    r"(?:\s*(?:,|and)\s*(?:\d{1,3}\.)?\d{1,3}(?:" + _DASH + r"(?:\d{1,3}\.)?\d{1,3})?)*)\s*(?P<rest>.*)$"
)
_PROSE_ITEMS = re.compile(r"^\s*((?:\d{1,3}\.,?\s*)+)(?=[A-Z])")
_PROSE_NUMBERS_ONLY = re.compile(r"^\s*((?:\d{1,3}\.,?\s*)+)$")
_LIST_WORDS = frozenset(
    "and recommendations recommendation nos no the following as well paragraph para paras contained in "
    "numbers number listed below to".split()
)


@dataclass(frozen=True)
class Position:
    rec_id: str  # "122.17"
    position: str  # supported | noted | partially supported
    printed: str  # the State's own words for the category ("accepts", "notes", heading ...)
    implemented_claim: bool  # "already implemented or in the process of implementation"
    source_paragraph: int | None  # the addendum paragraph that gives the position
    explanation: str = ""


@dataclass(frozen=True)
class ParsedAddendum:
    positions: tuple[Position, ...]
    notes: tuple[str, ...] = ()


def classify_position(text: str) -> str | None:
    """supported / noted / partially supported, from the State's words; None when the text says none."""
    lowered = text.lower()
    if re.search(r"partial(?:ly)?\s+(?:accept|support)|accept(?:s|ed)?\s+(?:\w+\s+){0,3}partially|"
                 r"(?:supports?|supported|accepts?|accepted|notes?|noted)\s+in\s+part|supports?\s+the\s+part\b",
                 lowered):
        return PARTIAL
    # "notes that ..." states a fact ("accepts the recommendation and notes that it has already acted
    # accordingly"): only noting the recommendation itself is a position
    if re.search(r"\bnot(?:e|es|ed)\b(?!\s+that\b)|takes?\s+note|took\s+note|not\s+(?:accept|support)|"
                 r"cannot\s+(?:accept|support)|does\s+not\s+(?:accept|support)|reject|unable\s+to\s+(?:accept|support)",
                 lowered):
        return NOTED
    if re.search(r"\baccept|\bsupport|\bagree", lowered):
        return SUPPORTED
    return None


def _implemented(text: str) -> bool:
    return bool(re.search(r"already\s+(?:been\s+)?implemented|in\s+(?:the\s+)?process\s+of\s+implement|"
                          r"considers?\s+(?:that\s+)?(?:they|it|this|these)?\s*(?:are|is)?\s*(?:already\s+)?"
                          r"implemented", text, re.I))


def expand_ids(text: str, default_paragraph: int | None) -> list[str]:
    """Every id named in an id list, ranges expanded: "122.17-18, 122.34- 35" → 122.17, 122.18, ..."""
    ids: list[str] = []
    dotted = list(_ID_OR_RANGE.finditer(text))
    if dotted:
        for match in dotted:
            para, first = int(match.group(1)), int(match.group(2))
            last = int(match.group(4)) if match.group(4) else first
            if match.group(3) and int(match.group(3)) != para:
                last = first  # a range across paragraphs is not a range of items
            ids.extend(f"{para}.{item}" for item in range(first, max(first, last) + 1))
        return ids
    if default_paragraph is None:
        return []
    for match in _BARE_OR_RANGE.finditer(text):
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        ids.extend(f"{default_paragraph}.{item}" for item in range(first, max(first, last) + 1))
    return ids


def _id_list_after_keyword(text: str) -> tuple[str, bool]:
    """The id list of a category paragraph, from the first number after "recommendation(s)" to the first
    ordinary word; and whether the list follows the keyword directly (bare numbers count only then)."""
    start = re.search(r"recommendations?\b(?:\s+(?:Nos?\.?|numbers?))?", text, re.I)
    if not start:
        return "", False
    tail = text[start.end():]
    first_id = re.search(r"\d", tail)  # "... recommendations and provides information: 140.11, ..."
    if not first_id:
        return "", False
    between = re.findall(r"[A-Za-z]{2,}", tail[: first_id.start()])
    adjacent = all(word.lower() in _LIST_WORDS for word in between)
    tail = tail[first_id.start():]
    end = len(tail)
    for word in re.finditer(r"[A-Za-z]{2,}", tail):
        if word.group().lower() not in _LIST_WORDS:
            end = word.start()
            break
    return tail[:end], adjacent


def _lines(pages: Sequence[Page]) -> list[str]:
    cleaned = [strip_furniture(p.text) for p in pages]
    vocab = vocabulary(cleaned)
    return [line for text in cleaned for line in repair_hyphens(text, vocab).split("\n")
            if line.strip() and not is_furniture(line)]


def parse_addendum(pages: Sequence[Page], default_paragraph: int | None = None,
                   report_ids: Collection[str] | None = None) -> ParsedAddendum:
    """Positions (and explanations) an addendum gives; *default_paragraph* resolves bare item numbers.

    *report_ids* (the ids the addendum answers for: the report's examined ones) resolve "all other
    recommendations" and "the recommendations in paragraph 139"; without them those are only noted.
    """
    all_lines = _lines(pages)
    positions: dict[str, Position] = {}
    notes: list[str] = []
    rows, row_lines = layouts.read_rows(all_lines, _expand_dotted)
    lists, list_lines = layouts.read_flowing_lists(all_lines, _expand_dotted)
    taken = set(row_lines) | set(list_lines)
    lines = [line for index, line in enumerate(all_lines) if index not in taken]
    paragraphs, heads = _blocks(lines)
    # a document that writes full ids uses bare numbers only for counts ("received 254 recommendations")
    list_paragraph = None if any(_ID_OR_RANGE.search(line) for line in all_lines) else default_paragraph
    for number, text, heading in paragraphs:
        for category, piece in _category_pieces(text):
            id_list, adjacent = _id_list_after_keyword(piece) if category else ("", False)
            if id_list and _REFERS_TO_PARAGRAPH.search(piece) and not _ID_OR_RANGE.search(id_list):
                continue  # "the recommendations in paragraph 139": read below, per paragraph
            ids = expand_ids(id_list, list_paragraph if adjacent else None) if id_list.strip() else []
            if category and ids:
                implemented = _implemented(heading) or _implemented(piece)
                printed = clean_inline(heading) if heading else clean_inline(piece[:160])
                explanation = clean_inline(piece) if category == PARTIAL else ""
                for rec_id in ids:
                    _add(positions, Position(rec_id, category, printed, implemented, number, explanation), notes)
    for row in rows:
        for rec_id in row.ids:
            _add(positions, Position(rec_id, row.position, row.printed, _implemented(row.comment), None,
                                     row.comment), notes)
    for flowing in lists:
        if flowing.count is not None and flowing.count != len(set(flowing.ids)):
            notes.append(f'"{flowing.heading}" announces {flowing.count} recommendations but lists '
                         f"{len(set(flowing.ids))}")
        for rec_id in flowing.ids:
            _add(positions, Position(rec_id, flowing.position, flowing.heading, False, None), notes)
    text = " ".join(lines)
    for stated in layouts.per_paragraph(text, _expand_dotted):
        for rec_id in stated.exceptions:
            if stated.exception_position:
                _add(positions, Position(rec_id, stated.exception_position, stated.sentence[:160], False, None),
                     notes)
        if report_ids is None:
            notes.append(f'"{stated.sentence[:80]}" needs the report\'s ids: positions not given')
            continue
        for rec_id in layouts.ids_in_paragraph(report_ids, stated.paragraph):
            if rec_id not in stated.exceptions:
                _add(positions, Position(rec_id, stated.position, stated.sentence[:160], False, None), notes)
    explanations = [(expand_ids(head, list_paragraph), text) for head, text in heads]
    prose: dict[str, Position] = {}
    prose_notes: list[str] = []
    prose_explanations = _prose_positions(lines, prose, default_paragraph, prose_notes)
    if len(prose) > len(positions):  # cycle-1 form: one numbered statement per recommendation
        positions, notes, explanations = prose, prose_notes, prose_explanations
    for ids, text in explanations:
        for rec_id in ids:
            if rec_id in positions and text.strip():
                old = positions[rec_id]
                joined = (old.explanation + " " + clean_inline(text)).strip()
                positions[rec_id] = Position(old.rec_id, old.position, old.printed, old.implemented_claim,
                                             old.source_paragraph, joined)
            elif rec_id not in positions and text.strip():
                notes.append(f"explanation for {rec_id}, which has no position in this addendum")
    rest = layouts.all_other_position(" ".join(lines))
    if rest and report_ids is None:
        notes.append(f'"all other recommendations" are {rest}: that needs the report\'s ids')
    elif rest and report_ids is not None:
        for rec_id in sorted(set(report_ids) - set(positions), key=_id_key):
            positions[rec_id] = Position(rec_id, rest, "all other recommendations", False, None)
    if not positions:
        notes.append("no positions found")
    return ParsedAddendum(tuple(positions.values()), tuple(notes))


_REFERS_TO_PARAGRAPH = re.compile(r"recommendations?\s+(?:contained\s+|listed\s+|set\s+out\s+)?in\s+paragraph\s+\d",
                                  re.I)
_SENTENCE_END = re.compile(r"(?<=[a-z)\d])\.\s+(?=[A-Z])")


def _category_pieces(text: str) -> list[tuple[str | None, str]]:
    """A paragraph's (position, text) pieces: its sentences when two of them give different positions to
    id lists ("X supports ...: 139.1, 139.4. It notes 139.2 ..."), else the whole paragraph."""
    whole = [(classify_position(text), text)]
    sentences = _SENTENCE_END.split(text)
    if len(sentences) < 2:
        return whole
    pieces = [(classify_position(s), s) for s in sentences]
    with_ids: list[tuple[str | None, str]] = [
        (c, s) for c, s in pieces if c and _ID_OR_RANGE.search(_id_list_after_keyword(s)[0])]
    if len({c for c, _ in with_ids}) < 2:
        return whole
    return with_ids


def _expand_dotted(text: str) -> list[str]:
    return expand_ids(text, None)


def _id_key(rec_id: str) -> tuple[int, ...]:
    return tuple(int(x) for x in rec_id.split(".") if x.isdigit())


_HEADING = re.compile(
    r"^\s*(?:[IVX]+\.\s+)?(?:Accepted|Noted|Supported|Partially|Recommendations?\s+(?:that|which))", re.I
)


def _blocks(lines: Sequence[str]) -> tuple[list[tuple[int | None, str, str]], list[tuple[str, str]]]:
    """Split the lines into numbered paragraphs (number, text, heading above) and explanations
    (id head, text). A line of ids continues a paragraph whose id list is still open."""
    paragraphs: list[tuple[int | None, list[str], str]] = []
    explanations: list[tuple[str, list[str]]] = []
    heading = ""
    expected = 1
    mode = None  # "paragraph" | "explanation"
    previous = ""
    for line in lines:
        numbered = _NUMBERED.match(line)
        in_sequence = numbered is not None and (int(numbered.group(1)) in (expected, expected + 1) or not paragraphs)
        if numbered and in_sequence and not _looks_like_id_only(line):
            expected = int(numbered.group(1)) + 1
            paragraphs.append((int(numbered.group(1)), [numbered.group(2)], heading))
            mode = "paragraph"
            previous = line
            continue
        if mode != "explanation" and _unnumbered_start(line, previous):
            paragraphs.append((None, [line.strip()], heading))  # Word's automatic numbers are not in the text
            mode = "paragraph"
            previous = line
            continue
        previous = line
        if _HEADING.match(line) and len(line) < 120 and not line.rstrip().endswith(","):
            heading = line.strip()
            mode = None
            continue
        head = _EXPLANATION_HEAD.match(line)
        is_head = bool(head) and (_looks_like_id_only(line) or line.lstrip().lower().startswith("rec"))
        if mode == "paragraph" and is_head and _list_open(" ".join(paragraphs[-1][1])):
            paragraphs[-1][1].append(line.strip())
            continue
        if mode is None and heading and not is_head and len(line) < 120:
            heading += " " + line.strip()  # a heading wrapped over two lines
            continue
        if head and is_head:
            explanations.append((head.group(1), [head.group("rest")]))
            mode = "explanation"
        elif mode == "explanation":
            explanations[-1][1].append(line.strip())
        elif mode == "paragraph":
            paragraphs[-1][1].append(line.strip())
    return ([(n, " ".join(parts), h) for n, parts, h in paragraphs],
            [(head, " ".join(parts)) for head, parts in explanations])


def _unnumbered_start(line: str, previous: str) -> bool:
    """An unnumbered paragraph that gives a position to listed ids ("X supports the following
    recommendations: 139.1, ..."), after a line that closed its sentence: how a Word file with automatic
    paragraph numbers reads."""
    if not re.match(r"\s*[A-Z][a-z]", line) or (previous and not re.search(r"[.:]\s*$", previous)):
        return False
    return bool(re.search(r"recommendations?\b", line, re.I)) and bool(_ID_OR_RANGE.search(line)) and (
        classify_position(line) is not None)


def _list_open(text: str) -> bool:
    """Whether a paragraph's id list goes on: it ends with a separator or an id, not a full stop."""
    tail = text.rstrip()
    return bool(re.search(r"(?:[,–\-]|\band|\d)$", tail)) or bool(re.search(r"recommendations?[^A-Za-z]*$", tail, re.I))


def _looks_like_id_only(line: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:Recs?\.?\s*)?[\d.\s,–\-]+(?:and[\d.\s,–\-]+)*", line))


def _prose_positions(lines: Sequence[str], positions: dict[str, Position], default_paragraph: int | None,
                     notes: list[str]) -> list[tuple[list[str], str]]:
    """Cycle-1 form: "2. Slovenia accepts the recommendation. ..." numbered like the report's items."""
    blocks: list[tuple[list[int], list[str]]] = []
    for line in lines:
        match = _PROSE_ITEMS.match(line) or _PROSE_NUMBERS_ONLY.match(line)
        if match:
            numbers = [int(n) for n in re.findall(r"\d{1,3}", match.group(1))]
            if blocks and not " ".join(blocks[-1][1]).strip():
                numbers = blocks.pop()[0] + numbers  # "43., 44." on a line of its own, then "45. ..."
            blocks.append((numbers, [line[match.end():]]))
        elif blocks:
            blocks[-1][1].append(line.strip())
    explanations = []
    for numbers, parts in blocks:
        text = " ".join(parts)
        first_sentence = re.split(r"(?<=[.;])\s+", text, maxsplit=1)[0]
        category = classify_position(first_sentence) or classify_position(text[:300])
        if category is None or default_paragraph is None:
            continue
        ids = [f"{default_paragraph}.{n}" for n in numbers]
        for rec_id in ids:
            _add(positions, Position(rec_id, category, clean_inline(first_sentence[:160]), _implemented(text),
                                     None), notes)
        explanations.append((ids, text))
    return explanations


def _add(positions: dict[str, Position], position: Position, notes: list[str]) -> None:
    earlier = positions.get(position.rec_id)
    if earlier and earlier.position != position.position:
        notes.append(f"{position.rec_id} is given two positions: {earlier.position} and {position.position}")
        return
    positions.setdefault(position.rec_id, position)
