"""Treaties: which instrument a recommendation names, whether it asks to ratify it, and whether the State did.

**Instruments.** :data:`INSTRUMENTS` holds the instruments upr_lens recognises: the 15 of the shipped treaty
table (ids as in its ``instrument`` column: ``ICCPR``, ``ICCPR-OP1``, ``ICCPR-OP2``, ``ICESCR``, ``ICERD``,
``CAT``, ``OPCAT``, ``CEDAW``, ``CRC``, ``CRC-OPAC``, ``CRPD``, ``ICMW``, ``ICPPED``, ``GENOCIDE``, ``ROME``),
the other optional protocols (``ICESCR-OP``, ``CEDAW-OP``, ``CRC-OPSC``, ``CRC-OPIC``, ``CRPD-OP``), the
Geneva Conventions and their Additional Protocols (``GC1949``, ``AP-I``, ``AP-II``, ``AP-III``), the
refugee and statelessness instruments (``REF1951``, ``REF1967``, ``STL1954``, ``STL1961``), the Arms Trade
Treaty (``ATT``), ILO conventions (``ILO-169``, ``ILO-189`` and the eight fundamental ones) and a few others
UPR recommendations often name. Each has a full name, a short name and the abbreviations printed in UPR
recommendations; they are stored in the table ``instruments``.

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

**The treaty status table** (:func:`import_treaties`). A CSV file, one row per instrument and State that
signed or is party; a header row names the columns, in any order:

==========================  ========  =====================================================================
column                      required  content
==========================  ========  =====================================================================
``instrument``              yes       an instrument id or abbreviation known here (``OPCAT``, ``OP-CAT``,
                                      ``CED``...); unknown ids are kept under their own name and reported
``iso3`` or ``state``       yes       ISO 3166-1 alpha-3 code, or the State's name (resolved by name)
``status``                  no        ``party`` or ``signatory`` (also ratified, acceded, succeeded =
                                      party); empty: party when there is a consent date, else signatory
``consent_date``            no        the year (``2006``), an ISO date (``2006-12-13``) or the UN Treaty
                                      Collection's form (``13 Dec 2006 a``: a = accession, d = succession,
                                      A = acceptance, AA = approval)
``signature_date``          no        the same forms
``source_as_of``            no        the date the status holds for (``2022-05-29`` or ``2022``): a State
                                      not party by a date before the review year is "unknown", not "not
                                      implemented"
``instrument_name``,        no        kept as given
``consent_type``,
``consent_date_precision``,
``source``
==========================  ========  =====================================================================

A refresh replaces the stored rows of every instrument the file lists (one transaction) and leaves the
others. The shipped file (``treaty_status.csv``) has years for the 13 core human rights instruments (as of
mid-2022) and party status without dates for the Genocide Convention and the Rome Statute (as of April
2016); it has no rows for the other instruments, whose status is therefore unknown here.

**Follow-up** (:func:`ratification_followup`): one row per (recommendation, instrument) it asks to ratify.
The review year is the year of the Working Group session (when the recommendation was made; the report
is often dated a few weeks later, in the next year), else the year of the document's date. The State is
``implemented`` when it joined the instrument in or after the review year. **Same year counts**: a
recommendation to ratify is only made to a State that is not yet party, and the data give years only, so
joining in the review year is read as joining after the review (``same_year`` flags these rows). Joined
before the review year: not implemented (the State was already party: the ask was redundant or about
something else). Instruments with party status but no dates (Genocide Convention, Rome Statute):
``party_now`` is given as of the source's date, ``implemented`` is unknown (None) for a party and False
for a State not party by then. Not party by a date earlier than the review year (a 2025 review, data of
2022): unknown. Instruments the table has no rows for: unknown (``party_now`` None).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

__all__ = [
    "INSTRUMENTS",
    "Instrument",
    "TreatyImportSummary",
    "TreatyMention",
    "ensure_schema",
    "find_treaties",
    "import_treaties",
    "instrument",
    "is_ratification_ask",
    "ratification_followup",
    "ratification_instruments",
    "ratification_mentions",
    "record_treaty_signals",
    "review_year",
]


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    short: str  # how reports and reason strings print it
    abbreviations: tuple[str, ...] = ()  # printed abbreviations (case-sensitive; "-" also matches "", " ")
    adopted: int | None = None
    names: tuple[str, ...] = field(default=(), repr=False)  # name patterns (regex, case-insensitive)


def _i(id_, name, short, abbreviations=(), adopted=None, names=()):
    return Instrument(id_, name, short, tuple(abbreviations), adopted, tuple(names))


# Name patterns: a space stands for any white space; they are matched case-insensitively.
_ICCPR = r"(?:International )?(?:Covenant|Convention) (?:on|for|of) Civil and Political Rights"
_ICESCR = (r"(?:International )?(?:Covenant|Convention) (?:on|for|of) (?:Economic,? Social|Social,? Economic),? and "
           r"Cultural Rights")
_CAT = (r"(?:United Nations |UN )?Convention against Torture(?: and (?:all )?other Cruel,? Inhuman,? (?:or|and) "
        r"Degrading Treatment (?:or|and) Punishment)?")
_CEDAW = (r"(?:United Nations |UN )?(?:International )?Convention (?:on|for) the Elimination of (?:All Forms of )?"
          r"Discrimination against Women")
_CRC = r"(?:United Nations |UN )?Convention (?:on|of|for) the Rights? (?:of|on) (?:the )?Child(?:ren)?"
_CRPD = (r"(?:United Nations |UN |International )?Convention (?:on|of|for) the (?:Rights|Protection) of (?:the )?"
         r"(?:Persons|People) with Disabilit(?:y|ies)")

INSTRUMENTS: tuple[Instrument, ...] = (
    _i("ICCPR", "International Covenant on Civil and Political Rights", "ICCPR",
       ["ICCPR", "ICPPR", "ICCRP", "CCPR"], 1966, [_ICCPR]),
    _i("ICCPR-OP1", "Optional Protocol to the International Covenant on Civil and Political Rights",
       "ICCPR-OP1", ["ICCPR-OP1", "ICCPR-OP-I", "ICCPR-OP", "OP-ICCPR", "OP1-ICCPR", "ICCPR-1OP", "OP-CCPR"],
       1966),
    _i("ICCPR-OP2", "Second Optional Protocol to the International Covenant on Civil and Political Rights, "
       "aiming at the abolition of the death penalty", "ICCPR-OP2",
       ["ICCPR-OP2", "ICCPR-OP-II", "ICCPR-2OP", "OP2-ICCPR", "2OP-ICCPR", "ICCPR-OP2-DP", "OP-ICCPR2"], 1989),
    _i("ICESCR", "International Covenant on Economic, Social and Cultural Rights", "ICESCR",
       ["ICESCR", "ICESR", "ICSECR", "CESCR"], 1966, [_ICESCR]),
    _i("ICESCR-OP", "Optional Protocol to the International Covenant on Economic, Social and Cultural Rights",
       "OP-ICESCR", ["OP-ICESCR", "ICESCR-OP", "OP-CESCR", "OP-ICESR", "ICESR-OP", "CESCR-OP"], 2008),
    _i("ICERD", "International Convention on the Elimination of All Forms of Racial Discrimination", "ICERD",
       ["ICERD", "CERD"], 1965,
       [r"(?:International )?Convention (?:on|for) the Elimination of (?:All Forms of )?Racial Discrimination"]),
    _i("CAT", "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment", "CAT",
       ["CAT", "UNCAT"], 1984, [_CAT]),
    _i("OPCAT", "Optional Protocol to the Convention against Torture and Other Cruel, Inhuman or Degrading "
       "Treatment or Punishment", "OP-CAT", ["OP-CAT", "CAT-OP", "OP-UNCAT", "OPTCAT"], 2002),
    _i("CEDAW", "Convention on the Elimination of All Forms of Discrimination against Women", "CEDAW",
       ["CEDAW", "ICEDAW"], 1979, [_CEDAW]),
    _i("CEDAW-OP", "Optional Protocol to the Convention on the Elimination of All Forms of Discrimination "
       "against Women", "OP-CEDAW", ["OP-CEDAW", "CEDAW-OP"], 1999),
    _i("CRC", "Convention on the Rights of the Child", "CRC", ["CRC", "UNCRC"], 1989, [_CRC]),
    _i("CRC-OPAC", "Optional Protocol to the Convention on the Rights of the Child on the involvement of "
       "children in armed conflict", "OP-CRC-AC",
       ["OP-CRC-AC", "CRC-OP-AC", "CRC-OPAC", "OPAC", "CRC-AC-OP", "OP-AC-CRC", "CRC-AC"], 2000),
    _i("CRC-OPSC", "Optional Protocol to the Convention on the Rights of the Child on the sale of children, "
       "child prostitution and child pornography", "OP-CRC-SC",
       ["OP-CRC-SC", "CRC-OP-SC", "CRC-OPSC", "OPSC", "CRC-SC-OP", "OP-SC-CRC", "CRC-SC"], 2000),
    _i("CRC-OPIC", "Optional Protocol to the Convention on the Rights of the Child on a communications "
       "procedure", "OP-CRC-IC", ["OP-CRC-IC", "CRC-OP-IC", "CRC-OPIC", "OPIC", "OP3-CRC", "CRC-OP3",
                                  "OP-CRC-CP", "CRC-OP-CP", "OP-CRC-CO"], 2011),
    _i("CRPD", "Convention on the Rights of Persons with Disabilities", "CRPD",
       ["CRPD", "ICRPD", "UNCRPD", "CPRD"], 2006, [_CRPD]),
    _i("CRPD-OP", "Optional Protocol to the Convention on the Rights of Persons with Disabilities", "OP-CRPD",
       ["OP-CRPD", "CRPD-OP", "OP-CPRD", "OP-ICRPD"], 2006),
    _i("ICMW", "International Convention on the Protection of the Rights of All Migrant Workers and Members "
       "of Their Families", "ICRMW", ["ICRMW", "ICMW", "CMW", "ICPMW", "ICPRMW", "ICMRW", "ICRMWF", "MWC"], 1990,
       [r"(?:International |United Nations |UN )?Convention (?:on|for|of) (?:the )?(?:Protection of (?:the )?)?"
        r"Rights of (?:All )?Migrant Workers(?: and (?:(?:the )?Members of )?(?:Their |the )?Famil(?:y|ies))?"]),
    _i("ICPPED", "International Convention for the Protection of All Persons from Enforced Disappearance",
       "ICPPED", ["ICPPED", "CPED", "CED", "ICED", "ICPED", "ICCPED", "ICAPED", "CPPED"], 2006,
       [r"(?:International |United Nations |UN )?Convention (?:for|on|of) (?:the )?Protection of (?:All )?Persons "
        r"(?:from|against) (?:Enforced|Forced|Involuntary) Disappearances?",
        r"(?:International |United Nations |UN )?Convention (?:on|against|for) (?:the )?(?:Enforced|Forced) "
        r"Disappearances?"]),
    _i("GENOCIDE", "Convention on the Prevention and Punishment of the Crime of Genocide", "Genocide Convention",
       [], 1948, [r"Convention (?:on|for) the Prevention and (?:the )?Punishment of (?:the )?Crimes? of Genocide",
                  r"Genocide Convention"]),
    _i("ROME", "Rome Statute of the International Criminal Court", "Rome Statute", [], 1998,
       [r"Rome Stat(?:ute|ue)(?: (?:of|on|for|establishing) (?:the )?(?:International Criminal Court|ICC))?",
        r"Statute of Rome(?: (?:of|on) (?:the )?(?:International Criminal Court|ICC))?",
        r"Statute (?:of|establishing) (?:the )?(?:International Criminal Court|ICC)",
        r"ICC Statute", r"International Criminal Court \(ICC\) Statute", r"International Criminal Court Statute"]),
    _i("GC1949", "Geneva Conventions of 12 August 1949", "Geneva Conventions", [], 1949,
       [r"(?:1949 )?Geneva Conventions(?: of (?:12 August )?1949)?"]),
    _i("AP-I", "Protocol Additional to the Geneva Conventions of 12 August 1949, relating to the Protection of "
       "Victims of International Armed Conflicts (Protocol I)", "Additional Protocol I", ["AP-I"], 1977),
    _i("AP-II", "Protocol Additional to the Geneva Conventions of 12 August 1949, relating to the Protection of "
       "Victims of Non-International Armed Conflicts (Protocol II)", "Additional Protocol II", ["AP-II"], 1977),
    _i("AP-III", "Protocol Additional to the Geneva Conventions of 12 August 1949, relating to the Adoption of "
       "an Additional Distinctive Emblem (Protocol III)", "Additional Protocol III", ["AP-III"], 2005),
    _i("REF1951", "Convention relating to the Status of Refugees", "1951 Refugee Convention", [], 1951,
       [r"(?:1951 )?(?:United Nations |UN |Geneva )?Convention (?:relating|related|relative) to the Status of "
        r"Refugees(?: of 1951| \(1951\))?",
        r"(?:1951 )?(?:United Nations |UN |Geneva )?Convention (?:on|regarding|concerning) (?:the )?(?:Status of )?"
        r"Refugees(?: of 1951| \(1951\))?",
        r"(?:1951 )?(?:United Nations |UN )?Refugees?'? Convention(?: of 1951)?",
        r"1951 (?:Geneva |United Nations |UN )?Convention(?! (?:relating|on|regarding) the (?:Status|Reduction) of "
        r"Stateless)"]),
    _i("REF1967", "Protocol relating to the Status of Refugees", "1967 Refugee Protocol", [], 1967,
       [r"(?:1967 )?Protocol (?:relating|related|relative) to the Status of Refugees(?: of 1967)?",
        r"1967 (?:Optional |Additional )?Protocol(?! (?:to|of|on) (?:the )?(?!Refugee|1951|Convention relating))",
        r"Protocol of 1967"]),
    _i("STL1954", "Convention relating to the Status of Stateless Persons", "1954 Statelessness Convention", [],
       1954, [r"(?:1954 )?(?:United Nations |UN )?Convention (?:relating to|on|regarding) the Status of "
              r"Stateless Persons(?: of 1954| \(1954\))?", r"1954 Convention"]),
    _i("STL1961", "Convention on the Reduction of Statelessness", "1961 Statelessness Convention", [], 1961,
       [r"(?:1961 )?(?:United Nations |UN )?Convention (?:on|for) the Reduction of Statelessness(?: of 1961|"
        r" \(1961\))?", r"1961 Convention"]),
    _i("ATT", "Arms Trade Treaty", "Arms Trade Treaty", ["ATT"], 2013, [r"Arms Trade Treaty"]),
    _i("CADE", "UNESCO Convention against Discrimination in Education", "CADE", [], 1960,
       [r"(?:UNESCO )?Convention against Discrimination in Education"]),
    _i("UNCAC", "United Nations Convention against Corruption", "UNCAC", ["UNCAC"], 2003,
       [r"(?:United Nations |UN )?Convention against Corruption"]),
    _i("TIP", "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children",
       "Palermo Protocol", [], 2000,
       [r"(?:Additional )?Protocol (?:to|for the) Prevent(?:ion)?,? Suppress(?:ion)?,? and Punish(?:ment)? "
        r"(?:of )?Trafficking in Persons(?:,? Especially Women and Children)?", r"Palermo Protocol"]),
    _i("ILO-29", "ILO Forced Labour Convention, 1930 (No. 29)", "ILO Convention No. 29", [], 1930,
       [r"Forced Labour Convention"]),
    _i("ILO-87", "ILO Freedom of Association and Protection of the Right to Organise Convention, 1948 (No. 87)",
       "ILO Convention No. 87", [], 1948,
       [r"Freedom of Association and Protection of the Right to Organi[sz]e Convention"]),
    _i("ILO-98", "ILO Right to Organise and Collective Bargaining Convention, 1949 (No. 98)",
       "ILO Convention No. 98", [], 1949, [r"Right to Organi[sz]e and Collective Bargaining Convention"]),
    _i("ILO-100", "ILO Equal Remuneration Convention, 1951 (No. 100)", "ILO Convention No. 100", [], 1951,
       [r"Equal Remuneration Convention"]),
    _i("ILO-105", "ILO Abolition of Forced Labour Convention, 1957 (No. 105)", "ILO Convention No. 105", [], 1957,
       [r"Abolition of Forced Labour Convention"]),
    _i("ILO-111", "ILO Discrimination (Employment and Occupation) Convention, 1958 (No. 111)",
       "ILO Convention No. 111", [], 1958, [r"Discrimination \(Employment and Occupation\) Convention"]),
    _i("ILO-138", "ILO Minimum Age Convention, 1973 (No. 138)", "ILO Convention No. 138", [], 1973,
       [r"Minimum Age Convention"]),
    _i("ILO-169", "ILO Indigenous and Tribal Peoples Convention, 1989 (No. 169)", "ILO Convention No. 169", [],
       1989, [r"Indigenous and Tribal Peoples Convention",
              r"Convention concerning Indigenous and Tribal Peoples(?: in Independent Countries)?"]),
    _i("ILO-182", "ILO Worst Forms of Child Labour Convention, 1999 (No. 182)", "ILO Convention No. 182", [],
       1999, [r"Worst Forms of Child Labour Convention"]),
    _i("ILO-189", "ILO Domestic Workers Convention, 2011 (No. 189)", "ILO Convention No. 189", [], 2011,
       [r"Domestic Workers Convention", r"Convention (?:concerning|on) Decent Work for Domestic Workers"]),
)

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


def _words(pattern: str) -> str:
    """A name pattern: a space matches any white space (line breaks included), " ?" optional white space."""
    return pattern.replace(" ?", r"\s*").replace(" ", r"\s+")


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
        kind = str(match.lastgroup)  # one named group of the alternation matched
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
            ilo_numbers = re.findall(r"\d{2,3}", match.group("ilo") or match.group("ilo2"))
            ids = [_ILO_NUMBERS[int(n)] for n in ilo_numbers if int(n) in _ILO_NUMBERS]
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


# ------------------------------------------------------------------------------------------------ store

_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS instruments (
        instrument VARCHAR PRIMARY KEY, name VARCHAR, short_name VARCHAR, abbreviations VARCHAR,
        adopted INTEGER)""",
    """CREATE TABLE IF NOT EXISTS treaty_status (
        instrument VARCHAR, instrument_name VARCHAR, state_iso3 VARCHAR, state VARCHAR, status VARCHAR,
        signature_date DATE, signature_year INTEGER, consent_date DATE, consent_year INTEGER,
        consent_date_precision VARCHAR, consent_type VARCHAR, source VARCHAR, source_as_of VARCHAR,
        source_file VARCHAR, imported_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS implementation_signals (
        rec_key VARCHAR, signal VARCHAR, value VARCHAR, year INTEGER, source VARCHAR, detail VARCHAR,
        recorded_at TIMESTAMP)""",
]


