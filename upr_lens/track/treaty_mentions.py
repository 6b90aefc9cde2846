"""Treaty mentions: which instrument a recommendation names, and whether it asks to ratify it.

**Instruments.** :data:`INSTRUMENTS` holds the instruments upr_lens recognises: the 15 of the shipped treaty
table (ids as in its ``instrument`` column: ``ICCPR``, ``ICCPR-OP1``, ``ICCPR-OP2``, ``ICESCR``, ``ICERD``,
``CAT``, ``OPCAT``, ``CEDAW``, ``CRC``, ``CRC-OPAC``, ``CRPD``, ``ICMW``, ``ICPPED``, ``GENOCIDE``, ``ROME``),
the other optional protocols (``ICESCR-OP``, ``CEDAW-OP``, ``CRC-OPSC``, ``CRC-OPIC``, ``CRPD-OP``), the
Geneva Conventions and their Additional Protocols (``GC1949``, ``AP-I``, ``AP-II``, ``AP-III``), the
refugee and statelessness instruments (``REF1951``, ``REF1967``, ``STL1954``, ``STL1961``), the Arms Trade
Treaty (``ATT``), ILO conventions (``ILO-169``, ``ILO-189`` and the eight fundamental ones) and a few others
UPR recommendations often name. Each has a full name, a short name and the abbreviations printed in UPR
recommendations; they are data (``upr_lens/data/instruments.json``, validated by :mod:`upr_lens.instruments`)
and :func:`upr_lens.track.treaties.ensure_schema` stores them in the table ``instruments``.

**Recognition** (:func:`find_treaties`) is one compiled regular expression. Where two readings start at
the same place the longest, most specific one wins ("Optional Protocol to the Convention against Torture"
is OPCAT, not CAT; "Second Optional Protocol to the ICCPR" is ICCPR-OP2; "CRPD-OP" is not CRPD), and
"its Optional Protocol", "the Protocol thereto", "their Optional Protocols" are resolved against the
instrument named just before ("CAT and its Optional Protocol" names CAT and OPCAT). An optional protocol
to the CRC that does not say which one is not linked to any (the CRC has three).

**Ratification asks** (:func:`ratification_mentions`, :func:`is_ratification_ask`): a mention is asked to
be ratified when the nearest verb cue before it is ratify / accede / accession / adhere / sign / become
party / join (also "consider ratifying", "the ratification of"), or such a cue joined by "and" to the
nearest one ("sign, ratify and implement the Rome Statute"). Cues such as implement, withdraw
(reservations), report, submit, comply, harmonize, in line with, recommendations of, is party to ... end
the scope; weaker words (strengthen, protect, standards ...) do not when a list follows ("ratify the
instruments that strengthen its protection system, in particular X"); "ratify it" after a mention asks
to ratify that instrument.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..instruments import Instrument, name_regex, packaged_instruments

__all__ = [
    "INSTRUMENTS",
    "Instrument",
    "TreatyMention",
    "find_treaties",
    "instrument",
    "instrument_names_regex",
    "is_ratification_ask",
    "ratification_instruments",
    "ratification_mentions",
]


INSTRUMENTS: tuple[Instrument, ...] = packaged_instruments().instruments  # upr_lens/data/instruments.json
_BY_ID = {inst.id: inst for inst in INSTRUMENTS}
_ILO_NUMBERS = {int(i.id[4:]): i.id for i in INSTRUMENTS if i.id.startswith("ILO-")}
# optional protocols by parent: (singular default, plural / "two", "three", by ordinal, by topic)
_OP_PARENTS = ("ICCPR", "ICESCR", "CAT", "CEDAW", "CRC", "CRPD")


def instrument(key: str) -> Instrument | None:
    """An instrument by its id or one of its abbreviations (case-insensitive)."""
    key = key.strip()
    if key in _BY_ID:
        return _BY_ID[key]
    folded = re.sub(r"[\s\-‐–]", "", key).upper()
    for inst in INSTRUMENTS:
        if folded in {re.sub(r"[\s\-]", "", a).upper() for a in (inst.id, inst.short, *inst.abbreviations)}:
            return inst
    found = find_treaties(key)
    if len(found) == 1 and len(found[0].text) >= len(key) - 4:
        return _BY_ID[found[0].instrument]
    return None


@dataclass(frozen=True)
class TreatyMention:
    instrument: str  # an id of INSTRUMENTS
    text: str  # the span as printed
    start: int
    end: int

    @property
    def short(self) -> str:
        return _BY_ID[self.instrument].short


# ------------------------------------------------------------------------------------------ recognition


_words = name_regex


def _abbreviation(abbr: str) -> str:
    """"OP-CAT" also matches "OPCAT", "OP CAT"; "ICCPR-OP2" also "ICCPR-OP-2", "ICCPR OP 2"."""
    parts = [re.escape(p) for p in re.findall(r"[A-Za-z]+|\d+", abbr)]
    return r"(?:\s?[\-‐–]\s?|\s)?".join(parts)


_ABBR_LEFT = r"(?<![\w\-‐])"
_ABBR_RIGHT = r"(?![\w]|[\-‐][A-Za-z0-9])"

_OP_HEAD = _words(
    r"(?:(?P<op_ord>first|second|third|1st|2nd|3rd|two|three|both) )?(?:optional |additional |facultative )?"
    r"(?P<op_pl>protocols?|(?-i:OPs?))(?: (?P<op_num>1|2|3|I{1,3})(?: ?(?:and|&|,) ?(?:2|3|I{2,3}))?)? ?,?"
    r" (?:to|of|under) (?:the )?")
_OP_TAIL = _words(
    r"(?: ?(?-i:\((?:the )?[A-Z]{2,7}\)))?(?:(?: ?,)? (?:on|relating to|related to|concerning|regarding|aiming at|"
    r"aimed at|establishing|which establishes|providing for|with regard to|to) (?:the |a |an )?"
    r"(?P<op_topic>involvement|children in armed|armed conflict|sale|child prostitution|communications?|individual|"
    r"complaints?|abolition|abolishing|death))?")
_GENERIC = _words(
    r"(?P<g_det>its|the|their|this|that) (?:(?P<g_ord>first|second|third|two|three|both|respective|relevant|"
    r"1967|1977) )?(?P<g_kind>optional |additional |facultative )?(?P<g_pl>protocols?)\b"
    r"(?: (?P<g_num>I{1,3}|1|2)(?: ?(?:and|&|,) ?(?:II|2))?)?(?: (?P<g_th>thereto|to it|to them|to that "
    r"Convention|to the Convention|to the Covenant))?"
) + r"(?!\s+(?:to|of|under|on|relating|against|for|concerning|regarding)\b)"
_AP = _words(
    r"(?:the )?(?:(?:1977|2005) )?(?P<ap_ord>first|second|third|two )?(?:additional |optional )?(?:protocols? "
    r"(?:additional )?)(?P<ap_num>I{1,3}(?: ?(?:,|and|&) ?I{1,3})*)? ?(?:\((?:1977|2005)\) ?)?,? (?:to|of) the "
    r"(?:1949 )?Geneva Conventions(?: of (?:12 August )?1949)?")
_ILO_NUMS = r"(?P<{name}>\d{{2,3}}(?:\s*\)?\s*(?:,|and|&|as well as)\s*(?:(?:No|N°|Number)\.?\s*)?\d{{2,3}})*)(?!\d)"
_ILO = (
    r"(?:ILO|International\s+Labou?r\s+Organi[sz]ation(?:\s*\(ILO\))?)\)?\s+(?:(?:core|fundamental|"
    r"[A-Z][\w\-]*)\s+){0,6}?Conventions?\s*,?\s*(?:\(\s*)?(?:(?:Nos?|N°|Number)\.?\s*)?" + _ILO_NUMS.format(name="ilo")
)
_ILO_NO = r"Conventions?\s*\(?\s*(?:Nos?\.|N°|Number|No)\s*" + _ILO_NUMS.format(name="ilo2")
_ILO_SHORT = r"ILO[\-\s]?C?(?P<ilo_s>\d{2,3})(?!\d)|Convention\s+(?P<ilo_c>169|189)(?!\d)"
_STATELESS = _words(
    r"(?:two |both )?(?:United Nations |UN )?(?:Conventions (?:on|relating to) (?:the reduction of |the status "
    r"of stateless persons and the reduction of )?statelessness|statelessness conventions)")
_OP_STANDALONE = _words(
    r"(?:(?P<s_ord>second|third) )?Optional Protocols?(?: (?:on|concerning|relating to) (?:the |a )?"
    r"(?P<s_topic>involvement of children|sale of children|communications? procedure|abolition of the death)"
    r")?")


def instrument_names_regex(ids: Sequence[str]) -> str:
    """A regex (no groups) for the names and abbreviations of the instruments ``ids``: names in any case,
    abbreviations as printed; for other modules' patterns that must know the same instruments."""
    names = sorted((name_regex(n) for i in ids for n in _BY_ID[i].names), key=len, reverse=True)
    abbreviations = sorted((a for i in ids for a in _BY_ID[i].abbreviations), key=len, reverse=True)
    parts = [f"(?i:{'|'.join(names)})"] if names else []
    if abbreviations:
        parts.append(_ABBR_LEFT + "(?-i:" + "|".join(_abbreviation(a) for a in abbreviations) + ")" + _ABBR_RIGHT)
    return "(?:" + "|".join(parts) + ")"


