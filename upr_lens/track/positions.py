"""Positions: what each source says the State did with a recommendation, and the final position.

Sources, by precedence for the final position (the history is kept in the ``positions`` table):

======================  ========  ===========================================================
source                  priority  what it gives
======================  ========  ===========================================================
addendum (…/Add.1)      50        the State's later position on examined recommendations
report decision         40        supported / noted / already implemented, at the review
thematic list           30        OHCHR's record of the final position (a cross-check)
UPR Info                20        a secondary, labelled source
SDG-HR Data Explorer    15        a secondary source (positions from DIHR's export)
report "examined"       10        pending until a later document decides
======================  ========  ===========================================================

Every source has its own priority, so two sources never tie; the steps of ten leave room for new ones. One
source may give a recommendation several rows: UPR Info one per recommending State (``from_iso3``,
``from_printed``), a source answering per part one per part (``part_index``). The final position
(:data:`FINAL_POSITIONS_SQL`) is then 'partially supported' when those rows differ, with the counts in the
explanation; each (recommendation, recommending State) pair keeps its own position
(:mod:`upr_lens.track.pair_positions`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from upr_lens.parse.report import implemented_position
from upr_lens.records import Decision, DocumentInfo, ParsedReport

PRIORITY = {"addendum": 50, "report": 40, "thematic_list": 30, "uprinfo": 20, "sdg_explorer": 15, "report_pending": 10}
FINAL_POSITIONS = ("supported", "noted", "partially supported", "pending")

# The final position of every recommendation that has one, as a subquery (the one definition: every query
# that needs a final position selects from it): rec_key, position, position_source, position_source_kind,
# implemented_claim, explanation, and position_rows / position_rows_supported (how many rows the deciding
# source gives the recommendation, and how many of them say supported).
#
# The deciding source is the one of highest priority. It may give several rows: one per recommending State
# (UPR Info) or per part. When they all agree, that is the position; when they differ, the position is
# 'partially supported' (when one of them supports) and the explanation counts the rows ("UPR Info: 1 of 13
# recommending States' rows supported, 12 noted"): never one row picked over another. Rows that differ
# without any support (noted and pending) leave the recommendation 'pending', explained the same way.
_FINAL_POSITIONS_TEMPLATE = """
    SELECT rec_key,
           CASE WHEN count(DISTINCT position) = 1 THEN min(position)
                WHEN bool_or(position IN ('supported', 'partially supported')) THEN 'partially supported'
                ELSE 'pending' END AS position,
           string_agg(DISTINCT source_symbol || coalesce(' para. ' || source_paragraph, ''), '; '
                      ORDER BY source_symbol || coalesce(' para. ' || source_paragraph, '')) AS position_source,
           min(source_kind) AS position_source_kind,
           bool_or(any_implemented) AS implemented_claim,
           CASE WHEN count(DISTINCT position) = 1
                THEN coalesce(string_agg(DISTINCT nullif(explanation, ''), '; ' ORDER BY nullif(explanation, '')), '')
                ELSE min(source_symbol) || ': '
                     || count(*) FILTER (WHERE position = 'supported') || ' of ' || count(*)
                     || CASE WHEN count(from_iso3) + count(from_printed) > 0 THEN ' recommending States'' rows'
                             WHEN count(part_index) = count(*) THEN ' parts' ELSE ' rows' END
                     || ' supported'
                     || coalesce(', ' || nullif(count(*) FILTER (WHERE position = 'partially supported'), 0)
                                 || ' partially supported', '')
                     || coalesce(', ' || nullif(count(*) FILTER (WHERE position = 'noted'), 0) || ' noted', '')
                     || coalesce(', ' || nullif(count(*) FILTER (WHERE position = 'pending'), 0) || ' pending', '')
                     || coalesce('; ' || string_agg(DISTINCT nullif(explanation, ''), '; '
                                                    ORDER BY nullif(explanation, '')), '')
           END AS explanation,
           count(*) AS position_rows,
           count(*) FILTER (WHERE position = 'supported') AS position_rows_supported
    FROM (SELECT *, max(priority) OVER (PARTITION BY rec_key) AS top_priority,
                 bool_or(implemented_claim) OVER (PARTITION BY rec_key) AS any_implemented
          FROM positions{scope})
    WHERE priority = top_priority
    GROUP BY rec_key
