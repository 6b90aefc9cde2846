"""Checked queries over the store: filter values a person typed are validated before they reach SQL.

:func:`normalise_filters` turns the filters of :func:`upr_lens.store.recommendations_frame` into canonical
values (lists; case folded where case does not matter) and raises an :class:`~upr_lens.errors.InputError`
naming the value and listing what is allowed for an unknown State, decision, position, source, regional group,
cycle, risk factor (1-14), indicator (the risk-factor table's ids), issue (the issue vocabulary), action
category (1-5), year or sort key, instead of an empty result that looks like "nothing found".
:func:`recommendations` and :func:`export` are the calls the CLI and notebooks use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from upr_lens.errors import InputError
from upr_lens.records import Decision
from upr_lens.track.acceptance import POSITIONS
from upr_lens.track.positions import PRIORITY

DECISIONS = (*(d.value for d in Decision), "uprinfo", "thematic_list")  # "uprinfo": rows known only from a UPR
# Info import; "thematic_list": reviews known only from an OHCHR thematic list (matrix)
SOURCES = tuple(PRIORITY)
CYCLES = (1, 2, 3, 4, 5)  # the UPR cycles (the fifth begins in 2027)
EXPORT_FORMATS = ("csv", "parquet", "json", "xlsx")
FIRST_YEAR = 2008  # the first Working Group session met in April 2008
_YEAR = re.compile(r"\s*(\d{4})\s*(?:(?:-|–|\.\.)\s*(\d{4})\s*)?")


def _one_of(what: str, value: str, allowed) -> str:
    if value not in allowed:
        raise InputError(f"unknown {what} {value!r}: one of {', '.join(map(str, allowed))}")
    return value


def _many(value: Any) -> list | None:
    """*value* as a list (None, "" and an empty list: no filter)."""
    if value is None or (isinstance(value, (str, list, tuple)) and not value):
        return None
    if isinstance(value, (str, int)):
        return [value]
    items = [v for v in value if v is not None and v != ""]
    return items or None


def _int_of(what: str, value: Any) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise InputError(f"{what} {value!r} is not a number") from None


def _years(values: list | None) -> list[tuple[int, int]] | None:
    """Years or ranges ("2012", 2012, "2010-2012") as inclusive (first, last) pairs, checked."""
    from upr_lens.upr_calendar import packaged_calendar

    if not values:
        return None
    last = max([*(c.last_year or 0 for c in packaged_calendar().cycles), *packaged_calendar().session_years.values()])
    spans = []
    for value in values:
        match = _YEAR.fullmatch(str(value))
        if not match:
            raise InputError(f"unknown year {value!r}: a year from {FIRST_YEAR} to {last}, or a range such as "
                             f"2010-2012")
        first, end = int(match.group(1)), int(match.group(2) or match.group(1))
        for y in (first, end):
            if not FIRST_YEAR <= y <= last:
                raise InputError(f"unknown year {y}: the UPR years run from {FIRST_YEAR} to {last}")
        if end < first:
            raise InputError(f"year range {value!r} ends before it begins")
        spans.append((first, end))
    return spans


def issue_vocabulary() -> tuple[str, ...]:
    """The issue names the classifier assigns (UPR Info's issues)."""
    from upr_lens.classify.uprinfo_models import ISSUES

    return ISSUES


def normalise_filters(
    *,
    state: str | None = None,
    recommending: str | None = None,
    cycle: Any = None,
    session: Any = None,
    decision: Any = None,
    text: Any = None,
    position: Any = None,
    source: Any = None,
    group: Any = None,
    risk_factor: Any = None,
    limit: int | None = None,
    any_text: Any = None,
    state_group: Any = None,
    indicator: Any = None,
    issue: Any = None,
    action: Any = None,
    year: Any = None,
    sort: Any = None,
    word: Any = None,
) -> dict[str, Any]:
    """The filters as canonical values (lists or None; ISO3 codes for States), or an InputError for the first
    value that cannot select anything. Any *text* can."""
    from upr_lens import states as registry
    from upr_lens.classify import risk_table
    from upr_lens.store.queries import SORT_KEYS

    out: dict[str, Any] = {
        "state": registry.lookup(state).iso3 if state else None,
        "recommending": registry.lookup(recommending).iso3 if recommending else None,
        "text": [str(t) for t in _many(text) or ()] or None,
        "any_text": [str(t) for t in _many(any_text) or ()] or None,
        "word": [str(w) for w in _many(word) or () if str(w).split()] or None,
    }
    cycles = [_int_of("cycle", c) for c in _many(cycle) or ()]
    for c in cycles:
        if c not in CYCLES:
            raise InputError(f"unknown cycle {c}: one of {', '.join(map(str, CYCLES))}")
    out["cycle"] = cycles or None
    sessions = [_int_of("Working Group session", s) for s in _many(session) or ()]
    for s in sessions:
        if s < 1:
            raise InputError(f"unknown Working Group session {s}: sessions are numbered from 1")
    out["session"] = sessions or None
    out["decision"] = [_one_of("decision", str(d).strip().lower(), DECISIONS) for d in _many(decision) or ()] or None
    out["position"] = [_one_of("position", str(p).strip().lower(), POSITIONS) for p in _many(position) or ()] or None
    out["source"] = [_one_of("position source", str(s).strip().lower(), SOURCES) for s in _many(source) or ()] or None
    known_groups = {g.lower(): g for g in registry.GROUPS}
    for key, what in (("group", group), ("state_group", state_group)):
        chosen = []
        for g in _many(what) or ():
            if str(g).strip().lower() not in known_groups:
                raise InputError(f"unknown regional group {g!r}: one of {', '.join(registry.GROUPS)}")
            chosen.append(known_groups[str(g).strip().lower()])
        out[key] = chosen or None
    factors = [_int_of("risk factor", f) for f in _many(risk_factor) or ()]
    for f in factors:
        if f not in risk_table.FACTOR_IDS:
            raise InputError(f"unknown risk factor {f}: the factors are numbered 1 to 14")
    out["risk_factor"] = factors or None
    indicators = [str(i).strip() for i in _many(indicator) or ()]
    for i in indicators:
        if not risk_table.is_indicator(i):
            valid = ", ".join(x.id for rf in risk_table.RISK_FACTORS for x in rf.indicators)
            raise InputError(f"unknown indicator {i!r}: one of {valid}")
    out["indicator"] = indicators or None
    issues = []
    for name in _many(issue) or ():
        vocabulary = {v.lower(): v for v in issue_vocabulary()}  # loaded only when an issue is asked for
        if str(name).strip().lower() not in vocabulary:
            raise InputError(f"unknown issue {name!r}: one of {'; '.join(issue_vocabulary())}")
        issues.append(vocabulary[str(name).strip().lower()])
    out["issue"] = issues or None
    actions = [_int_of("action category", a) for a in _many(action) or ()]
    for a in actions:
        if a not in range(1, 6):
            raise InputError(f"unknown action category {a}: 1 minimal, 2 continuing, 3 considering, 4 general, "
                             f"5 specific action")
    out["action"] = actions or None
    out["year"] = _years(_many(year))
    sorts = [str(key).strip().lower() for key in _many(sort) or ()]
    for key in sorts:
        if key.lstrip("-") not in SORT_KEYS:
            raise InputError(f"unknown sort key {key!r}: one of {', '.join(SORT_KEYS)} (a leading - sorts "
                             f"descending)")
    out["sort"] = sorts or None
    if limit is not None and limit < 0:
        raise InputError(f"a row limit cannot be negative ({limit})")
    out["limit"] = limit or None
    return out


def check_filters(**filters) -> None:
    """Raise :class:`InputError` for the first filter value that cannot select anything (any *text* can)."""
    normalise_filters(**filters)


def recommendations(con, *, limit: int | None = None, **filters):
    """The stored recommendations the filters select (see :func:`normalise_filters`), as a DataFrame."""
    from upr_lens import store

    return store.recommendations_frame(con, limit=limit or None, **filters)


def check_export_format(fmt: str) -> str:
    return _one_of("export format", fmt, EXPORT_FORMATS)


def export(con, out: str | Path, fmt: str, raw_cells: bool = False, **filters: Iterable[Any] | Any) -> int:
    """Write the recommendations the filters select (all by default; one row per id) as CSV, Parquet, JSON or
    xlsx; returns the number of rows. CSV text cells a spreadsheet would run as formulas are neutralised unless
    *raw_cells* (see :mod:`upr_lens.csvio`)."""
    from upr_lens import store

    check_export_format(fmt)
    return store.export(con, out, fmt, raw_cells=raw_cells, **filters)
