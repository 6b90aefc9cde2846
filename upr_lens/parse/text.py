"""Pure text helpers: page furniture, line joining, hyphen repair, ordinal words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

SOFT_HYPHEN_MARK = "\ufffe"  # pypdfium2's mark for a hyphen that ended a line

_SYMBOL_LINE = re.compile(r"^\s*A/HRC/[\w./-]+\s*\**\s*$")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_JOB_NUMBER = re.compile(r"^\s*(?:\d{1,3}\s+)?GE[.:]\s?\d{2}-\d{4,6}\s*(?:\(E\))?[\s\d]*$")
_BARCODE = re.compile(r"^\s*\*\d{6,8}\*\s*$")
_PAGE_WORD = re.compile(r"^\s*(?:A/HRC/\S+\s+)?Page\s+\d{1,3}\s*$", re.I)
_FURNITURE = (_SYMBOL_LINE, _PAGE_NUMBER, _JOB_NUMBER, _BARCODE, _PAGE_WORD)
_HEADER_ZONE = 4  # furniture is looked for among a page's first and last few lines

# words that keep their hyphen when a line break falls after them
_HYPHEN_PREFIXES = frozenset(
    "anti non self ill well pre post re co inter intra multi socio cross counter ex semi sub "
    "quasi full long short high low so mid day follow".split()
)
_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+")
_GLUED_STARS = re.compile(r"(?<=\w)\*+")
_SPACES = re.compile(r"\s+")


_FURNITURE_TOKEN = re.compile(
    r"A/HRC/[\w./-]+\**|\d{1,3}|GE[.:]\s?\d{2}-\d{4,6}(?:\(E\))?|\(E\)|\*\d{6,8}\*|\d{6}", re.I
)


def is_furniture(line: str) -> bool:
    """A running-header/footer line: the document symbol, a page number, a job number, a barcode, or a
    line made of nothing but those ("A/HRC/11/21 6 GE.09-16396")."""
    if any(p.match(line) for p in _FURNITURE):
        return True
    tokens = line.split()
    return (1 < len(tokens) <= 6 and all(_FURNITURE_TOKEN.fullmatch(t) for t in tokens)
            and any(t.upper().startswith(("A/HRC", "GE")) for t in tokens))


def strip_furniture(text: str) -> str:
    """Remove header and footer lines from the top and bottom of one page's text."""
    lines = text.split("\n")
    head = 0
    while head < min(_HEADER_ZONE, len(lines)) and (is_furniture(lines[head]) or not lines[head].strip()):
        head += 1
    tail = len(lines)
    while tail > head and len(lines) - tail < _HEADER_ZONE and (
        is_furniture(lines[tail - 1]) or not lines[tail - 1].strip()
    ):
        tail -= 1
    return "\n".join(lines[head:tail])


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Lower-cased words of a document, used to decide whether a line-end hyphen is real."""
    joined = "\n".join(texts).replace(SOFT_HYPHEN_MARK, " ").lower()
    return frozenset(_WORD.findall(joined))


def keep_hyphen(left: str, right: str, vocab: frozenset[str]) -> bool:
    """Whether a hyphen between *left* and *right* at a line end belongs to the words.

    It does for compounds ("follow-up", "non-discrimination", "OP-CAT"); it does not for a word split
    by hyphenation ("imple-mentation"), recognised because the joined word occurs in the document.
    """
    if not left or not right:
        return True
    if not left[-1].isalpha() or not right[0].isalpha() or right[0].isupper() or left.isupper():
        return True
    if left.lower() in _HYPHEN_PREFIXES:
        return True
    joined = (left + right).lower()
    return joined not in vocab


_SPLIT = re.compile(r"(\w*)" + SOFT_HYPHEN_MARK + r"\s*(\w*)")
_LINE_END_HYPHEN = re.compile(r"(\w+)-[ \t]*\n\s*(\w+)")
_SUSPENDED = frozenset({"and", "or", "to", "as", "nor"})  # "medium- and long-term": hyphen and space stay


def repair_hyphens(text: str, vocab: frozenset[str]) -> str:
    """Resolve line-end hyphens (pypdfium2's U+FFFE mark, or '-' before a newline)."""

    def fix(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        if right in _SUSPENDED:
            return left + "- " + right
        return left + ("-" if keep_hyphen(left, right, vocab) else "") + right

    if SOFT_HYPHEN_MARK in text:
        text = _SPLIT.sub(fix, text)
    if "-\n" in text or "- \n" in text:
        text = _LINE_END_HYPHEN.sub(fix, text)
    return text


def clean_inline(text: str) -> str:
    """Normalise spaces and stray asterisks/markers; keep the wording as printed."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace(SOFT_HYPHEN_MARK, "-")
    text = _GLUED_STARS.sub("", text)
    return _SPACES.sub(" ", text).strip()


_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_TENS_ORDINAL = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                 "seventieth": 70, "eightieth": 80, "ninetieth": 90}
ORDINAL_PATTERN = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s\-\u2011\u2013"
    + SOFT_HYPHEN_MARK
    + r"]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
    r"twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|"
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
    r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|\d{1,2}(?:st|nd|rd|th))"
)


def ordinal_value(word: str) -> int | None:
    """'forty-eighth' → 48, 'Sixth' → 6, '13th' → 13; None when not an ordinal."""
    word = re.sub(r"[\s\-\u2011\u2013" + SOFT_HYPHEN_MARK + "]+", "-", word.strip().lower())
    digits = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", word)
    if digits:
        return int(digits.group(1))
    if word in _UNITS:
        return _UNITS[word]
    if word in _TENS_ORDINAL:
        return _TENS_ORDINAL[word]
    if "-" in word:
        tens, unit = word.split("-", 1)
        if tens in _TENS and unit in _UNITS and _UNITS[unit] < 10:
            return _TENS[tens] + _UNITS[unit]
    return None