def ensure_schema(con) -> None:
    """Create the treaty tables if needed and (re)write the instrument table from :data:`INSTRUMENTS`."""
    for statement in _SCHEMA:
        con.execute(statement)
    rows = con.execute("SELECT instrument, name, short_name, abbreviations, adopted FROM instruments").fetchall()
    wanted = [(i.id, i.name, i.short, "; ".join(i.abbreviations), i.adopted) for i in INSTRUMENTS]
    if sorted(rows, key=str) == sorted(wanted, key=str):
        return
    from upr_lens.store import transaction

    with transaction(con):
        con.execute("DELETE FROM instruments")
        con.executemany("INSERT INTO instruments VALUES (?, ?, ?, ?, ?)", wanted)


@dataclass
class TreatyImportSummary:
    rows: int  # data rows in the file
    stored: int
    instruments: dict[str, int]  # instrument id → rows stored
    unknown_instruments: list[str]  # kept under the printed id, but no recommendation links to them
    unresolved_states: list[str]  # rows skipped: no ISO3 code and a name the registry does not know
    skipped: int


_MONTHS = {m: k for k, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_UNTC_ACTION = {"a": "accession", "d": "succession", "A": "acceptance", "AA": "approval", "c": "consent"}


def _parse_date(value) -> tuple[object, int | None, str | None, str | None]:
    """(date or None, year or None, precision, consent type from a UNTC letter)."""
    import datetime as dt

    text = "" if value is None else str(value).strip()
    if not text or text.lower() in ("nan", "none", "null"):
        return None, None, None, None
    kind = None
    letter = re.search(r"\s(a|d|A|AA|c)\s*$", text)
    if letter:
        kind = _UNTC_ACTION[letter.group(1)]
        text = text[:letter.start()].strip()
    if re.fullmatch(r"\d{4}(?:\.0)?", text):
        return None, int(text[:4]), "year", kind
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", text)
    if iso:
        try:
            return dt.date(*map(int, iso.groups())), int(iso.group(1)), "day", kind
        except ValueError:
            return None, int(iso.group(1)), "year", kind
    untc = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})", text)
    if untc and untc.group(2).lower() in _MONTHS:
        try:
            day, month, year = int(untc.group(1)), _MONTHS[untc.group(2).lower()], int(untc.group(3))
            return dt.date(year, month, day), year, "day", kind
        except ValueError:
            pass
    found = re.search(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", text)
    return None, (int(found.group(1)) if found else None), ("year" if found else None), kind


def _status(value, has_consent: bool) -> str:
    text = ("" if value is None else str(value)).strip().lower()
    if text in ("", "nan"):
        return "party" if has_consent else "signatory"
    if text.startswith(("part", "ratif", "acce", "succe", "approv", "consent")):
        return "party"
    if text.startswith("sign"):
        return "signatory"
    return text


def import_treaties(con, csv_path) -> TreatyImportSummary:
    """Read a treaty status CSV (format in the module docstring) into ``treaty_status``; returns a summary."""
    import datetime as dt

    import pandas as pd

    from upr_lens import states as registry
    from upr_lens.store import insert_rows, transaction

    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    frame.columns = [c.strip().lower() for c in frame.columns]
    if "instrument" not in frame.columns or not ({"iso3", "state"} & set(frame.columns)):
        from upr_lens.errors import InputError

        raise InputError(f"{csv_path}: a treaty status file needs the columns 'instrument' and 'iso3' or 'state' "
                         f"(found: {', '.join(frame.columns)})")

    def column(name):
        return frame[name] if name in frame.columns else pd.Series([""] * len(frame), index=frame.index)

    now = dt.datetime.now()
    rows: list[dict[str, Any]] = []
    unknown, unresolved, skipped = [], [], 0
    codes: dict[str, str] = {}
    for r, printed in zip(frame.index, frame["instrument"]):
        printed = printed.strip()
        if not printed:
            skipped += 1
            continue
        if printed not in codes:
            found = instrument(printed)
            if found is None:
                unknown.append(printed)
            codes[printed] = found.id if found else printed
        iso3 = column("iso3")[r].strip().upper()
        state_name = column("state")[r].strip()
        state = registry.by_iso3(iso3) if iso3 else None
        if state is None and state_name:
            state = registry.resolve(state_name)
        if state is None and not iso3:
            unresolved.append(state_name or "(empty)")
            skipped += 1
            continue
        consent, consent_year, precision, kind = _parse_date(column("consent_date")[r])
        signature, signature_year, _, _ = _parse_date(column("signature_date")[r])
        rows.append({
            "instrument": codes[printed],
            "instrument_name": column("instrument_name")[r] or (_BY_ID[codes[printed]].name
                                                               if codes[printed] in _BY_ID else None),
            "state_iso3": state.iso3 if state else iso3, "state": state_name or (state.name if state else None),
            "status": _status(column("status")[r], consent_year is not None),
            "signature_date": signature, "signature_year": signature_year,
            "consent_date": consent, "consent_year": consent_year,
            "consent_date_precision": column("consent_date_precision")[r] or precision or "none",
            "consent_type": column("consent_type")[r] or kind, "source": column("source")[r] or None,
            "source_as_of": column("source_as_of")[r] or None, "source_file": str(csv_path), "imported_at": now,
        })
    ensure_schema(con)
    listed = sorted({row["instrument"] for row in rows})
    with transaction(con):
        if listed:
            con.execute("DELETE FROM treaty_status WHERE list_contains(?, instrument)", [listed])
            insert_rows(con, "treaty_status", rows)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["instrument"]] = counts.get(row["instrument"], 0) + 1
    return TreatyImportSummary(len(frame), len(rows), counts, sorted(set(unknown)), sorted(set(unresolved)),
                               skipped)