def _named(pattern: str, name: str) -> str:
    return f"(?P<{name}>{pattern})"


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern, dict[str, str]]:
    """The one regular expression, and which instrument each name/abbreviation group stands for."""
    alternatives: list[str] = []
    groups: dict[str, str] = {}

    def parents(prefix: str) -> str:
        return "|".join(
            _named("(?i:" + "|".join(_words(n) for n in sorted(_BY_ID[p].names, key=len, reverse=True))
                   + f")|{_ABBR_LEFT}(?:" + "|".join(_abbreviation(a) for a in sorted(_BY_ID[p].abbreviations,
                                                                                        key=len, reverse=True))
                   + f"){_ABBR_RIGHT}", f"{prefix}_{p}")
            for p in _OP_PARENTS
        )

    # most specific first: at one start position the first alternative that matches wins
    alternatives.append(_named(f"(?i:{_OP_HEAD})(?:{parents('p')})(?i:{_OP_TAIL})", "op"))
    # "the CAT Optional Protocol", "CEDAW facultative protocol"
    alternatives.append(_named(f"(?:{parents('q')})" + _words(r"(?i: (?:optional|facultative) (?P<q_pl>protocols?))")
                               + r"\b", "op_post"))
    alternatives.append(_named(f"(?i:{_AP})", "ap"))
    alternatives.append(_named(f"(?i:{_STATELESS})", "stl"))
    alternatives.append(_named(f"(?i:{_ILO})", "ilo_rule"))
    alternatives.append(_named(f"(?i:{_ILO_NO})", "ilo_no"))
    for n, inst in enumerate(INSTRUMENTS):
        if inst.names:
            name = f"n{n}"
            groups[name] = inst.id
            body = "|".join(_words(p) for p in sorted(inst.names, key=len, reverse=True))
            alternatives.append(_named(f"(?i:{body})", name))
    abbreviations = sorted(
        ((a, inst.id) for inst in INSTRUMENTS for a in inst.abbreviations), key=lambda x: len(x[0]), reverse=True
    )
    for k, (abbr, inst_id) in enumerate(abbreviations):
        name = f"a{k}"
        groups[name] = inst_id
        alternatives.append(_named(_ABBR_LEFT + _abbreviation(abbr) + _ABBR_RIGHT, name))
    alternatives.append(_named(f"(?:{_ILO_SHORT})", "ilo_short"))
    alternatives.append(_named(f"(?i:{_GENERIC})", "generic"))
    alternatives.append(_named(f"(?i:{_OP_STANDALONE})", "standalone"))
    # every mention starts at a word boundary with one of a few words: a prefix tree of those words (each
    # branch opening with a character class, which the regex engine tests at once) rejects the other
    # positions before the ~150 alternatives are tried
    guard = _prefix_tree(sorted(_FIRST_WORDS)) + "|" + _prefix_tree(_abbreviation_starts(), fold=False)
    return re.compile(r"\b(?=" + guard + ")(?:" + "|".join(alternatives) + ")"), groups