"""


def final_positions_sql(scope: str | None = None) -> str:
    """:data:`FINAL_POSITIONS_SQL`, limited to the recommendations whose rec_key the SQL *scope* selects
    (e.g. ``SELECT rec_key FROM recommendations WHERE state_iso3 = ?``) when given: the same rows, faster."""
    return _FINAL_POSITIONS_TEMPLATE.format(scope=f" WHERE rec_key IN ({scope})" if scope else "")


FINAL_POSITIONS_SQL = final_positions_sql()

_FROM_DECISION = {
    Decision.SUPPORTED: ("supported", False),
    Decision.IMPLEMENTED: ("supported", True),
    Decision.NOTED: ("noted", False),
    Decision.TO_BE_EXAMINED: ("pending", False),
}


def report_symbol_of(symbol: str) -> str:
    """A/HRC/43/15/Add.1 → A/HRC/43/15."""
    return re.sub(r"(?:/(?:Add|Corr|Rev)\.\d+)+$", "", symbol)


def normalize_position(printed: str) -> str | None:
    """'Supported', 'Accepted', 'Noted', 'Partially supported', 'Supported/Noted' → a final position."""
    text = printed.strip().lower()
    if not text:
        return None
    if "partial" in text:
        return "partially supported"
    if "/" in text or "and" in text.split():
        return "partially supported" if ("support" in text or "accept" in text) and "note" in text else None
    if text.startswith(("support", "accept")):
        return "supported"
    if text.startswith(("note", "reject")):
        return "noted"
    return None


def report_rows(info: DocumentInfo, parsed: ParsedReport) -> list[dict]:
    """Initial positions that the report's lead-ins state."""
    rows = []
    for rec in parsed.recommendations:
        mapped = _FROM_DECISION.get(rec.decision)
        if not mapped:
            continue
        position, implemented = mapped
        if rec.decision is Decision.IMPLEMENTED:
            position = implemented_position(rec.lead_in)
        pending = position == "pending"
        rows.append(_row(info.symbol, rec.rec_id, position, rec.lead_in[:200], implemented,
                         "report", info.symbol, rec.paragraph, "",
                         PRIORITY["report_pending" if pending else "report"]))
    return rows


def addendum_rows(info: DocumentInfo, positions: Sequence) -> list[dict]:
    report = report_symbol_of(info.symbol or "")
    return [
        _row(report, p.rec_id, p.position, p.printed, p.implemented_claim, "addendum", info.symbol,
             p.source_paragraph, p.explanation, PRIORITY["addendum"])
        for p in positions
    ]


def thematic_rows(info: DocumentInfo, rows: Sequence) -> tuple[list[dict], list[dict]]:
    """(thematic_rows table rows, positions rows) of a thematic list."""
    report = info.symbol or ""
    table, positions = [], []
    for row in rows:
        states = row.states
        table.append({
            "rec_key": f"{report}#{row.rec_id}", "report_symbol": report, "rec_id": row.rec_id,
            "text": row.text, "states_printed": [s.printed for s in states],
            "states_iso3": [s.iso3 for s in states], "position": row.position,  # None: not recognised
            "position_source": row.position_source, "themes": list(row.themes),
            "affected_persons": list(row.affected_persons), "sdgs": list(row.sdgs),
        })
        position = normalize_position(row.position)
        if position:
            paragraph = re.search(r"Para\.?\s*(\d+)", row.position_source, re.I)
            positions.append(_row(report, row.rec_id, position, row.position, False, "thematic_list",
                                  row.position_source.split(" - ")[0].strip() or report,
                                  int(paragraph.group(1)) if paragraph else None, "",
                                  PRIORITY["thematic_list"]))
    return table, positions


def _row(report, rec_id, position, printed, implemented, kind, source_symbol, paragraph, explanation, priority):
    return {
        "rec_key": f"{report}#{rec_id}", "report_symbol": report, "rec_id": rec_id, "position": position,
        "printed": printed, "implemented_claim": bool(implemented), "source_kind": kind,
        "source_symbol": source_symbol, "source_paragraph": paragraph, "explanation": explanation,
        "priority": priority,
    }


# ------------------------------------------------------------------------------------------ checks


def check_addendum(positions: Sequence, report_ids: set[str], examined: set[str], symbol: str) -> list[str]:
    """What an addendum gets wrong against its report: unknown ids, examined ids left without position."""
    notes = []
    given = {p.rec_id for p in positions}
    unknown = sorted(given - report_ids, key=_id_key)
    if report_ids and unknown:
        notes.append(f"{symbol} gives positions for ids the report does not have: {', '.join(unknown)}")
    missing = sorted(examined - given, key=_id_key)
    if missing:
        notes.append(f"{symbol} gives no position for examined recommendation(s): {', '.join(missing)}")
    return notes


def check_thematic_list(rows: Sequence, report: dict[str, list[str]], symbol: str) -> list[str]:
    """Disagreements between a thematic list and the report's recommendations, by id."""
    notes = []
    listed = {r.rec_id: [s.iso3 for s in r.states] for r in rows}
    only_list = sorted(set(listed) - set(report), key=_id_key)
    only_report = sorted(set(report) - set(listed), key=_id_key)
    if only_list:
        notes.append(f"thematic list of {symbol} has ids the report does not: {', '.join(only_list)}")
    if only_report:
        notes.append(f"thematic list of {symbol} lacks report ids: {', '.join(only_report)}")
    differ = [i for i in listed if i in report and sorted(filter(None, listed[i])) != sorted(report[i])]
    if differ:
        notes.append(f"thematic list of {symbol} names other States for: {', '.join(sorted(differ, key=_id_key))}")
    return notes


def _id_key(rec_id: str) -> tuple[int, ...]:
    return tuple(int(x) for x in rec_id.split(".") if x.isdigit())