# --------------------------------------------------------------------------------------------- follow-up

# the year of each Working Group session (facts from the UPR calendar: sessions 1-53, 2008-2026)
_SESSION_YEARS = {
    2008: (1, 3), 2009: (4, 6), 2010: (7, 9), 2011: (10, 12), 2012: (13, 14), 2013: (15, 17), 2014: (18, 20),
    2015: (21, 23), 2016: (24, 26), 2017: (27, 28), 2018: (29, 31), 2019: (32, 34), 2020: (35, 36),
    2021: (37, 39), 2022: (40, 41), 2023: (42, 44), 2024: (45, 47), 2025: (48, 50), 2026: (51, 53),
}
SESSION_YEAR = {s: year for year, (first, last) in _SESSION_YEARS.items() for s in range(first, last + 1)}


def review_year(wg_session, doc_date=None) -> int | None:
    """The year of the review: the Working Group session's year, else the year of the document's date."""
    try:
        if wg_session is not None and int(wg_session) in SESSION_YEAR:
            return SESSION_YEAR[int(wg_session)]
    except (TypeError, ValueError):
        pass
    if doc_date is not None and str(doc_date)[:4].isdigit():
        return int(str(doc_date)[:4])
    return None


FOLLOWUP_COLUMNS = [
    "rec_key", "symbol", "rec_id", "state_iso3", "state_under_review", "cycle", "wg_session", "review_year",
    "instrument", "instrument_short", "printed", "position", "status", "party_now", "status_as_of",
    "joined_year", "implemented", "implemented_year", "same_year", "note", "text",
]


