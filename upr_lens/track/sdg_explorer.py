"""The SDG-Human Rights Data Explorer export (Danish Institute for Human Rights): positions and SDGs.

The export (an .xlsx, one sheet) has one row per recommendation and recommending State, with the columns
``Recommendation`` (the State under review), ``Tekst`` (the recommendation), ``Goals`` ("16. Peace, justice
and strong institutions,5. Gender equality" or "No SDG link identified"), ``Targets`` ("1.3, 1.4"; a lone
target may be stored as a number, so "16.10" can arrive as 16.1), ``Response`` (Supported / Noted),
``Recommending state``, ``field_year`` ("2014 Cycle 2") and ``Document`` (``Source:A/HRC/26/4|136.1|``; some
rows give only the symbol).

:func:`import_sdg_explorer` matches each row to a stored recommendation: by (symbol, id) when the texts
agree (:data:`MIN_SIMILARITY`), otherwise by the closest text in the same report (some ids of the export
come from another numbering), else the row stays unmatched. A row may be one part of a joint recommendation:
it then matches when nearly all its words are in the stored text (:func:`agreement`). Matched rows give
positions with ``source_kind = 'sdg_explorer'`` at priority :data:`PRIORITY` (below the report, the addendum
and the thematic list: a secondary source, see :mod:`upr_lens.track.positions`), one per recommending
State as the export gives them: where a recommendation's States' rows differ, its final position (when the
explorer decides it) is 'partially supported', with the counts. Where the export disagrees
with the addendum, the report's decision or the thematic list, the disagreement is listed in the summary,
and the store keeps both rows (the final position stays the higher-precedence one). Every row of the export
is kept in ``sdg_explorer_rows`` with its SDG goals and targets and what it matched. Importing again
replaces the earlier import in one transaction: the store is the same after one import or two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from upr_lens.errors import InputError
from upr_lens.track.positions import PRIORITY as POSITION_PRIORITY

SOURCE_KIND = "sdg_explorer"
SOURCE_NAME = "SDG-HR Data Explorer"
DOC_ID = "sdg_explorer"
PRIORITY = POSITION_PRIORITY["sdg_explorer"]  # below every document and UPR Info, above a pending "examined"
MIN_SIMILARITY = 0.6  # word overlap (Dice) for a row to match a stored recommendation ...
MIN_CONTAINED = 0.8  # ... or the share of the row's words in it (the row is one part of a joint recommendation)
MIN_WORDS_CONTAINED = 4  # a row needs this many content words to match by containment
REQUIRED = ("Recommendation", "Tekst", "Response", "Document")
_SOURCE = re.compile(r"Source:\s*([A-Z]/[A-Z]+/\d+/\d+(?:/Add\.\d+)?)\s*(?:\|\s*([0-9][0-9.]*?)\.?\s*\|)?")
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("the of to and in a an for on its with all by as be that which".split())


@dataclass
class ExplorerRow:
    row_id: int
    state_printed: str
    text: str
    response: str
    position: str | None
    from_printed: str
    year: int | None
    cycle: int | None
    symbol: str | None
    rec_id: str | None
    goals: list[str]
    targets: list[str]


@dataclass
class SdgImportSummary:
    rows: int = 0
    rows_of_stored_reviews: int = 0
    matched: int = 0
    matched_by_id: int = 0
    matched_by_text: int = 0  # the export's id pointed elsewhere (or was missing); text found the recommendation
    recommendations: int = 0  # stored recommendations given an explorer position
    conflicts: list[dict] = field(default_factory=list)
    unmatched: list[dict] = field(default_factory=list)
    inconsistent: list[str] = field(default_factory=list)  # rec_keys whose rows give two positions (kept, per State)

    @property
    def rate(self) -> float:
        return self.matched / self.rows_of_stored_reviews if self.rows_of_stored_reviews else 0.0

    def line(self) -> str:
        return f"matched {self.matched} of {self.rows_of_stored_reviews} rows ({self.rate:.1%})"


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in _STOP}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the two texts' content words."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


def agreement(row_text: str, stored: str) -> tuple[bool, float]:
    """Whether an export row's text is the stored recommendation (or one part of it), and the score: the
    Dice coefficient, or the share of the row's words found in the stored text when that decides."""
    wa, wb = _words(row_text), _words(stored)
    if not wa or not wb:
        return False, 0.0
    dice = 2 * len(wa & wb) / (len(wa) + len(wb))
    if dice >= MIN_SIMILARITY:
        return True, dice
    contained = len(wa & wb) / len(wa)
    if len(wa) >= MIN_WORDS_CONTAINED and contained >= MIN_CONTAINED:
        return True, contained
    return False, dice