# the words a mention can start with (tests check on real texts that the guard and the substring test of
# find_treaties lose no match)
_FIRST_WORDS = (
    "first", "second", "third", "1st", "2nd", "3rd", "two", "three", "both", "optional", "additional", "protocol",
    "facultative", "the", "its", "their", "this", "that", "1949", "1951", "1954", "1961", "1967", "1977", "2005",
    "united", "un", "conventions", "statelessness", "ilo", "international", "convention", "covenant", "rome",
    "statute", "icc", "geneva", "refugee", "unesco", "palermo", "forced", "freedom", "right", "equal",
    "abolition", "discrimination", "minimum", "indigenous", "worst", "domestic", "genocide", "arms",
)


# every name pattern contains one of these (lower case); every abbreviation starts with one of
# _abbreviation_starts()
_NAME_WORDS = ("conven", "coven", "protoc", "statu", "treat", "ilo")


@lru_cache(maxsize=1)
def _abbreviation_starts() -> tuple[str, ...]:
    return tuple(sorted({a.replace("-", "")[:2] for i in INSTRUMENTS for a in i.abbreviations}))


def _prefix_tree(words: Sequence[str], fold: bool = True) -> str:
    """A regex matching any of *words* as a prefix (letters in either case if *fold*), as a tree of character
    classes."""
    if any(w == "" for w in words):
        return ""
    branches = []
    for first in sorted({w[0] for w in words}):
        rest = _prefix_tree([w[1:] for w in words if w[0] == first], fold)
        head = f"[{first.lower()}{first.upper()}]" if fold and first.isalpha() else f"[{re.escape(first)}]"
        branches.append(head + (f"(?:{rest})" if "|" in rest else rest))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _ord(value: str | None) -> str:
    return (value or "").strip().lower()


