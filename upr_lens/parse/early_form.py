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
_LETTER = re.compile(r"(?:(?<!\w)\(|(?<![\w(’'-]))([a-z])\)\s*")  # "(a) ..." or "a) ..." (Saudi Arabia 2009)


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
    """'paragraphs 27 (b), (c), 31 and 43 (a, d) above' → [(27,'b'), (27,'c'), (31,None), (43,'a'), (43,'d')].

    Every list of paragraphs in the lead-in counts: "... the recommendations contained in paragraphs 33 (a, b)
    ... are not part of its obligations ... the recommendations contained in paragraphs 43(a), 44 ... as
    unacceptable" (Uzbekistan 2009) references both lists."""
    found: list[tuple[int, str | None]] = []
    for start in _REFERENCE_START.finditer(lead_in):
        rest = lead_in[start.end():]
        end = _REFERENCE_END.search(rest)
        rest = rest[: end.start()] if end else rest
        rest = re.sub(r"\d{1,3}\.\s?\d{1,3}", " ", rest)  # "paragraph 77. 24": a recommendation id, not paragraph 24
        last: int | None = None
        for token in _TOKEN.finditer(rest):
            if token.group("number"):
                last = int(token.group("number"))
                found.append((last, None))
            elif token.group("letters") and last is not None:
                if (last, None) in found:  # "64 (d), 64 (e)": the number repeated before each letter
                    found.remove((last, None))
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
            clause = _lettered_clause(text, letter) or _nth_recommending_sentence(text, letter)
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
        if letter == "i" and not any(m.group(1) == "h" for m in markers[:index]):
            return None  # "(d) ... (i) ... (ii)": a roman sub-item, not an ask (i)
        # "(a) ratify (i) ILO Convention No. 111 ... and (ii) the ...": a roman sub-item is part of the clause
        later = [m for m in markers[index + 1:] if m.group(1) != "i" or letter == "h"]
        end = later[0].start() if later else len(text)
        clause = text[marker.end():end]
        sentence_end = re.search(r"[.;]\s+(?=[A-Z])", clause)
        if sentence_end:
            clause = clause[: sentence_end.start()]
        clause = re.sub(r"\s*(?:[;,.]\s*)?(?:and|or)?\s*$", "", clause.strip())
        clause = re.sub(r"^\((?:i|ii|iii|iv|v)\)\s*", "", clause)  # "(h) (i) accession to ... and (ii) ..."
        return clause[:1].upper() + clause[1:] if clause else None
    return None


_RECOMMENDS = re.compile(r"\brecommend(?:ed|s)?\b(?!\s+by\b)(?:\s+that)?", re.I)


def _nth_recommending_sentence(text: str, letter: str) -> str | None:
    """A reference's letter that the dialogue paragraph does not print: "paragraphs ... 33 (b)" where the
    paragraph reads "Denmark recommended that ... It further recommended that ...". The asks are lettered in
    the order the paragraph makes them: each printed letter is one, and so is each "recommended" that no
    printed letter follows; (b) is the second. None when the paragraph makes fewer asks, or prints letters
    out of order."""
    markers = list(_LETTER.finditer(text))
    if [m.group(1) for m in markers] != [chr(ord("a") + i) for i in range(len(markers))]:
        return None
    if re.search(r"(?<![(\w])[a-z]\)", text, re.I):
        return None  # letters printed as "a)", "b)": not a paragraph that leaves its letters out
    asks: list[int] = [m.end() for m in markers]
    for match in _RECOMMENDS.finditer(text):
        if not any(0 <= m.start() - match.end() <= 40 for m in markers):  # "recommended (a) that ..."
            asks.append(match.end())
    asks.sort()
    index = ord(letter) - ord("a")
    if index >= len(asks):
        return None
    clause = text[asks[index]:]
    sentence_end = re.search(r"[.;]\s+(?=[A-Z])|\(\w\)", clause)
    clause = (clause[: sentence_end.start()] if sentence_end else clause).strip().rstrip(".;, ")
    clause = re.sub(r"\s*(?:and|or)$", "", clause)
    return clause[:1].upper() + clause[1:] if len(clause) > 15 else None


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
