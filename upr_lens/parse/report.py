"""Working Group report → recommendations. This is where a recommendation is born.

The section "Conclusions and/or recommendations" holds lead-in paragraphs ("121. The following
recommendations will be examined by ...") each followed by numbered items. Two numbering styles exist:
cycle 2 onwards prints the full id ("121.2 Ratify ..."), early cycle 1 reports print "2." under the
lead-in paragraph 121; both give the id "121.2". Numbers are read against the running sequence, so a
line that merely starts with a number ("18 years ...") is not mistaken for an item.

Everything here is a pure function of the pages' text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from upr_lens.parse.states_in_text import split_state_groups
from upr_lens.parse.text import (
    SOFT_HYPHEN_MARK,
    clean_inline,
    is_furniture,
    repair_hyphens,
    strip_furniture,
    vocabulary,
)
from upr_lens.records import Decision, Page, ParsedReport, Recommendation, RecommendationPart

_HEADING = re.compile(
    r"^\s*(?:[IVX]{1,4}\s*\.?\s*)?Conclusions?\s*(?:and\s*/?\s*or|and|/)?\s*recommendations?\b(?P<rest>.*)$",
    re.I,
)
_SECTION_END = re.compile(
    r"^\s*(?:Annex(?:es)?\s*$|ANNEX\b|Composition of the delegation|\*\s*\*\s*\*|"
    r"[IVX]{1,4}\.\s+(?:VOLUNTARY|Voluntary)\b)"
)
_DOTTED = re.compile(r"^\s*(\d{1,3})\s?([.\-])\s?(\d{1,3})(?:\.\s*|\s+|$)(.*)$")
_INLINE_ID = re.compile(r"(?<=[;.])\s*(?=\d{1,3}\.\d{1,3}\.?\s*[A-Z])")
_PLAIN = re.compile(r"^\s*(\d{1,3})(\.?)(?=\s)\s*(.*)$")
_MAX_GAP = 6  # an id this far past the expected one is still taken (and the gap reported)
_CLOSING = re.compile(r"^All conclusions and/or recommendations", re.I)

_DECISIONS = (
    # "noted ... and indicated that they pertain to measures already implemented": an implementation claim
    (re.compile(r"\bnoted\b.{0,160}?(?:already|being|been|currently)\s+(?:being\s+)?implement", re.I | re.S),
     Decision.IMPLEMENTED),
    # a response deferred to later outweighs what the paragraph says meanwhile: "will be examined by Ghana
    # which will provide responses ... Both will be noted in the outcome report", "takes note of the
    # recommendations ... others need to be further examined ... The response ... will be included in the
    # outcome report" (the outcome, usually UPR Info's rows or an addendum, decides)
    (re.compile(r"will\s+be\s+examined\s+by|need\s+to\s+be\s+(?:further\s+)?examined|"
                r"will\s+provide\s+(?:its\s+)?responses?|responses?\s+of\s+.{0,120}?will\s+be\s+(?:included|provided)",
                re.I | re.S), Decision.TO_BE_EXAMINED),
    (re.compile(r"(?:did|do|does|cannot|can\s+not)\s+not\s+(?:enjoy|receive|obtain)|cannot\s+enjoy|"
                r"not\s+(?:to\s+)?(?:be\s+)?supported|(?:were|are|have been|has been|will be|would be)\s+noted|"
                r"\bnoted\s+by\b|\bnot\s+accept|\breject|can(?:not|'t|\s+not)\s+be\s+accepted|"
                r"could\s+not\s+(?:be\s+)?(?:accept|support)|unable\s+to\s+(?:accept|support)|"
                r"will\s+not\s+be\s+(?:accepted|supported)|take[sn]?\s+note|took\s+note|"
                r"cannot\s+(?:accept|support)|\bnot\s+relevant\b", re.I), Decision.NOTED),
    (re.compile(r"already\s+(?:been\s+)?implemented|in\s+the\s+process\s+of\s+(?:being\s+)?implement", re.I),
     Decision.IMPLEMENTED),
    (re.compile(r"will\s+be\s+examined|will\s+examine|provide\s+(?:its\s+)?responses?|"
                r"in\s+due\s+(?:time|course)|will\s+be\s+considered|will\s+consider|"
                r"(?:further|later)\s+consideration|to\s+be\s+examined|under\s+consideration|"
                r"responses?\s+of\s+.{0,120}?will\s+be\s+(?:included|provided)|noted\s+these\s+recommendations\s+for",
                re.I | re.S), Decision.TO_BE_EXAMINED),
    (re.compile(r"enjoy(?:s|ed)?\s+the\s+support|enjoy\s+its\s+support|(?:are|were|is|was)\s+(?:accepted|supported)|"
                r"\baccepts?\b|\bsupports?\b|agree[sd]?\s+(?:to\s+follow\s+up|on\s+the\s+following)", re.I),
     Decision.SUPPORTED),
)


# An implementation claim whose lead-in does not state support: "The following recommendations are noted and
# China indicated that they are pertaining to measures already being implemented", "Viet Nam noted the
# following recommendations and indicated that they pertain to measures which have been implemented",
# "... already being implemented ... and will be further considered by the Government" (Uzbekistan 2009).
# UPR Info codes every such row noted; lead-ins that say the items "enjoy the support" stay supported.
_STATES_SUPPORT = re.compile(r"enjoy(?:s|ed)?\s+(?:the|its)\s+support|\baccept|\bsupport", re.I)
_NOT_SUPPORTED_CLAIM = re.compile(r"\bnoted\b|further\s+considered", re.I)


def implemented_position(lead_in: str) -> str:
    """The position of a recommendation its State claims as implemented: "noted" when the lead-in notes
    the items or leaves them to be further considered without stating support, else "supported"."""
    if _NOT_SUPPORTED_CLAIM.search(lead_in) and not _STATES_SUPPORT.search(lead_in):
        return "noted"
    return "supported"


def classify_lead_in(text: str) -> Decision:
    """The decision a lead-in paragraph states for the items under it."""
    for pattern, decision in _DECISIONS:
        if pattern.search(text):
            return decision
    return Decision.OTHER


_PAGE_ONLY = re.compile(r"^\s*\d{1,3}\s*$")
_FOOTNOTE_LINE = re.compile(r"^\s*\*{1,3}\s*[A-Z]")  # "** Conclusions and recommendations have not been edited."
_ITEM_START = re.compile(r"^[A-Z“\"'‘(]")
_LEAD_IN_START = re.compile(
    r"^(?:The\s|All\s|In\s|With\s|During\s|Those\s|These\s|Recommendations?\s|Furthermore|"
    r"Additionally|Moreover|[A-Z][\w'’\-]*(?:\s+[\w'’\-()]+){0,8}\s+(?:considers|accepts|supports|"
    r"rejects|has|have|will|did|does|notes|took|takes|is|was)\b)"
)


def _needs_repair(text: str) -> bool:
    return SOFT_HYPHEN_MARK in text or "-\n" in text


@dataclass
class _Block:
    kind: str  # "lead" | "item"
    para: int
    item: int
    page: int
    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


_HEADING_ANYWHERE = re.compile(r"Conclusions?\s*(?:and\s*/?\s*or|and|/)?\s*recommendations?", re.I)


def _heading_line(line: str) -> bool:
    match = _HEADING.match(line)
    if not match or "..." in match.group("rest") or re.search(r"\.{4,}|…", line):
        return False
    rest = match.group("rest").strip(" *\u2217")
    return not rest or bool(re.fullmatch(r"[\d\s\u2013\-]*", rest))  # else a sentence, not the heading


def starts_conclusions(page_text: str) -> bool:
    """Whether a page carries the heading of the conclusions section (not the contents page's line)."""
    return bool(_HEADING_ANYWHERE.search(page_text)) and any(_heading_line(x) for x in page_text.split("\n"))


def section_lines(pages: Sequence[Page]) -> tuple[list[tuple[int, str]], list[str]]:
    """The lines of the conclusions section as (page number, line), furniture removed."""
    # only the pages from the last one that carries the heading onwards need the line-level work
    first = 0
    for index, page in enumerate(pages):
        if starts_conclusions(page.text):
            first = index
    lines: list[tuple[int, str]] = []
    for number, line in _clean_lines(pages, first):
        if not _FOOTNOTE_LINE.match(line):  # an asterisk footnote
            lines.extend((number, piece) for piece in _INLINE_ID.split(line))
    start = None
    for index, (_, line) in enumerate(lines):
        if _heading_line(line):
            start = index + 1
    notes: list[str] = []
    if start is None:
        return [], ["no 'Conclusions and/or recommendations' heading found"]
    end = len(lines)
    for index in range(start, len(lines)):
        if _SECTION_END.match(lines[index][1]):
            end = index
            break
    return lines[start:end], notes


def _is_lead_in_text(text: str) -> bool:
    """Lead-in paragraphs are prose about the recommendations, not an imperative ask."""
    return bool(_LEAD_IN_START.match(text))


def _blocks(lines: Sequence[tuple[int, str]]) -> tuple[list[_Block], list[str]]:
    blocks: list[_Block] = []
    notes: list[str] = []
    para: int | None = None
    last_item = 0
    last_item_any = 0  # old style: numbering may run on across lead-ins
    style: str | None = None
    for page, raw_line in lines:
        line = raw_line.strip()
        if not line:
            continue
        dotted = _DOTTED.match(line)
        plain = _PLAIN.match(line) if not dotted else None
        if dotted and para is not None:
            number, printed_as = _dotted_item(dotted, para, last_item)
            if number is not None:
                block = _Block("item", para, number, page, [dotted.group(4).lstrip(" .|")])
                _note_sequence(block, number, last_item)
                if printed_as:
                    block.notes.append(f"id printed as {printed_as!r} in the document")
                blocks.append(block)
                last_item = last_item_any = number
                style = "dotted"
                continue
        if (dotted and para is not None and dotted.group(2) == "." and int(dotted.group(1)) == para + 1
                and int(dotted.group(3)) == 1):
            # items of a paragraph whose lead-in is missing or unnumbered
            para += 1
            blocks.append(_Block("lead", para, 0, page, []))
            notes.append(f"paragraph {para}: items without a numbered lead-in")
            blocks.append(_Block("item", para, 1, page, [dotted.group(4)]))
            last_item = last_item_any = 1
            style = "dotted"
            continue
        if plain:
            number = int(plain.group(1))
            has_period = plain.group(2) == "."
            rest = plain.group(3)
            first_para = para is None and has_period and (number > 3 or _is_lead_in_text(rest))
            item_expected = {last_item + 1}
            if blocks and blocks[-1].kind == "lead":
                item_expected = {1, last_item_any + 1}
            starts_ok = _starts_like_item(rest) or (has_period and number in item_expected)
            in_window = number in item_expected or (
                has_period and max(item_expected) < number <= max(item_expected) + _MAX_GAP
            )
            is_item = para is not None and style != "dotted" and starts_ok and in_window
            is_para = (first_para or (para is not None and number == para + 1 and has_period)) and bool(rest)
            if is_para and is_item:
                is_para = _is_lead_in_text(rest)
                is_item = not is_para
            if is_para:
                para = number
                blocks.append(_Block("lead", para, 0, page, [rest]))
                last_item = 0
                continue
            if is_item and para is not None:
                block = _Block("item", para, number, page, [rest])
                expected = max(item_expected) if number > max(item_expected) else number
                _note_sequence(block, number, expected - 1 if number >= expected else last_item)
                blocks.append(block)
                last_item = last_item_any = number
                style = "plain"
                continue
        if blocks:
            blocks[-1].lines.append(line)
        elif line:
            notes.append(f"text before the first numbered paragraph: {line[:60]!r}")
    return blocks, notes


def _dotted_item(match: re.Match[str], para: int, last_item: int) -> tuple[int | None, str]:
    """The item number a dotted id stands for under paragraph *para*, and the misprint if any.

    Reports sometimes misprint an id ("128.12" under paragraph 129, "125-15", "118.09" for 118.109):
    when the item continues the running sequence and only the paragraph part, the separator or one
    dropped digit differs, the id is read as OHCHR meant it and the misprint is noted.
    """
    printed_para, separator, printed_item = int(match.group(1)), match.group(2), match.group(3)
    number = int(printed_item)
    expected = last_item + 1
    rest = match.group(4).lstrip(" .|")
    if rest and not _starts_like_item(rest):
        return None, ""
    printed = match.group(0).split()[0] if match.group(0).split() else ""
    if printed_para == para and separator == ".":
        if last_item < number <= last_item + _MAX_GAP or number == last_item:
            return number, ""
    if number == expected and (printed_para != para or separator != "."):
        return number, printed.rstrip(".")
    if printed_para == para and len(printed_item) == len(str(expected)) - 1 and any(
        str(expected)[:k] + str(expected)[k + 1:] == printed_item for k in range(len(str(expected)))
    ):
        return expected, printed.rstrip(".")
    return None, ""


def _starts_like_item(text: str) -> bool:
    return bool(_ITEM_START.match(text))


def _note_sequence(block: _Block, number: int, previous: int) -> None:
    if number == previous:
        block.notes.append(f"duplicate id {block.para}.{number}")
    elif number > previous + 1:
        block.notes.append(f"gap before {block.para}.{number} (expected {block.para}.{previous + 1})")


_BACK_REFERENCE = re.compile(
    r"^.{0,120}?\b(?:these|the\s+above|the\s+said|those)\s+recommendations\b|"
    r"^.{0,80}?\brecommendations\s+(?:listed\s+)?above\b|^All\s+recommendations\s+formulated", re.I)
_INLINE_ASK = re.compile(r":\s*(?P<ask>[A-Z“\"].{10,}\))\s*[.;]?\s*(?:$|\s+[A-Z])")


def _decisions_stated_after(
    recommendations: list[Recommendation], lead_ins: list[tuple[int, str, Decision]]
) -> list[Recommendation]:
    """Early reports list items under "the following recommendations were made" and state the decision
    in the next paragraph ("These recommendations will be examined by ..."): apply it to those items."""
    from dataclasses import replace

    with_items = {r.paragraph for r in recommendations}
    decided: dict[int, tuple[Decision, int]] = {}
    for (paragraph, _, decision), (next_paragraph, next_text, next_decision) in zip(lead_ins, lead_ins[1:]):
        if (decision is Decision.OTHER and paragraph in with_items and next_paragraph not in with_items
                and next_decision is not Decision.OTHER and _BACK_REFERENCE.search(next_text)):
            decided[paragraph] = (next_decision, next_paragraph)
    if not decided:
        return recommendations
    return [
        replace(r, decision=decided[r.paragraph][0],
                notes=r.notes + (f"decision stated in paragraph {decided[r.paragraph][1]}",))
        if r.paragraph in decided else r
        for r in recommendations
    ]


def _refers_to_dialogue(lead_ins: list[tuple[int, str, Decision]], recommendations: list[Recommendation]) -> bool:
    from upr_lens.parse import early_form

    with_items = {r.paragraph for r in recommendations}
    return any(
        paragraph not in with_items and decision is not Decision.OTHER
        and any(r[0] < lead_ins[0][0] for r in early_form.references(text))
        for paragraph, text, decision in lead_ins
    )


_COMMENT_ITEM = re.compile(r"^(?:With\s+regard\s+to|Regarding|As\s+regards|Concerning)\b|\bparagraphs?\s+\d", re.I)


def _comments_on_references(
    recommendations: list[Recommendation], lead_ins: list[tuple[int, str, Decision]], notes: list[str]
) -> list[Recommendation]:
    """Drop numbered items that comment on recommendations a lead-in references in the dialogue.

    "The recommendations noted in the report in paragraphs 26 (e), 29, ... above did not enjoy the support of
    Burundi:" followed by "1. With regard to recommendations concerning special procedures included under
    paragraphs 26 (e) (Czech Republic), ..., Burundi indicated that ...": the items are the State's comments,
    the recommendations are the referenced ones (fetched by :func:`_outside_numbered_list`). A paragraph
    counts as such when its lead-in references dialogue paragraphs and every item names a paragraph or
    opens with "With regard to"."""
    if not lead_ins:
        return recommendations
    from upr_lens.parse import early_form

    first = lead_ins[0][0]
    commented = set()
    for paragraph, text, decision in lead_ins:
        items = [r for r in recommendations if r.paragraph == paragraph]
        if (items and decision is not Decision.OTHER
                and any(ref[0] < first for ref in early_form.references(text))
                and all(_COMMENT_ITEM.search(r.text) for r in items)):
            commented.add(paragraph)
            notes.append(f"paragraph {paragraph}: {len(items)} numbered item(s) comment on the referenced "
                         "recommendations; not recommendations themselves")
    return [r for r in recommendations if r.paragraph not in commented]


def _outside_numbered_list(
    pages: Sequence[Page],
    section: Sequence[tuple[int, str]],
    lead_ins: list[tuple[int, str, Decision]],
    recommendations: list[Recommendation],
    notes: list[str],
) -> list[Recommendation]:
    """Recommendations that a lead-in gives inline or by reference to dialogue paragraphs."""
    from upr_lens.parse import early_form
    from upr_lens.records import StateMention

    with_items = {r.paragraph for r in recommendations}
    found: list[Recommendation] = []
    dialogue: dict[int, tuple[int, str]] | None = None
    given: dict[tuple[int, str | None], int] = {}  # a referenced ask → the lead-in paragraph that gave it
    for paragraph, text, decision in lead_ins:
        if paragraph in with_items or decision is Decision.OTHER:
            continue
        page = next((p for p, line in section if line.lstrip().startswith(f"{paragraph}.")), 0)
        # only references to the interactive dialogue, i.e. to paragraphs before the conclusions
        refs = [r for r in early_form.references(text) if r[0] < lead_ins[0][0]]
        if refs:
            if dialogue is None:
                dialogue = early_form.dialogue_paragraphs(_body_lines(pages))
            # a later lead-in that references asks an earlier one already gave ("Burkina Faso takes note
            # of the recommendations reflected in paragraphs 35 (b), 38 (b) ... and offers the following
            # comments"): the same recommendations, not new ones
            again = [r for r in refs if r in given]
            if again:
                earlier = sorted({given[r] for r in again})
                notes.append(f"paragraph {paragraph}: {len(again)} referenced recommendation(s) already given by "
                             f"paragraph {', '.join(map(str, earlier))}; not stored twice")
                refs = [r for r in refs if r not in given]
            given.update((r, paragraph) for r in refs)
            fetched = early_form.fetch(dialogue, refs)
            missing = len(refs) - len(fetched)
            if missing:
                notes.append(f"paragraph {paragraph}: {missing} referenced recommendation(s) not found")
            for item, ref in enumerate(fetched, 1):
                printed = early_form.speaker(dialogue[ref.paragraph][1])
                mentions: tuple[StateMention, ...] = ()
                if printed:
                    from upr_lens import states

                    state = states.resolve(printed)
                    mentions = (StateMention(printed, state.name if state else None, state.iso3 if state else None),)
                found.append(Recommendation(
                    rec_id=f"{paragraph}.{item}", paragraph=paragraph, item=item, decision=decision,
                    lead_in=text, parts=(RecommendationPart(1, clean_inline(ref.text), mentions),),
                    page=ref.page,
                    notes=(f"outside the numbered list: interactive dialogue paragraph {ref.label}; "
                           "id assigned by upr_lens in the order of the reference",),
                ))
            continue
        inline = _INLINE_ASK.search(text)
        if inline:
            parts, part_notes, trailing = split_state_groups(inline.group("ask"))
            if parts and parts[0][1]:
                found.append(Recommendation(
                    rec_id=f"{paragraph}.1", paragraph=paragraph, item=1, decision=decision, lead_in=text,
                    parts=tuple(RecommendationPart(i + 1, t, st) for i, (t, st) in enumerate(parts)),
                    page=page, notes=("unnumbered recommendation printed inside the lead-in paragraph",
                                      *part_notes),
                    comment=trailing,
                ))
    return found


def _own_header_pattern(pages: Sequence[Page]) -> re.Pattern[str] | None:
    from upr_lens.parse.detect import find_symbol

    symbol = find_symbol(pages)
    if not symbol:
        return None
    return re.compile(
        r"(?<![(/\w])" + re.escape(symbol) + r"(?![/\w])(?:\s+\d{1,3})?(?:\s+GE[.:]\s?\d{2}-\d{4,6}(?:\s*\(E\))?)?"
    )


def _body_lines(pages: Sequence[Page]) -> list[tuple[int, str]]:
    """All lines of the document with furniture removed and hyphens repaired (for the dialogue part)."""
    own_header = _own_header_pattern(pages)
    return [(number, own_header.sub(" ", line) if own_header else line) for number, line in _clean_lines(pages)]


def _clean_lines(pages: Sequence[Page], first: int = 0):
    """(page number, line) of the pages from *first* on: running headers dropped, line-end hyphens repaired
    (judged against the whole document's words)."""
    cleaned = [strip_furniture(p.text) for p in pages[first:]]
    vocab = vocabulary(p.text for p in pages) if any(_needs_repair(t) for t in cleaned) else frozenset()
    for page, text in zip(pages[first:], cleaned):
        for line in repair_hyphens(text, vocab).split("\n"):
            if not (is_furniture(line) and not _PAGE_ONLY.match(line)):  # a stray symbol or job-number line
                yield page.number, line


def parse_report(pages: Sequence[Page]) -> ParsedReport:
    """All recommendations of a Working Group report, from its pages of text."""
    lines, notes = section_lines(pages)
    if not lines:
        return ParsedReport(recommendations=(), lead_ins=(), notes=tuple(notes))
    blocks, block_notes = _blocks(lines)
    notes.extend(block_notes)
    own_header = _own_header_pattern(pages)
    lead_ins: list[tuple[int, str, Decision]] = []
    recommendations: list[Recommendation] = []
    current_lead = ""
    current_decision = Decision.OTHER
    for block in blocks:
        text = clean_inline(" ".join(block.lines))
        if own_header is not None and own_header.search(text):  # a running header merged into a line
            text = clean_inline(own_header.sub(" ", text))
        if block.kind == "lead":
            current_lead = text
            current_decision = classify_lead_in(text)
            lead_ins.append((block.para, text, current_decision))
            continue
        parts, part_notes, trailing = split_state_groups(text)
        rec_notes = tuple(block.notes + part_notes)
        recommendations.append(
            Recommendation(
                rec_id=f"{block.para}.{block.item}",
                paragraph=block.para,
                item=block.item,
                decision=current_decision,
                lead_in=current_lead,
                parts=tuple(
                    RecommendationPart(index=i + 1, text=part_text, states=states)
                    for i, (part_text, states) in enumerate(parts)
                ),
                page=block.page,
                notes=rec_notes,
                comment=trailing,
            )
        )
        notes.extend(f"{block.para}.{block.item}: {n}" for n in block.notes)
    recommendations = _decisions_stated_after(recommendations, lead_ins)
    recommendations = _comments_on_references(recommendations, lead_ins, notes)
    if any(not p.text for p in pages) and _refers_to_dialogue(lead_ins, recommendations):
        return ParsedReport(recommendations=(), lead_ins=tuple(lead_ins), notes=tuple(notes), needs_dialogue=True)
    recommendations += _outside_numbered_list(pages, lines, lead_ins, recommendations, notes)
    if not recommendations:
        notes.append("no numbered recommendations found in the conclusions section")
    return ParsedReport(recommendations=tuple(recommendations), lead_ins=tuple(lead_ins), notes=tuple(notes))