def _targets(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, float | int):
        return [repr(float(value)) if isinstance(value, float) else str(value)]
    return [t.strip() for t in str(value).split(",") if t.strip()]


def _goals(value) -> list[str]:
    text = str(value or "").strip()
    if not text or text.lower().startswith("no sdg"):
        return []
    return [g.strip() for g in re.split(r"\s*,\s*(?=\d+\.\s)", text) if g.strip()]


def read_explorer(path: str | Path) -> list[ExplorerRow]:
    """The export's rows; an InputError for a file that is not such an export."""
    from openpyxl import load_workbook

    from upr_lens.track.positions import normalize_position

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise InputError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = [str(h or "").strip() for h in next(rows, ())]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise InputError(f"{path}: not an SDG-HR Data Explorer export (no column {', '.join(missing)})")
        at = {name: header.index(name) for name in header}

        def get(row, name):
            k = at.get(name)
            return row[k] if k is not None and k < len(row) else None

        out = []
        for n, row in enumerate(rows, 2):
            if not any(v not in (None, "") for v in row):
                continue
            source = _SOURCE.search(str(get(row, "Document") or ""))
            year_cycle = re.match(r"\s*(\d{4})(?:\s*Cycle\s*(\d+))?", str(get(row, "field_year") or ""))
            response = str(get(row, "Response") or "").strip()
            out.append(ExplorerRow(
                row_id=n, state_printed=str(get(row, "Recommendation") or "").strip(),
                text=" ".join(str(get(row, "Tekst") or "").split()), response=response,
                position=normalize_position(response), from_printed=str(get(row, "Recommending state") or "").strip(),
                year=int(year_cycle.group(1)) if year_cycle else None,
                cycle=int(year_cycle.group(2)) if year_cycle and year_cycle.group(2) else None,
                symbol=source.group(1) if source else None, rec_id=source.group(2) if source else None,
                goals=_goals(get(row, "Goals")), targets=_targets(get(row, "Targets"))))
        return out
    finally:
        book.close()


def _match(rows: Iterable[ExplorerRow], stored: dict[str, dict[str, tuple[str, str]]], summary: SdgImportSummary):
    """(row, rec_key or None, matched_by, similarity) for every row."""
    best_cache: dict[tuple[str, str], tuple[str | None, float]] = {}
    for row in rows:
        report = stored.get(row.symbol or "")
        if report is None:
            yield row, None, "review not in the store", None
            continue
        summary.rows_of_stored_reviews += 1
        found = report.get(row.rec_id or "")
        if found is not None:
            agrees, score = agreement(row.text, found[1])
            if agrees:
                summary.matched_by_id += 1
                yield row, found[0], "id", score
                continue
        key = (row.symbol or "", row.text)
        if key not in best_cache:
            scored = [(agreement(row.text, text), similarity(row.text, text), rec_key)
                      for rec_key, text in report.values()]
            top = max(scored, default=((False, 0.0), 0.0, None))
            best_cache[key] = (top[2] if top[0][0] else None, top[0][1])
        rec_key, score = best_cache[key]
        if rec_key is not None:
            summary.matched_by_text += 1
            yield row, rec_key, "text", score
        else:
            why = "id not in the report" if found is None else "text differs from the stored recommendation"
            yield row, None, f"unmatched: {why}", score