def _ratification_rows(con) -> list[dict]:
    recs = con.execute(
        "SELECT r.rec_key, r.symbol, r.rec_id, r.state_iso3, d.state_name, r.cycle, r.wg_session, d.doc_date, "
        "r.text, r.paragraph, r.item FROM recommendations r JOIN documents d USING (doc_id) "
        "ORDER BY r.symbol, r.paragraph, r.item"
    ).fetchall()
    out = []
    for key, symbol, rec_id, iso3, state_name, cycle, session, doc_date, text, _, _ in recs:
        if not text:
            continue
        for mention in _first_per_instrument(ratification_mentions(text)):
            out.append({
                "rec_key": key, "symbol": symbol, "rec_id": rec_id, "state_iso3": iso3,
                "state_under_review": state_name, "cycle": cycle, "wg_session": session,
                "review_year": review_year(session, doc_date), "instrument": mention.instrument,
                "instrument_short": mention.short, "printed": mention.text, "text": text,
            })
    return out


def _first_per_instrument(mentions: Iterable[TreatyMention]) -> list[TreatyMention]:
    seen: dict[str, TreatyMention] = {}
    for m in mentions:
        seen.setdefault(m.instrument, m)
    return list(seen.values())


_STALE = ", older than the review: unknown"


def _year_of(value) -> int | None:
    found = re.match(r"\s*(\d{4})", str(value or ""))
    return int(found.group(1)) if found else None