def _roman(value: str | None) -> set[int]:
    found = set()
    for token in re.findall(r"I{1,3}|\d", value or "", re.I):
        token = token.upper()
        found.add(int(token) if token.isdigit() else len(token))
    return found


def _op_of(parent: str, plural: bool, ordinal: str, numbers: set[int], topic: str) -> list[str]:
    """The optional protocol(s) of *parent* that a phrase names."""
    topic = topic.lower()
    if parent == "ICCPR":
        if topic.startswith(("abol", "death")) or ordinal in ("second", "2nd") or numbers == {2}:
            return ["ICCPR-OP2"]
        if plural or ordinal in ("two", "both") or numbers == {1, 2}:
            return ["ICCPR-OP1", "ICCPR-OP2"]
        return ["ICCPR-OP1"]
    if parent == "CRC":
        if topic.startswith(("involvement", "children in", "armed")):
            return ["CRC-OPAC"] + (["CRC-OPSC"] if plural else [])
        if topic.startswith(("sale", "child prost")):
            return ["CRC-OPSC"] + (["CRC-OPAC"] if plural else [])
        if topic.startswith(("communication", "individual", "complaint")) or ordinal in ("third", "3rd") \
                or numbers == {3}:
            return ["CRC-OPIC"]
        if ordinal == "three":
            return ["CRC-OPAC", "CRC-OPSC", "CRC-OPIC"]
        if plural or ordinal in ("two", "both"):
            return ["CRC-OPAC", "CRC-OPSC"]
        return []  # "the Optional Protocol to the CRC": which of the three is not said
    if parent in ("CAT", "CEDAW", "CRPD", "ICESCR"):
        return [{"CAT": "OPCAT", "CEDAW": "CEDAW-OP", "CRPD": "CRPD-OP", "ICESCR": "ICESCR-OP"}[parent]]
    if parent == "REF1951":
        return ["REF1967"]
    if parent == "GC1949":
        if numbers:
            return [f"AP-{'I' * n}" for n in sorted(numbers) if 1 <= n <= 3]
        return ["AP-III"] if ordinal == "third" else ["AP-I", "AP-II"]
    return []


_JOIN_GAP = re.compile(
    r"^\s*(?:\([^()]{1,20}\))?\s*(?:of\s+(?:12\s+August\s+)?\d{4}\s*)?,?\s*(?:and|as\s+well\s+as|with|together"
    r"\s+with|including|plus|&)?\s*(?:to\s+)?$", re.I)