def import_sdg_explorer(con, path: str | Path) -> SdgImportSummary:
    """Import the export at *path* into the store (see the module docstring); returns what it did."""
    from upr_lens.store import insert_rows, transaction

    rows = read_explorer(path)
    stored: dict[str, dict[str, tuple[str, str]]] = {}
    for symbol, rec_id, rec_key, text in con.execute(
            "SELECT symbol, rec_id, rec_key, text FROM recommendations WHERE symbol IS NOT NULL").fetchall():
        stored.setdefault(symbol, {})[rec_id] = (rec_key, text or "")
    summary = SdgImportSummary(rows=len(rows))
    table: list[dict] = []
    given: dict[tuple[str, str], set[str]] = {}  # (rec_key, recommending State as printed) → positions
    rec_ids = {key: rid for rep in stored.values() for rid, (key, _) in rep.items()}
    for row, rec_key, matched_by, score in _match(rows, stored, summary):
        table.append({
            "row_id": row.row_id, "report_symbol": row.symbol, "rec_id": row.rec_id,
            "state_iso3": _iso3(row.state_printed), "from_printed": row.from_printed, "year": row.year,
            "cycle": row.cycle, "response": row.response, "position": row.position, "text": row.text,
            "sdg_goals": row.goals, "sdg_targets": row.targets, "rec_key": rec_key, "matched_by": matched_by,
            "similarity": None if score is None else round(score, 3),
            "source_file": str(path)})
        if rec_key is None:
            if not matched_by.startswith("review not"):
                summary.unmatched.append({"row": row.row_id, "symbol": row.symbol, "id": row.rec_id,
                                          "why": matched_by, "text": row.text})
            continue
        summary.matched += 1
        if row.position:
            given.setdefault((rec_key, row.from_printed), set()).add(row.position)
    # one position per (recommendation, recommending State): the export's rows are per State; where they
    # differ the final position is 'partially supported' (upr_lens.track.positions), never one row's
    positions = []
    per_rec: dict[str, set[str]] = {}
    for (rec_key, from_printed), found in sorted(given.items()):
        report, _ = rec_key.split("#", 1)
        per_rec.setdefault(rec_key, set()).update(found)
        position = next(iter(found)) if len(found) == 1 else "partially supported"
        positions.append({
            "doc_id": DOC_ID, "rec_key": rec_key, "report_symbol": report, "rec_id": rec_ids.get(rec_key),
            "position": position, "printed": position.capitalize(), "implemented_claim": False,
            "source_kind": SOURCE_KIND, "source_symbol": SOURCE_NAME, "source_paragraph": None,
            "explanation": "", "priority": PRIORITY, "from_printed": from_printed or None,
            "from_iso3": _iso3(from_printed), "part_index": None})
    summary.inconsistent = sorted(k for k, found in per_rec.items() if len(found) > 1)
    summary.recommendations = len(per_rec)
    with transaction(con):
        con.execute("DELETE FROM positions WHERE source_kind = ?", [SOURCE_KIND])
        con.execute("DELETE FROM sdg_explorer_rows")
        insert_rows(con, "sdg_explorer_rows", table)
        insert_rows(con, "positions", positions)
    summary.conflicts = conflicts(con)
    return summary


def _iso3(printed: str) -> str | None:
    from upr_lens import states as registry

    found = registry.resolve(printed) if printed else None
    return found.iso3 if found else None


def conflicts(con) -> list[dict]:
    """Recommendations where the explorer's position differs from the addendum's, the report's decision,
    the thematic list's or UPR Info's (pending is no position): one row per (recommendation, disagreeing
    source). UPR Info ranks above the explorer; where the two disagree, this list shows it."""
    rows = con.execute(
        """SELECT DISTINCT e.rec_key, e.rec_id, e.position, o.source_kind, o.source_symbol, o.position, o.priority
           FROM positions e JOIN positions o USING (rec_key)
           WHERE e.source_kind = ? AND o.source_kind IN ('addendum', 'report', 'thematic_list', 'uprinfo')
             AND o.position <> 'pending' AND o.position <> e.position
           ORDER BY e.rec_key, o.priority DESC""", [SOURCE_KIND]).fetchall()
    return [{"rec_key": k, "rec_id": i, "sdg_explorer": p, "other_source": kind, "other_symbol": sym,
             "other_position": q} for k, i, p, kind, sym, q, _ in rows]


def coverage(con, years: tuple[int, int] = (2012, 2014)) -> dict[str, int]:
    """How many of the stored report recommendations of the reviews of *years* (the Working Group
    session's year, else the report's date: :func:`upr_lens.upr_calendar.review_year`) the explorer gives a
    position to, and to how many of them no document of the store gives one (pending otherwise)."""
    from upr_lens.upr_calendar import review_year

    first, last = years
    symbols = [symbol for symbol, session, date in con.execute(
        "SELECT symbol, wg_session, doc_date FROM documents WHERE doc_type = 'report'").fetchall()
        if (year := review_year(session, date)) is not None and first <= year <= last]
    if not symbols:
        return {"reports": 0, "recommendations": 0, "with_explorer_position": 0, "only_explorer": 0}
    marks = ", ".join("?" for _ in symbols)
    row = con.execute(
        f"""WITH kinds AS (SELECT rec_key, list(DISTINCT source_kind) AS kinds,
                                 bool_or(source_kind <> ? AND position <> 'pending') AS decided
                          FROM positions GROUP BY rec_key)
            SELECT count(*),
                   count(*) FILTER (WHERE list_contains(k.kinds, ?)),
                   count(*) FILTER (WHERE list_contains(k.kinds, ?) AND NOT coalesce(k.decided, false))
            FROM recommendations r LEFT JOIN kinds k USING (rec_key) WHERE r.symbol IN ({marks})""",
        [SOURCE_KIND, SOURCE_KIND, SOURCE_KIND, *symbols]).fetchone()
    return {"reports": len(symbols), "recommendations": int(row[0]), "with_explorer_position": int(row[1]),
            "only_explorer": int(row[2])}
