"""Recommendations outside the numbered list form (early cycle-1 reports).

Some 2008-2009 reports do not list every recommendation under the conclusions: a lead-in says that
"the recommendations noted in the report in paragraphs 27 (b), (c), 31 ... above did not enjoy the
support of X". The recommendations themselves sit in the interactive-dialogue paragraphs, as lettered
asks inside a State's statement ("it recommended that China: (a) ...; (b) ..."). These functions read
the references and fetch those asks, so that they are captured too, each with a note saying where from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_REFERENCE_START = re.compile(r"\bparagraphs?\s*:?\s*(?=\d)", re.I)
_REFERENCE_END = re.compile(r"\b(?:above|did|do|does|will|in\s+(?:chapter|section)|are|were|of\s+the)\b", re.I)
_TOKEN = re.compile(
    r"\((?P<letters>[a-z](?:\s*(?:,|and)\s*[a-z])*)\)"
    r"|(?<![\d.])(?P<number>\d{1,3})(?![\d/]|\.\d)"
    r"|\((?:i|ii|iii|iv|v|vi)\)"
)
_PARAGRAPH = re.compile(r"^\s*(\d{1,3})\.\s+(\S.*)$")
_LETTER = re.compile(r"\(([a-z])\)\s*")


@dataclass(frozen=True)
class Referenced:
    paragraph: int
    letter: str | None
    text: str
    page: int

    @property
    def label(self) -> str:
        return f"{self.paragraph} ({self.letter})" if self.letter else str(self.paragraph)


def references(lead_in: str) -> list[tuple[int, str | None]]:
    """'paragraphs 27 (b), (c), 31 and 43 (a, d) above' → [(27,'b'), (27,'c'), (31,None), (43,'a'), (43,'d')]."""
    start = _REFERENCE_START.search(lead_in)
    if not start:
        return []
    rest = lead_in[start.end():]
    end = _REFERENCE_END.search(rest)
    rest = rest[: end.start()] if end else rest
    found: list[tuple[int, str | None]] = []
    last: int | None = None
    lettered: set[int] = set()
    for token in _TOKEN.finditer(rest):
        if token.group("number"):
            last = int(token.group("number"))
            found.append((last, None))
        elif token.group("letters") and last is not None:
            if last not in lettered and (last, None) in found:
                found.remove((last, None))
            lettered.add(last)
            for letter in re.findall(r"[a-z]", token.group("letters")):
                found.append((last, letter))
    return list(dict.fromkeys(found))  # duplicates dropped, first occurrence kept


def dialogue_paragraphs(lines: Sequence[tuple[int, str]]) -> dict[int, tuple[int, str]]:
    """Numbered paragraphs (number → (page, text)) from the lines before the conclusions section."""
    paragraphs: dict[int, tuple[int, list[str]]] = {}
    expected = 1
    current: int | None = None
    for page, line in lines:
        match = _PARAGRAPH.match(line)
        if match and int(match.group(1)) in (expected, expected + 1) and match.group(2)[:1].isupper():
            current = int(match.group(1))
            expected = current + 1
            paragraphs[current] = (page, [match.group(2)])
        elif current is not None and line.strip():
            paragraphs[current][1].append(line.strip())
    return {n: (page, " ".join(parts)) for n, (page, parts) in paragraphs.items()}


def fetch(paragraphs: dict[int, tuple[int, str]], refs: Sequence[tuple[int, str | None]]) -> list[Referenced]:
    """The ask each reference points at: the lettered clause, or the recommending sentence(s)."""
    out: list[Referenced] = []
    for number, letter in refs:
        if number not in paragraphs:
            continue
        page, text = paragraphs[number]
        if letter:
            clause = _lettered_clause(text, letter)
            if clause:
                out.append(Referenced(number, letter, clause, page))
        else:
            out.append(Referenced(number, None, _recommending_part(text), page))
    return out


def _lettered_clause(text: str, letter: str) -> str | None:
    markers = list(_LETTER.finditer(text))
    for index, marker in enumerate(markers):
        if marker.group(1) != letter:
            continue
        end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        clause = text[marker.end():end]
        sentence_end = re.search(r"[.;]\s+(?=[A-Z])", clause)
        if sentence_end:
            clause = clause[: sentence_end.start()]
        clause = re.sub(r"\s*(?:[;,.]\s*)?(?:and|or)?\s*$", "", clause.strip())
        return clause[:1].upper() + clause[1:] if clause else None
    return None


def _recommending_part(text: str) -> str:
    match = re.search(r"\brecommend(?:ed|s)?\b(?:\s+that)?\s*(.*)$", text, re.I)
    clause = match.group(1) if match and len(match.group(1)) > 15 else text
    clause = clause.strip().rstrip(".;")
    return clause[:1].upper() + clause[1:]


def speaker(text: str) -> str | None:
    """The State that speaks in a dialogue paragraph: the first State named in it."""
    from upr_lens import states

    found = states.find_states_in(text[:200])
    return text[found[0][0]:found[0][1]] if found else None