def ratification_followup(con):
    """Every stored recommendation that asks to ratify an instrument, one row per recommendation × instrument,
    with the State's status in ``treaty_status`` (see the module docstring for the rule)."""
    import pandas as pd

    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "treaty_status" not in tables:
        from upr_lens.errors import InputError

        raise InputError("no treaty status in this store: import a treaty status file first (import_treaties)")
    rows = _ratification_rows(con)
    status = {}
    for inst, iso3, st, year, as_of in con.execute(
        "SELECT instrument, state_iso3, status, consent_year, source_as_of FROM treaty_status"
    ).fetchall():
        status[(inst, iso3)] = (st, year, as_of)
    covered: dict[str, tuple[bool, str | None]] = {}
    for inst, dated, as_of in con.execute(
        "SELECT instrument, bool_or(consent_year IS NOT NULL), max(source_as_of) FROM treaty_status GROUP BY 1"
    ).fetchall():
        covered[inst] = (bool(dated), as_of)
    positions = dict(con.execute(
        "SELECT rec_key, arg_max(position, priority) FROM positions GROUP BY rec_key").fetchall())
    for row in rows:
        row["position"] = positions.get(row["rec_key"], "pending")
        inst, year = row["instrument"], row["review_year"]
        row.update(status=None, party_now=None, status_as_of=None, joined_year=None, implemented=None,
                   implemented_year=None, same_year=False, note="")
        if inst not in covered:
            row["note"] = "no status data for this instrument"
            continue
        dated, as_of = covered[inst]
        found = status.get((inst, row["state_iso3"]))
        row["status_as_of"] = (found[2] if found else None) or as_of
        # data older than the review cannot tell whether the State joined after it
        stale = year is not None and _year_of(row["status_as_of"]) is not None and _year_of(row["status_as_of"]) < year
        if found is None:
            row.update(status="not party", party_now=False, implemented=None if stale else False,
                       note=f"not party (as of {row['status_as_of']})" + (_STALE if stale else ""))
            continue
        st, joined, _ = found
        row["status"] = st
        row["party_now"] = st == "party"
        if st != "party":
            row.update(implemented=None if stale else False,
                       note=f"signatory, not party (as of {row['status_as_of']})" + (_STALE if stale else ""))
        elif joined is None:
            row.update(note=f"party by {row['status_as_of']}; the year it joined is not in the data")
        else:
            row["joined_year"] = joined
            if year is None:
                row["note"] = f"party since {joined}; review year unknown"
            elif joined >= year:
                row.update(implemented=True, implemented_year=joined, same_year=joined == year,
                           note=f"joined {joined}" + (" (the review year)" if joined == year else
                                                       f", {joined - year} year(s) after the review"))
            else:
                row.update(implemented=False, note=f"already party since {joined}, before the review ({year})")
    frame = pd.DataFrame(rows, columns=FOLLOWUP_COLUMNS)
    for name in ("party_now", "implemented"):
        frame[name] = frame[name].astype("boolean")
    for name in ("joined_year", "implemented_year", "review_year"):
        frame[name] = frame[name].astype("Int64")
    return frame