_CHAIN_GAP = re.compile(r"^\s*(?:\([^()]{1,20}\))?\s*(?:,|and|,\s*and|&|as\s+well\s+as)\s*(?:to\s+)?(?:the\s+)?$", re.I)


def _generic(match: re.Match, text: str, previous: list[TreatyMention]) -> list[str]:
    """'its Optional Protocol', 'the Protocol thereto', 'their Optional Protocols': the protocol(s) of the
    instrument named just before."""
    if not previous:
        return []
    det, ordinal = _ord(match.group("g_det")), _ord(match.group("g_ord"))
    kind = _ord(match.group("g_kind"))
    plural = match.group("g_pl").lower().endswith("s")
    numbers = _roman(match.group("g_num"))
    thereto = bool(match.group("g_th"))
    last = previous[-1]
    gap = text[last.end:match.start()]
    if not (_JOIN_GAP.match(gap) or ((thereto or det == "its") and len(gap) <= 60 and ";" not in gap)):
        return []
    chain = [last]
    if det == "their":
        for earlier in reversed(previous[:-1]):
            if _CHAIN_GAP.match(text[earlier.end:chain[-1].start]):
                chain.append(earlier)
            else:
                break
    found: list[str] = []
    for parent in reversed(chain):
        if parent.instrument == "REF1951" and (ordinal in ("1967", "") and kind in ("", "additional", "optional")):
            found.append("REF1967")
        elif parent.instrument == "GC1949" and (kind == "additional" or numbers or ordinal == "1977"):
            found.extend(_op_of("GC1949", plural, ordinal, numbers, ""))
        elif parent.instrument in _OP_PARENTS and kind in ("optional", "facultative", ""):
            found.extend(_op_of(parent.instrument, plural, ordinal, numbers, ""))
    return list(dict.fromkeys(found))


def _may_name_treaty(text: str) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in _NAME_WORDS) or any(a in text for a in _abbreviation_starts())


def _unguarded() -> re.Pattern:
    """The same expression without the guard (slow: for checking the guard)."""
    pattern = _compiled()[0].pattern
    return re.compile(r"\b" + pattern[pattern.index("(?:(?P<op>"):])


def find_treaties(text: str) -> list[TreatyMention]:
    """The instruments *text* names, in order: one mention per instrument a span names ("Additional Protocols
    I and II" gives two mentions with the same span)."""
    pattern, groups = _compiled()
    mentions: list[TreatyMention] = []
    if not _may_name_treaty(text):
        return mentions  # most recommendations name no treaty: plain substring tests say so at once
    distributing = False  # inside "the Optional Protocols to ICCPR, CAT and CEDAW": each item is a protocol
    last_end = -1
    for match in pattern.finditer(text):
        kind = match.lastgroup or ""  # every alternative is a named group
        span = match.group(0)
        ids: list[str] = []
        gap = text[last_end:match.start()] if last_end >= 0 else None
        if kind == "op":
            parent = next(p for p in _OP_PARENTS if match.group(f"p_{p}"))
            plural = match.group("op_pl").lower().endswith("s")
            ids = _op_of(parent, plural, _ord(match.group("op_ord")), _roman(match.group("op_num")),
                         match.group("op_topic") or "")
            distributing = plural and not match.group("op_topic")
            last_end = match.end() if ids else -1
            for inst_id in dict.fromkeys(ids):
                mentions.append(TreatyMention(inst_id, span, match.start(), match.end()))
            continue
        elif kind == "op_post":
            parent = next(p for p in _OP_PARENTS if match.group(f"q_{p}"))
            ids = _op_of(parent, match.group("q_pl").lower().endswith("s"), "", set(), "")
        elif kind == "ap":
            numbers = _roman(match.group("ap_num"))
            ordinal = _ord(match.group("ap_ord"))
            if "2005" in span or ordinal == "third":
                numbers = numbers or {3}
            ids = _op_of("GC1949", True, ordinal, numbers, "")
        elif kind == "stl":
            ids = ["STL1954", "STL1961"]
        elif kind in ("ilo_rule", "ilo_no"):
            convention_numbers = re.findall(r"\d{2,3}", match.group("ilo") or match.group("ilo2"))
            ids = [_ILO_NUMBERS[int(n)] for n in convention_numbers if int(n) in _ILO_NUMBERS]
        elif kind == "ilo_short":
            number = int(match.group("ilo_s") or match.group("ilo_c"))
            ids = [_ILO_NUMBERS[number]] if number in _ILO_NUMBERS else []
        elif kind == "generic":
            ids = _generic(match, text, mentions)
            if not ids and _ord(match.group("g_ord")) == "second" and _ord(match.group("g_kind")) == "optional":
                ids = ["ICCPR-OP2"]  # "the Second Optional Protocol", with no instrument before it
        elif kind == "standalone":
            topic = (match.group("s_topic") or "").lower()
            ordinal = _ord(match.group("s_ord"))
            if topic.startswith("involvement"):
                ids = ["CRC-OPAC"]
            elif topic.startswith("sale"):
                ids = ["CRC-OPSC"]
            elif topic.startswith("communication"):
                ids = ["CRC-OPIC"]
            elif topic.startswith("abolition") or (ordinal == "second" and not topic):
                ids = ["ICCPR-OP2"]
        else:
            ids = [groups[kind]]
            if gap is not None and _ALIAS_GAP.match(gap) and text.startswith(")", match.end()):
                last_end = match.end() + 1  # "the Convention against Torture (CAT)": the same mention again
                continue
            if distributing and ids[0] in _OP_PARENTS and gap is not None and _CHAIN_GAP.match(gap):
                ids = _op_of(ids[0], True, "", set(), "")
            else:
                distributing = False
        last_end = match.end()
        for inst_id in dict.fromkeys(ids):
            mentions.append(TreatyMention(inst_id, span, match.start(), match.end()))
    return mentions


