"""The UPR calendar: Working Group session -> year and cycle, date -> cycle.

The facts are data (``upr_lens/data/upr_calendar.json``): each cycle's first and last Working Group session
and its years, and the year each session met. Cycle 1 is sessions 1-12 (2008-2011), 2 is 13-26 (2012-2016),
3 is 27-40 (2017-2022), 4 is 41-54 (2022-2027); cycle 5 (55-68) has no dates yet. A session number after the
last cycle's last session is not a real one (yet). A date in a year that two cycles share (2022) is read as
the earlier cycle: the report's session number, when it has one, decides.

The loader refuses a file whose cycles are not numbered 1, 2, ... with consecutive session ranges starting
at session 1, whose years run backwards, or whose sessions are not numbered 1, 2, ... with non-decreasing
years inside their cycle's years.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .package_data import PackageDataError, read_data_text

__all__ = ["Cycle", "UprCalendar", "cycle_of_date", "cycle_of_wg_session", "load_calendar", "review_year",
           "session_year"]  # fmt: skip

CALENDAR_FILE = "upr_calendar.json"


@dataclass(frozen=True)
class Cycle:
    number: int
    first_session: int
    last_session: int
    first_year: int | None  # None: not scheduled yet
    last_year: int | None


@dataclass(frozen=True)
class UprCalendar:
    cycles: tuple[Cycle, ...]
    session_years: dict[int, int]  # Working Group session -> year it met

    @property
    def last_known_session(self) -> int:
        return self.cycles[-1].last_session

    def cycle_of_session(self, session: int) -> int | None:
        if not 1 <= session <= self.last_known_session:
            return None
        return next(c.number for c in self.cycles if c.first_session <= session <= c.last_session)

    def cycle_of_year(self, year: int) -> int:
        """The first cycle running in or after ``year``; past the last dated cycle, that cycle."""
        dated = [c for c in self.cycles if c.last_year is not None]
        return next((c.number for c in dated if year <= (c.last_year or 0)), dated[-1].number)


def parse_calendar(text: str, where: str = CALENDAR_FILE) -> UprCalendar:
    """Validate the JSON text of the calendar; raise :class:`PackageDataError` saying what is wrong."""
    try:
        return _calendar(json.loads(text))
    except json.JSONDecodeError as e:
        raise PackageDataError(f"{where}: not JSON ({e.msg}, line {e.lineno})") from e
    except (ValueError, KeyError, TypeError) as e:
        raise PackageDataError(f"{where}: {e}") from e


def _int(value: Any, what: str, optional: bool = False) -> Any:
    if (value is None and optional) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise ValueError(f"{what} must be a whole number{' or null' if optional else ''}, not {value!r}")


def _calendar(doc: Any) -> UprCalendar:
    if not isinstance(doc, dict) or set(doc) - {"description"} != {"cycles", "sessions"}:
        raise ValueError("the calendar is an object with 'cycles' and 'sessions' (and an optional 'description')")
    cycles: list[Cycle] = []
    for n, entry in enumerate(doc["cycles"], 1):
        if not isinstance(entry, dict) or set(entry) != {"cycle", "first_session", "last_session", "first_year",
                                                         "last_year"}:  # fmt: skip
            raise ValueError(f"cycle entry {n}: keys are cycle, first_session, last_session, first_year, last_year")
        cycle = Cycle(_int(entry["cycle"], "cycle"), _int(entry["first_session"], "first_session"),
                      _int(entry["last_session"], "last_session"), _int(entry["first_year"], "first_year", True),
                      _int(entry["last_year"], "last_year", True))  # fmt: skip
        expected_first = cycles[-1].last_session + 1 if cycles else 1
        if cycle.number != n or cycle.first_session != expected_first or cycle.last_session < cycle.first_session:
            raise ValueError(f"cycle {cycle.number}: cycles are numbered 1, 2, ... and sessions follow on "
                             f"(expected cycle {n} from session {expected_first})")  # fmt: skip
        if (cycle.first_year is None) != (cycle.last_year is None) or (
            cycle.first_year is not None and cycle.last_year is not None and cycle.first_year > cycle.last_year
        ):
            raise ValueError(f"cycle {cycle.number}: first_year and last_year are both given, in order, or both null")
        previous = next((c for c in reversed(cycles) if c.first_year is not None), None)
        if (
            cycle.first_year is not None
            and previous is not None
            and (previous.first_year is None or previous.last_year is None or cycle.first_year < previous.last_year)
        ):
            raise ValueError(f"cycle {cycle.number}: its years start before cycle {previous.number}'s end")
        cycles.append(cycle)
    if not cycles or cycles[0].first_year is None:
        raise ValueError("the first cycle must have years")
    years: dict[int, int] = {}
    for n, entry in enumerate(doc["sessions"], 1):
        if not isinstance(entry, dict) or set(entry) != {"session", "year"}:
            raise ValueError(f"session entry {n}: keys are session and year")
        session, year = _int(entry["session"], "session"), _int(entry["year"], "year")
        if session != n:
            raise ValueError(f"session {session}: sessions are listed 1, 2, ... (expected {n})")
        if years and year < years[n - 1]:
            raise ValueError(f"session {session}: its year {year} is before session {n - 1}'s")
        of_session = next((c for c in cycles if c.first_session <= session <= c.last_session), None)
        if of_session is None or of_session.first_year is None or not (
            of_session.first_year <= year <= (of_session.last_year or 0)
        ):
            raise ValueError(f"session {session}: year {year} is outside its cycle's years")
        years[session] = year
    return UprCalendar(tuple(cycles), years)


def load_calendar(path: Path | None = None) -> UprCalendar:
    """The calendar from ``path``, or the one shipped in the package."""
    text, where = read_data_text(CALENDAR_FILE, path)
    return parse_calendar(text, where)


@lru_cache(maxsize=1)
def packaged_calendar() -> UprCalendar:
    """The packaged calendar, loaded and validated once per process."""
    return load_calendar()


def cycle_of_wg_session(session: int | None) -> int | None:
    """The UPR cycle a Working Group session belongs to (None for no session or one not held yet)."""
    if not session:
        return None
    return packaged_calendar().cycle_of_session(session)


def cycle_of_date(date: str | None) -> int | None:
    """The cycle of a report adopted on *date* (ISO), when the session number does not tell."""
    if not date:
        return None
    return packaged_calendar().cycle_of_year(int(date[:4]))


def session_year(session: int) -> int | None:
    """The year Working Group session ``session`` met, when the calendar has it."""
    return packaged_calendar().session_years.get(session)


def review_year(wg_session: Any, doc_date: str | dt.date | None = None) -> int | None:
    """The year of the review: the Working Group session's year, else the year of the document's date."""
    try:
        if wg_session is not None and (year := session_year(int(wg_session))) is not None:
            return year
    except (TypeError, ValueError):
        pass
    if doc_date is not None and str(doc_date)[:4].isdigit():
        return int(str(doc_date)[:4])
    return None