SIGNAL = "treaty_ratification"


def record_treaty_signals(con) -> int:
    """Store :func:`ratification_followup` as rows of ``implementation_signals`` (signal
    ``treaty_ratification``; value implemented / not implemented / party, year unknown / unknown); replaces
    the earlier rows of this signal in one transaction. Returns the number of rows."""
    import datetime as dt

    import pandas as pd

    from upr_lens.store import insert_rows, transaction

    ensure_schema(con)
    frame = ratification_followup(con)
    now = dt.datetime.now()

    def value(row) -> str:
        if pd.isna(row.implemented):
            return "party, year unknown" if not pd.isna(row.party_now) and row.party_now else "unknown"
        return "implemented" if row.implemented else "not implemented"

    rows = []
    for row in frame.itertuples():
        found = value(row)
        rows.append({
            "rec_key": row.rec_key, "signal": SIGNAL, "value": found,
            "year": int(row.implemented_year) if found == "implemented" else None,
            "source": "treaty_status" + (f" (as of {row.status_as_of})" if row.status_as_of else ""),
            "detail": f"{row.instrument_short}: {row.note}; review {row.review_year}",
            "recorded_at": now,
        })
    with transaction(con):
        con.execute("DELETE FROM implementation_signals WHERE signal = ?", [SIGNAL])
        insert_rows(con, "implementation_signals", rows)
    return len(rows)