_ALIAS_GAP = re.compile(r"\s*\(\s*(?:the\s+)?$")


# ------------------------------------------------------------------------------------ ratification asks

_CUES = re.compile(
    r"(?P<upon>\b(?:upon|on|at|when|during|after|before)\s+(?:the\s+)?(?:time\s+of\s+)?(?:its\s+)?(?:ratification|"
    r"ratifying|accession|acceding|signature|signing)\b)"
    r"|(?P<ratify>\b(?:ratif(?:y|ying|ies|ication|ications)|accede[sd]?|acceding|accession|adhere|adhering|"
    r"adherence|adhesion|sign|signing|signature|become|becoming|join|joining)\b)"
    # actions other than joining a treaty: they end the scope of a ratification cue
    r"|(?P<other>\b(?:implement\w*|withdraw\w*|lift\w*|remov\w*|reservations?|(?<!periodic\s)review\w*|report\w*|"
    r"submit\w*|incorporat\w*|harmoni[sz]\w*|align\w*|bring\w*|brought|compl(?:y|ies|ying|iance|iant)|cooperat\w*|"
    r"co-operat\w*|respect\w*|apply\w*|applying|application|establish\w*|adopt\w*|ensur\w*|enact\w*|integrat\w*|"
    r"domesticat\w*|transpos\w*|fulfil\w*|obligations?|conform\w*|accordance|consistent|line|pursuant|under|"
    r"provisions?|accept\w*|recogni[sz]\w*|declarations?|articles?|translat\w*|disseminat\w*|enforc\w*|"
    r"recommend\w*|committee\w*|revis\w*|amend\w*|criminali[sz]\w*|stipulat\w*|enshrined|set\s+out|laid\s+down|"
    r"contained|uphold\w*|abid\w*|fact|already|given|taking\s+into\s+account|(?:is|are|being|as)\s+(?:a\s+)?"
    r"(?:state\s+)?part(?:y|ies))\b)"
    # words that end it too, except before a list ("instruments relevant in strengthening ..., in particular X")
    r"|(?P<weak>\b(?:give|giving|effect|promot\w*|strengthen\w*|defin\w*|guarantee\w*|protect\w*|train\w*|"
    r"awareness|monitor\w*|requirements?|standards?|principles?|spirit|mechanisms?|observ\w*)\b)",
    re.I)
_COORDINATED = re.compile(r"^\s*(?:,\s*)?(?:and|or|and/or|,)\s*(?:to\s+)?(?:fully\s+|effectively\s+|then\s+|"
                          r"subsequently\s+|thereafter\s+|later\s+|consequently\s+)?$", re.I)
