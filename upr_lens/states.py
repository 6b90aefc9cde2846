"""The State registry: every UN Member State and observer State, with the names UPR documents print.

Each :class:`State` has a canonical name, its ISO 3166-1 alpha-3 code, its UN regional group as used
in the UPR, and whether it is a UN Member State.

Canonical names are the UN's current short names (UNTERM), e.g. "Bolivia (Plurinational State of)",
"Türkiye", "Viet Nam", "Côte d'Ivoire" (straight apostrophe). The Netherlands is
"Netherlands (Kingdom of the)", its UN short name since 2022; older documents print "Netherlands",
which is a variant like any other.

Regional groups are the five UN groups, spelled as in :data:`GROUPS`: Kiribati is Asia-Pacific,
Cyprus Asia-Pacific, Israel WEOG, the United States WEOG (it sits with WEOG as an observer), Türkiye
WEOG (it also votes with Asia-Pacific for elections), the State of Palestine Asia-Pacific; the Holy
See and the non-member entities have none.

Besides the 193 Member States and the two observer States (Holy See, State of Palestine) the registry
holds two non-member entities, flagged ``member=False`` and ``status == "non-member"``: the Cook
Islands and Niue, which take part in UN treaties on their own (the treaty data lists the Cook Islands).
No other non-State party recommends or is reviewed in the UPR data (UPR Info marks a handful of
recommendations with the placeholder "(Unknown)", which is not a State and resolves to ``None``).

Names are matched on :func:`normalize_name`; :func:`resolve` falls back on a spaceless key, so
that squashed names such as "bosniaandherzegovina" (as in file names) resolve too.
Nothing here imports pandas; the lookup tables are built on first use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from upr_lens.errors import InputError

__all__ = [
    "GROUPS",
    "State",
    "all_states",
    "by_iso3",
    "find_states_in",
    "normalize_name",
    "resolve",
]

AF = "African"
AP = "Asia-Pacific"
EE = "Eastern European"
LA = "GRULAC"  # Latin American and Caribbean States
WE = "WEOG"  # Western European and other States
GROUPS = (AF, AP, EE, LA, WE)

_OBSERVERS = frozenset({"VAT", "PSE"})


@dataclass(frozen=True)
class State:
    name: str  # canonical: the UN's current short name
    iso3: str  # ISO 3166-1 alpha-3
    group: str | None  # one of GROUPS, or None (Holy See, non-member entities)
    member: bool  # True = UN Member State; False = observer State or other entity

    @property
    def status(self) -> str:
        """One of "member", "observer" (Holy See, State of Palestine) or "non-member" (other entities)."""
        if self.member:
            return "member"
        return "observer" if self.iso3 in _OBSERVERS else "non-member"


# (iso3, group, canonical name, *variants). Variants are former names, common short forms and
# official long forms; printing variations (case, accents, quotes, dashes, "&", "St.", "X, Republic
# of", "X (Republic of)", a leading "The") are covered by normalize_name and need not be listed.
_MEMBERS: tuple[tuple[str, ...], ...] = (
    ("AFG", AP, "Afghanistan", "Islamic Republic of Afghanistan"),
    ("ALB", EE, "Albania", "Republic of Albania"),
    ("DZA", AF, "Algeria", "People's Democratic Republic of Algeria"),
    ("AND", WE, "Andorra", "Principality of Andorra"),
    ("AGO", AF, "Angola", "Republic of Angola"),
    ("ATG", LA, "Antigua and Barbuda"),
    ("ARG", LA, "Argentina", "Argentine Republic"),
    ("ARM", EE, "Armenia", "Republic of Armenia"),
    ("AUS", WE, "Australia", "Commonwealth of Australia"),
    ("AUT", WE, "Austria", "Republic of Austria"),
    ("AZE", EE, "Azerbaijan", "Republic of Azerbaijan"),
    ("BHS", LA, "Bahamas", "Commonwealth of the Bahamas"),
    ("BHR", AP, "Bahrain", "Kingdom of Bahrain"),
    ("BGD", AP, "Bangladesh", "People's Republic of Bangladesh"),
    ("BRB", LA, "Barbados"),
    ("BLR", EE, "Belarus", "Republic of Belarus"),
    ("BEL", WE, "Belgium", "Kingdom of Belgium"),
    ("BLZ", LA, "Belize"),
    ("BEN", AF, "Benin", "Republic of Benin"),
    ("BTN", AP, "Bhutan", "Kingdom of Bhutan"),
    ("BOL", LA, "Bolivia (Plurinational State of)", "Bolivia", "Republic of Bolivia",
     "Bolivia (Plurinational Republic of)"),
    ("BIH", EE, "Bosnia and Herzegovina"),
    ("BWA", AF, "Botswana", "Republic of Botswana"),
    ("BRA", LA, "Brazil", "Federative Republic of Brazil"),
    ("BRN", AP, "Brunei Darussalam", "Brunei", "Negara Brunei Darussalam"),
    ("BGR", EE, "Bulgaria", "Republic of Bulgaria"),
    ("BFA", AF, "Burkina Faso"),
    ("BDI", AF, "Burundi", "Republic of Burundi"),
    ("CPV", AF, "Cabo Verde", "Republic of Cabo Verde", "Cape Verde", "Republic of Cape Verde"),
    ("KHM", AP, "Cambodia", "Kingdom of Cambodia"),
    ("CMR", AF, "Cameroon", "Republic of Cameroon"),
    ("CAN", WE, "Canada"),
    ("CAF", AF, "Central African Republic"),
    ("TCD", AF, "Chad", "Republic of Chad"),
    ("CHL", LA, "Chile", "Republic of Chile"),
    ("CHN", AP, "China", "People's Republic of China"),
    ("COL", LA, "Colombia", "Republic of Colombia"),
    ("COM", AF, "Comoros", "Union of the Comoros"),
    (
        "COG",
        AF,
        "Congo",
        "Republic of the Congo",
        "Republic of Congo",
        "Congo (Brazzaville)",
        "Congo-Brazzaville",
    ),
    ("CRI", LA, "Costa Rica", "Republic of Costa Rica"),
    ("CIV", AF, "Côte d'Ivoire", "Republic of Côte d'Ivoire", "Ivory Coast"),
    ("HRV", EE, "Croatia", "Republic of Croatia"),
    ("CUB", LA, "Cuba", "Republic of Cuba"),
    ("CYP", AP, "Cyprus", "Republic of Cyprus"),
    ("CZE", EE, "Czechia", "Czech Republic"),
    (
        "PRK",
        AP,
        "Democratic People's Republic of Korea",
        "DPR Korea",
        "DPRK",
        "North Korea",
        "Korea (Democratic People's Republic of)",
    ),
    (
        "COD",
        AF,
        "Democratic Republic of the Congo",
        "Democratic Republic of Congo",
        "DR Congo",
        "DRC",
        "Congo (Kinshasa)",
        "Congo-Kinshasa",
        "Congo (Democratic Republic of the)",
    ),
    ("DNK", WE, "Denmark", "Kingdom of Denmark"),
    ("DJI", AF, "Djibouti", "Republic of Djibouti"),
    ("DMA", LA, "Dominica", "Commonwealth of Dominica"),
    ("DOM", LA, "Dominican Republic"),
    ("ECU", LA, "Ecuador", "Republic of Ecuador"),
    ("EGY", AF, "Egypt", "Arab Republic of Egypt"),
    ("SLV", LA, "El Salvador", "Republic of El Salvador"),
    ("GNQ", AF, "Equatorial Guinea", "Republic of Equatorial Guinea"),
    ("ERI", AF, "Eritrea", "State of Eritrea"),
    ("EST", EE, "Estonia", "Republic of Estonia"),
    ("SWZ", AF, "Eswatini", "Kingdom of Eswatini", "Swaziland", "Kingdom of Swaziland"),
    ("ETH", AF, "Ethiopia", "Federal Democratic Republic of Ethiopia"),
    ("FJI", AP, "Fiji", "Republic of Fiji", "Republic of the Fiji Islands"),
    ("FIN", WE, "Finland", "Republic of Finland"),
    ("FRA", WE, "France", "French Republic"),
    ("GAB", AF, "Gabon", "Gabonese Republic"),
    ("GMB", AF, "Gambia", "Republic of the Gambia", "Islamic Republic of the Gambia"),
    ("GEO", EE, "Georgia"),
    ("DEU", WE, "Germany", "Federal Republic of Germany"),
    ("GHA", AF, "Ghana", "Republic of Ghana"),
    ("GRC", WE, "Greece", "Hellenic Republic"),
    ("GRD", LA, "Grenada"),
    ("GTM", LA, "Guatemala", "Republic of Guatemala"),
    ("GIN", AF, "Guinea", "Republic of Guinea"),
    ("GNB", AF, "Guinea-Bissau", "Republic of Guinea-Bissau"),
    ("GUY", LA, "Guyana", "Co-operative Republic of Guyana", "Cooperative Republic of Guyana"),
    ("HTI", LA, "Haiti", "Republic of Haiti"),
    ("HND", LA, "Honduras", "Republic of Honduras"),
    ("HUN", EE, "Hungary", "Republic of Hungary"),
    ("ISL", WE, "Iceland", "Republic of Iceland"),
    ("IND", AP, "India", "Republic of India"),
    ("IDN", AP, "Indonesia", "Republic of Indonesia"),
    ("IRN", AP, "Iran (Islamic Republic of)", "Iran"),
    ("IRQ", AP, "Iraq", "Republic of Iraq"),
    ("IRL", WE, "Ireland"),
    ("ISR", WE, "Israel", "State of Israel"),
    ("ITA", WE, "Italy", "Italian Republic"),
    ("JAM", LA, "Jamaica"),
    ("JPN", AP, "Japan"),
    ("JOR", AP, "Jordan", "Hashemite Kingdom of Jordan"),
    ("KAZ", AP, "Kazakhstan", "Republic of Kazakhstan"),
    ("KEN", AF, "Kenya", "Republic of Kenya"),
    ("KIR", AP, "Kiribati", "Republic of Kiribati"),
    ("KWT", AP, "Kuwait", "State of Kuwait"),
    ("KGZ", AP, "Kyrgyzstan", "Kyrgyz Republic"),
    ("LAO", AP, "Lao People's Democratic Republic", "Laos", "Lao PDR", "Lao"),
    ("LVA", EE, "Latvia", "Republic of Latvia"),
    ("LBN", AP, "Lebanon", "Lebanese Republic"),
    ("LSO", AF, "Lesotho", "Kingdom of Lesotho"),
    ("LBR", AF, "Liberia", "Republic of Liberia"),
    (
        "LBY",
        AF,
        "Libya",
        "State of Libya",
        "Libyan Arab Jamahiriya",
        "Great Socialist People's Libyan Arab Jamahiriya",
    ),
    ("LIE", WE, "Liechtenstein", "Principality of Liechtenstein"),
    ("LTU", EE, "Lithuania", "Republic of Lithuania"),
    ("LUX", WE, "Luxembourg", "Grand Duchy of Luxembourg"),
    ("MDG", AF, "Madagascar", "Republic of Madagascar"),
    ("MWI", AF, "Malawi", "Republic of Malawi"),
    ("MYS", AP, "Malaysia"),
    ("MDV", AP, "Maldives", "Republic of Maldives", "Republic of the Maldives"),
    ("MLI", AF, "Mali", "Republic of Mali"),
    ("MLT", WE, "Malta", "Republic of Malta"),
    ("MHL", AP, "Marshall Islands", "Republic of the Marshall Islands"),
    ("MRT", AF, "Mauritania", "Islamic Republic of Mauritania"),
    ("MUS", AF, "Mauritius", "Republic of Mauritius"),
    ("MEX", LA, "Mexico", "United Mexican States"),
    ("FSM", AP, "Micronesia (Federated States of)", "Micronesia"),
    ("MCO", WE, "Monaco", "Principality of Monaco"),
    ("MNG", AP, "Mongolia"),
    ("MNE", EE, "Montenegro"),
    ("MAR", AF, "Morocco", "Kingdom of Morocco"),
    ("MOZ", AF, "Mozambique", "Republic of Mozambique"),
    ("MMR", AP, "Myanmar", "Republic of the Union of Myanmar", "Union of Myanmar", "Burma"),
    ("NAM", AF, "Namibia", "Republic of Namibia"),
    ("NRU", AP, "Nauru", "Republic of Nauru"),
    ("NPL", AP, "Nepal", "Federal Democratic Republic of Nepal"),
    ("NLD", WE, "Netherlands (Kingdom of the)", "Netherlands"),
    ("NZL", WE, "New Zealand"),
    ("NIC", LA, "Nicaragua", "Republic of Nicaragua"),
    ("NER", AF, "Niger", "Republic of the Niger", "Republic of Niger"),
    ("NGA", AF, "Nigeria", "Federal Republic of Nigeria"),
    (
        "MKD",
        EE,
        "North Macedonia",
        "Republic of North Macedonia",
        "The former Yugoslav Republic of Macedonia",
        "Former Yugoslav Republic of Macedonia",
        "FYR Macedonia",
        "Macedonia FYR",
        "FYROM",
        "Macedonia",
        "Republic of Macedonia",
    ),
    ("NOR", WE, "Norway", "Kingdom of Norway"),
    ("OMN", AP, "Oman", "Sultanate of Oman"),
    ("PAK", AP, "Pakistan", "Islamic Republic of Pakistan"),
    ("PLW", AP, "Palau", "Republic of Palau"),
    ("PAN", LA, "Panama", "Republic of Panama"),
    ("PNG", AP, "Papua New Guinea", "Independent State of Papua New Guinea"),
    ("PRY", LA, "Paraguay", "Republic of Paraguay"),
    ("PER", LA, "Peru", "Republic of Peru"),
    ("PHL", AP, "Philippines", "Republic of the Philippines"),
    ("POL", EE, "Poland", "Republic of Poland"),
    ("PRT", WE, "Portugal", "Portuguese Republic"),
    ("QAT", AP, "Qatar", "State of Qatar"),
    ("KOR", AP, "Republic of Korea", "South Korea", "Korea"),
    ("MDA", EE, "Republic of Moldova", "Moldova"),
    ("ROU", EE, "Romania"),
    ("RUS", EE, "Russian Federation", "Russia"),
    ("RWA", AF, "Rwanda", "Republic of Rwanda"),
    (
        "KNA",
        LA,
        "Saint Kitts and Nevis",
        "Federation of Saint Kitts and Nevis",
        "Saint Christopher and Nevis",
    ),
    ("LCA", LA, "Saint Lucia"),
    ("VCT", LA, "Saint Vincent and the Grenadines"),
    ("WSM", AP, "Samoa", "Independent State of Samoa"),
    ("SMR", WE, "San Marino", "Republic of San Marino"),
    ("STP", AF, "Sao Tome and Principe", "Democratic Republic of Sao Tome and Principe"),
    ("SAU", AP, "Saudi Arabia", "Kingdom of Saudi Arabia"),
    ("SEN", AF, "Senegal", "Republic of Senegal"),
    ("SRB", EE, "Serbia", "Republic of Serbia"),
    ("SYC", AF, "Seychelles", "Republic of Seychelles"),
    ("SLE", AF, "Sierra Leone", "Republic of Sierra Leone"),
    ("SGP", AP, "Singapore", "Republic of Singapore"),
    ("SVK", EE, "Slovakia", "Slovak Republic"),
    ("SVN", EE, "Slovenia", "Republic of Slovenia"),
    ("SLB", AP, "Solomon Islands"),
    ("SOM", AF, "Somalia", "Federal Republic of Somalia", "Somali Republic"),
    ("ZAF", AF, "South Africa", "Republic of South Africa"),
    ("SSD", AF, "South Sudan", "Republic of South Sudan"),
    ("ESP", WE, "Spain", "Kingdom of Spain"),
    ("LKA", AP, "Sri Lanka", "Democratic Socialist Republic of Sri Lanka"),
    ("SDN", AF, "Sudan", "Republic of the Sudan", "Republic of Sudan"),
    ("SUR", LA, "Suriname", "Republic of Suriname", "Surinam"),
    ("SWE", WE, "Sweden", "Kingdom of Sweden"),
    ("CHE", WE, "Switzerland", "Swiss Confederation"),
    ("SYR", AP, "Syrian Arab Republic", "Syria"),
    ("TJK", AP, "Tajikistan", "Republic of Tajikistan"),
    ("THA", AP, "Thailand", "Kingdom of Thailand"),
    ("TLS", AP, "Timor-Leste", "Democratic Republic of Timor-Leste", "East Timor"),
    ("TGO", AF, "Togo", "Togolese Republic"),
    ("TON", AP, "Tonga", "Kingdom of Tonga"),
    ("TTO", LA, "Trinidad and Tobago", "Republic of Trinidad and Tobago"),
    ("TUN", AF, "Tunisia", "Republic of Tunisia"),
    ("TUR", WE, "Türkiye", "Republic of Türkiye", "Turkey", "Republic of Turkey"),
    ("TKM", AP, "Turkmenistan"),
    ("TUV", AP, "Tuvalu"),
    ("UGA", AF, "Uganda", "Republic of Uganda"),
    ("UKR", EE, "Ukraine"),
    ("ARE", AP, "United Arab Emirates", "UAE"),
    (
        "GBR",
        WE,
        "United Kingdom of Great Britain and Northern Ireland",
        "United Kingdom",
        "UK",
        "Great Britain",
        "Britain",
    ),
    ("TZA", AF, "United Republic of Tanzania", "Tanzania"),
    ("USA", WE, "United States of America", "United States", "USA", "US"),
    ("URY", LA, "Uruguay", "Eastern Republic of Uruguay", "Oriental Republic of Uruguay"),
    ("UZB", AP, "Uzbekistan", "Republic of Uzbekistan"),
    ("VUT", AP, "Vanuatu", "Republic of Vanuatu"),
    ("VEN", LA, "Venezuela (Bolivarian Republic of)", "Venezuela", "Republic of Venezuela"),
    ("VNM", AP, "Viet Nam", "Vietnam", "Socialist Republic of Viet Nam", "Socialist Republic of Vietnam"),
    ("YEM", AP, "Yemen", "Republic of Yemen"),
    ("ZMB", AF, "Zambia", "Republic of Zambia"),
    ("ZWE", AF, "Zimbabwe", "Republic of Zimbabwe"),
)

# Observer States (member=False, a group where they sit with one) and non-member entities.
_OTHERS: tuple[tuple[str | None, ...], ...] = (
    (
        "VAT",
        None,
        "Holy See",
        "Vatican",
        "Vatican City",
        "Vatican City State",
        "Holy See (Vatican City State)",
    ),
    ("PSE", AP, "State of Palestine", "Palestine"),
    ("COK", None, "Cook Islands"),
    ("NIU", None, "Niue"),
)

# Names printed in the variant lists only for resolve(): too common as ordinary words, or too
# short, to be looked for in free text. Upper-case acronyms are looked for only in upper case.
_NOT_IN_TEXT = frozenset({"US"})
# Phrases that contain a State's name but are not that State; find_states_in skips them.
_NOT_STATES = (
    "Northern Ireland",
    "American Samoa",
    "New Guinea",
    "New Mexico",
    "Niger Delta",
    "Republic of China",
)

# ---------------------------------------------------------------------------------------------
# Normalization

_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032\u02bc\u02bb`\u00b4"), "'")
_QUOTES.update(dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033"), '"'))
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_FOLD = {**_QUOTES, **_DASHES, 0x00AD: None}  # soft hyphen: dropped

_SAINT = re.compile(r"\bst\b\.?\s*")
_EDGE_JUNK = " \t.,;:*\u2020\u2021'\"0123456789"
_INVERTED = re.compile(r"^(?P<head>[^,()]+?)\s*,\s*(?P<tail>(?:[^,()]+ )?(?:of|of the)|the)$")
_PAREN = re.compile(r"^(?P<head>[^()]+?)\s*\((?P<tail>(?:[^()]+ )?(?:of|of the)|the)\)$")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_name(printed: str) -> str:
    """The key :func:`resolve` looks names up by.

    Accents stripped (NFKD), casefolded, curly quotes and dashes unified (a dash counts as a space, so
    "Guinea Bissau" is "Guinea-Bissau"), "&" read as "and", "St"/"St." as "Saint", dots dropped
    ("U.S.A."), whitespace (line breaks too) collapsed, stray punctuation and footnote marks at the
    ends dropped, and a leading or trailing "the" dropped. Inverted forms are turned round:
    "Korea, Republic of" and "Bolivia (Plurinational State of)" give "republic of korea" and
    "plurinational state of bolivia". Returns "" for anything that is not a non-empty string.
    """
    if not isinstance(printed, str) or not printed:
        return ""
    text = printed
    if "&" in text and ";" in text:  # HTML entities, as in "&#40;Unknown&#41;"
        import html

        text = html.unescape(text)
    text = _strip_marks(text.translate(_FOLD)).casefold()
    text = text.replace("&", " and ").replace("-", " ")
    text = _SAINT.sub("saint ", text)
    text = text.replace(".", "")
    text = " ".join(text.split())
    text = text.strip(_EDGE_JUNK)
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip(_EDGE_JUNK)
    elif text.endswith(")") and "(" not in text:  # "Kuwait)" cut out of "(Kuwait)"
        text = text[:-1].strip(_EDGE_JUNK)
    elif text.startswith("(") and ")" not in text:
        text = text[1:].strip(_EDGE_JUNK)
    for pattern in (_INVERTED, _PAREN):
        match = pattern.match(text)
        if match:
            tail, head = match["tail"], match["head"]
            text = head if tail == "the" else f"{tail} {head}"
            break
    if text.startswith("the "):
        text = text[4:]
    if text.endswith(" the"):
        text = text[:-4]
    return text.strip(_EDGE_JUNK)


def _compact(key: str) -> str:
    return "".join(ch for ch in key if ch.isalnum())


# ---------------------------------------------------------------------------------------------
# Tables, built on first use


def _row_fields(row: tuple[str | None, ...]) -> tuple[str, str | None, tuple[str, ...]]:
    """(iso3, group, printed forms with the canonical name first) of a table row; only the group may be None."""
    code, group, *printed = row
    forms = tuple(form for form in printed if form is not None)
    if code is None or not forms or len(forms) != len(printed):
        raise ValueError(f"State table row without a code or with a missing name: {row!r}")
    return code, group, forms


@lru_cache(maxsize=1)
def _registry() -> tuple[tuple[State, ...], dict[str, State], dict[str, State], dict[str, State]]:
    """(states, by iso3, by normalized key, by compact key); ambiguous compact keys are left out."""
    states: list[State] = []
    by_code: dict[str, State] = {}
    by_key: dict[str, State] = {}
    by_compact: dict[str, State | None] = {}
    rows = [(True, row) for row in _MEMBERS] + [(False, row) for row in _OTHERS]
    for member, row in rows:
        code, group, printed_forms = _row_fields(row)
        state = State(name=printed_forms[0], iso3=code, group=group, member=member)
        states.append(state)
        by_code[code] = state
        for printed in printed_forms:
            key = normalize_name(printed)
            other = by_key.setdefault(key, state)
            if other is not state:
                raise ValueError(f"{printed!r} names both {other.iso3} and {code}")
            compact = _compact(key)
            if by_compact.get(compact, state) is not state:
                by_compact[compact] = None  # ambiguous: never used
            else:
                by_compact[compact] = state
    compact_ok = {k: v for k, v in by_compact.items() if v is not None}
    return tuple(states), by_code, by_key, compact_ok


def all_states() -> tuple[State, ...]:
    """Every entry: the 193 Member States, then the observer States and non-member entities."""
    return _registry()[0]


def by_iso3(code: str) -> State | None:
    """The State with this ISO 3166-1 alpha-3 code (any case), or None."""
    if not isinstance(code, str):
        return None
    return _registry()[1].get(code.strip().upper())


def resolve(printed: str) -> State | None:
    """The State a printed name stands for, or None; never raises."""
    try:
        key = normalize_name(printed)
    except Exception:  # a registry look-up must never break a parse
        return None
    if not key:
        return None
    _, _, by_key, by_compact = _registry()
    state = by_key.get(key)
    if state is None:
        state = by_compact.get(_compact(key))
    return state


def lookup(name: str) -> State:
    """A State by name (any printed variant) or ISO3 code; :class:`InputError` naming it when unknown."""
    found = resolve(name) or by_iso3(str(name))
    if found is None:
        raise InputError(f"unknown State: {name!r}")
    return found


def variants() -> dict[str, tuple[str, ...]]:
    """Every printed form listed for each State (canonical name first), by iso3."""
    return {str(row[0]): tuple(str(v) for v in row[2:]) for row in (*_MEMBERS, *_OTHERS)}


# ---------------------------------------------------------------------------------------------
# Free text


def _fold_char(ch: str) -> str:
    """One character folded to one character, so that spans in the folded text are spans in the text."""
    ch = ch.translate(_FOLD) or " "
    base = _strip_marks(ch)
    if len(base) != 1:
        base = ch if len(ch) == 1 else " "
    low = base.lower()
    return low if len(low) == 1 else base


def _fold_text(text: str) -> str:
    """Text folded for matching, of the same length (so spans carry over): lower case, no accents."""
    if text.isascii():
        return text.lower()
    table = {ord(ch): _fold_char(ch) for ch in set(text) if not ch.isascii()}
    folded = text.translate(table).lower()
    if len(folded) != len(text):  # a character whose lower case is longer: go one by one
        folded = "".join(_fold_char(ch) for ch in text)
    return folded


def _pattern_for(printed: str) -> str:
    """A regex for one printed form, matched against folded text: any whitespace between words."""
    out: list[str] = []
    glue = ""  # what goes before the next word: nothing at the start, after a dash or after "("
    for token in re.findall(r"[^\s()-]+|[()-]", _fold_text(printed)):
        if token == "-":
            out.append(r"(?:\s*-\s*|\s+)")
            glue = ""
        elif token == "(":
            out.append(r"\s*\(\s*")
            glue = ""
        elif token == ")":
            out.append(r"\s*\)")
            glue = r"\s+"
        else:
            if token == "and":
                word = "(?:and|&)"
            elif token == "saint":
                word = r"(?:saint|st\.?)"
            else:
                word = re.escape(token)
            out.append(glue + word)
            glue = r"\s+"
    return "".join(out)


@lru_cache(maxsize=1)
def _text_regex() -> tuple[re.Pattern[str], frozenset[str]]:
    """One alternation of every printed form, longest first; and the folded forms that are acronyms."""
    forms: set[str] = set(_NOT_STATES)
    acronyms: set[str] = set()
    for row in (*_MEMBERS, *_OTHERS):
        for printed in _row_fields(row)[2]:
            if printed in _NOT_IN_TEXT:
                continue
            forms.add(printed)
            if printed.isupper():
                acronyms.add(printed.lower())
    ordered = sorted(forms, key=lambda s: (-len(s), s))
    body = "|".join(f"(?:{_pattern_for(form)})" for form in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)"), frozenset(acronyms)


def find_states_in(text: str) -> list[tuple[int, int, State]]:
    """(start, end, State) for each State name in free text, left to right, without overlaps.

    Any listed form matches (case, accents, quotes, dashes and line breaks as in :func:`resolve`);
    at one place the longest form wins ("Democratic Republic of the Congo", not "Congo"), names
    match whole words only ("Niger" is not found in "Nigeria"), acronyms ("UK", "DPRK") only in
    upper case, and phrases such as "Northern Ireland" or "New Guinea" are not States.
    """
    if not isinstance(text, str) or not text:
        return []
    regex, acronyms = _text_regex()
    found: list[tuple[int, int, State]] = []
    for match in regex.finditer(_fold_text(text)):
        start, end = match.span()
        printed = text[start:end]
        if match.group().lower() in acronyms and not printed.isupper():
            continue
        state = resolve(printed)
        if state is not None:
            found.append((start, end, state))
    return found
