"""Treaties: whether the State joined the instruments its recommendations asked it to ratify.

Which instrument a recommendation names and whether it asks to ratify it is :mod:`.treaty_mentions` (its
names are re-exported here); the instruments are the registry of :mod:`upr_lens.instruments`.

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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..instruments import packaged_instruments
from ..upr_calendar import review_year
from .positions import FINAL_POSITIONS_SQL
from .treaty_mentions import (
    INSTRUMENTS,
    Instrument,
    TreatyMention,
    find_treaties,
    instrument,
    is_ratification_ask,
    ratification_instruments,
    ratification_mentions,
)

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

_BY_ID = packaged_instruments().by_id


# ------------------------------------------------------------------------------------------------ store

def ensure_schema(con) -> None:
    """(Re)write the instrument table from :data:`INSTRUMENTS` (the treaty tables are defined, with every
    other table, in :mod:`upr_lens.store.schema`)."""
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


class _BadDate(ValueError):
    """A date no calendar has (30 February, month 13) or outside the years treaties can have been joined."""


_FIRST_YEAR = 1900  # no instrument known here is older (the Genocide Convention is of 1948)


def _check_year(year: int, text: str) -> int:
    import datetime as dt

    if not _FIRST_YEAR <= year <= dt.date.today().year:
        raise _BadDate(f"{text!r} (the year must be between {_FIRST_YEAR} and this year)")
    return year


def _parse_date(value) -> tuple[object, int | None, str | None, str | None]:
    """(date or None, year or None, precision, consent type from a UNTC letter). A date that cannot exist
    (``2006-02-30``, ``31 Feb 2006``, a year in the future) raises :class:`_BadDate`."""
    import datetime as dt

    text = "" if value is None else str(value).strip()
    if not text or text.lower() in ("nan", "none", "null"):
        return None, None, None, None
    printed = text
    kind = None
    letter = re.search(r"\s(a|d|A|AA|c)\s*$", text)
    if letter:
        kind = _UNTC_ACTION[letter.group(1)]
        text = text[:letter.start()].strip()
    if re.fullmatch(r"\d{4}(?:\.0)?", text):
        return None, _check_year(int(text[:4]), printed), "year", kind
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", text)
    if iso:
        try:
            day = dt.date(*map(int, iso.groups()))
        except ValueError:
            raise _BadDate(f"{printed!r} (no such day)") from None
        return day, _check_year(day.year, printed), "day", kind
    untc = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})", text)
    if untc and untc.group(2).lower() in _MONTHS:
        try:
            day = dt.date(int(untc.group(3)), _MONTHS[untc.group(2).lower()], int(untc.group(1)))
        except ValueError:
            raise _BadDate(f"{printed!r} (no such day)") from None
        return day, _check_year(day.year, printed), "day", kind
    bare = re.search(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", text)
    if bare:
        return None, _check_year(int(bare.group(1)), printed), "year", kind
    return None, None, None, kind


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
    from upr_lens.csvio import check_utf8, show
    from upr_lens.store import insert_rows, transaction

    check_utf8(csv_path, "treaty status file")
    try:
        frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"{show(csv_path)}: not a readable CSV file ({' '.join(str(exc).split())})") from None
    frame.columns = [c.strip().lower() for c in frame.columns]
    if "instrument" not in frame.columns or not ({"iso3", "state"} & set(frame.columns)):
        raise InputError(f"{show(csv_path)}: a treaty status file needs the columns 'instrument' and 'iso3' or "
                         f"'state' (found: {', '.join(frame.columns)})")

    # every column once, as a list (a missing optional column: empty strings); the loop reads them by position
    blank = [""] * len(frame)
    cols = {name: (frame[name].tolist() if name in frame.columns else blank) for name in (
        "iso3", "state", "consent_date", "signature_date", "instrument_name", "status", "consent_date_precision",
        "consent_type", "source", "source_as_of")}

    def date_of(name: str, r: int):
        try:
            return _parse_date(cols[name][r])
        except _BadDate as exc:
            raise InputError(f"{show(csv_path)}: row {r + 2}, column {name}: impossible date {exc}; "
                             f"nothing was imported") from None

    now = dt.datetime.now()
    rows: list[dict[str, Any]] = []
    unknown: list[str] = []
    unresolved: list[str] = []
    skipped = 0
    codes: dict[str, str] = {}
    for r, printed in enumerate(frame["instrument"].tolist()):
        printed = printed.strip()
        if not printed:
            skipped += 1
            continue
        if printed not in codes:
            found = instrument(printed)
            if found is None:
                unknown.append(printed)
            codes[printed] = found.id if found else printed
        iso3 = cols["iso3"][r].strip().upper()
        state_name = cols["state"][r].strip()
        state = registry.by_iso3(iso3) if iso3 else None
        if state is None and state_name:
            state = registry.resolve(state_name)
        if state is None and not iso3:
            unresolved.append(state_name or "(empty)")
            skipped += 1
            continue
        consent, consent_year, precision, kind = date_of("consent_date", r)
        signature, signature_year, _, _ = date_of("signature_date", r)
        rows.append({
            "instrument": codes[printed],
            "instrument_name": cols["instrument_name"][r] or (_BY_ID[codes[printed]].name
                                                             if codes[printed] in _BY_ID else None),
            "state_iso3": state.iso3 if state else iso3, "state": state_name or (state.name if state else None),
            "status": _status(cols["status"][r], consent_year is not None),
            "signature_date": signature, "signature_year": signature_year,
            "consent_date": consent, "consent_year": consent_year,
            "consent_date_precision": cols["consent_date_precision"][r] or precision or "none",
            "consent_type": cols["consent_type"][r] or kind, "source": cols["source"][r] or None,
            "source_as_of": cols["source_as_of"][r] or None, "source_file": str(csv_path), "imported_at": now,
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

    if not con.execute("SELECT count(*) FROM treaty_status").fetchone()[0]:
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
        f"SELECT rec_key, position FROM ({FINAL_POSITIONS_SQL})").fetchall())
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