_LIST_INTRODUCER = re.compile(r"\b(?:in\s+particular|particularly|such\s+as|including|namely|notably|especially|"
                              r"inter\s+alia|highlighting|for\s+example|for\s+instance|like)\b|:", re.I)
_CLAUSE_END = re.compile(r";|\.\s+[A-Z]|\(\w\)\s")
_BECOME_PARTY = re.compile(r"\s*(?:a\s+)?(?:state\s+)?part(?:y|ies)\b", re.I)
_PRONOUN = re.compile(r"\s+(?:it|them|this\s+(?:convention|instrument|treaty|protocol|covenant)|the\s+same)\b", re.I)
_OBJECT = re.compile(
    r"\b(?:instruments?|conventions?|covenants?|protocols?|treat(?:y|ies)|statutes?|charter)\b", re.I)

_Cue = tuple  # (start, end, kind): kind "ratify", "other" or "weak"


def _cues(text: str, mentions: Sequence[TreatyMention] = ()) -> list[_Cue]:
    """Verb cues in *text* outside the *mentions* ("Protection" in a treaty's name is no cue)."""
    cues = []
    spans = [(m.start, m.end) for m in mentions]
    for m in _CUES.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        kind = m.lastgroup
        if kind == "ratify":
            if m.group(0).lower() in ("become", "becoming") and not _BECOME_PARTY.match(text, m.end()):
                continue
        elif kind == "upon":  # "reservations made upon ratification": not an ask to ratify
            kind = "other"
        cues.append((m.start(), m.end(), kind))
    return cues


def _in_ratification_scope(text: str, position: int, cues: Sequence[_Cue]) -> bool:
    before = [c for c in cues if c[1] <= position]
    if not before:
        return False
    # "sign, ratify and implement the X": a cue joined by "and" to a ratification cue keeps the scope
    for k in range(len(before) - 1, -1, -1):
        start, end, kind = before[k]
        if kind == "ratify":
            return True
        if k == 0 or not _COORDINATED.match(text[before[k - 1][1]:start]):
            break
    # "ratify the instruments relevant to strengthening its protection, in particular X": weak cues before a
    # list introducer do not end the scope (within the clause)
    last_end = before[-1][1]
    if not _LIST_INTRODUCER.search(text, last_end, position):
        return False
    for _start, end, kind in reversed(before):
        if _CLAUSE_END.search(text, end, position):
            return False
        if kind == "ratify":
            return True
        if kind == "other":
            return False
    return False


def ratification_mentions(text: str, mentions: Sequence[TreatyMention] | None = None) -> list[TreatyMention]:
    """The mentions of *text* that it asks to ratify, accede to, sign or become party to."""
    mentions = find_treaties(text) if mentions is None else mentions
    if not mentions:
        return []
    cues = _cues(text, mentions)
    asked = {id(m) for m in mentions if _in_ratification_scope(text, m.start, cues)}
    # "adhere to the principles of the ICRMW and consider ratifying it": the pronoun names the last mention
    for start, end, kind in cues:
        if kind == "ratify" and _PRONOUN.match(text, end):
            earlier = [m for m in mentions if m.end <= start and not _CLAUSE_END.search(text, m.end, start)]
            if earlier:
                last = earlier[-1]
                asked |= {id(m) for m in earlier if m.start == last.start}
    return [m for m in mentions if id(m) in asked]


def ratification_instruments(text: str) -> list[str]:
    """Ids of the instruments *text* asks to ratify, in order, each once."""
    return list(dict.fromkeys(m.instrument for m in ratification_mentions(text)))


def is_ratification_ask(text: str) -> bool:
    """Whether *text* asks to ratify / accede to / sign / become party to a treaty (one recognised here, or
    "the remaining core instruments", "the Convention" ...), as opposed to implementing one, withdrawing
    reservations to it or reporting under it."""
    mentions = find_treaties(text)
    if ratification_mentions(text, mentions):
        return True
    cues = _cues(text, mentions)
    for m in _OBJECT.finditer(text):
        if _in_ratification_scope(text, m.start(), cues):
            return True
    return False
