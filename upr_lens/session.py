"""A Working Group session in one call: ingest a folder of its documents, classify, link to the previous cycle.

:func:`run_session` is the library API behind ``upr-lens session run``. The folder may hold the session's
reports, addenda, thematic lists and matrices in any order: :func:`upr_lens.ingest.ingest` stores the
reports of a batch before the addenda and thematic lists that depend on them, so the order of the files
does not change the store. Then the recommendations of every State the folder touched are classified
(:func:`upr_lens.classify.pipeline.classify_store`) and linked to that State's other cycles
(:func:`upr_lens.track.links.store_links`). The result says, per State, what the folder held and what is
still missing (positions pending), and lists the files that could not be used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from upr_lens.errors import InputError
from upr_lens.records import IngestResult
from upr_lens.track.positions import FINAL_POSITIONS_SQL


@dataclass
class StateRun:
    """What one State's documents in the folder gave."""

    iso3: str
    name: str
    documents: dict[str, int] = field(default_factory=dict)  # doc_type → files stored
    symbols: list[str] = field(default_factory=list)  # the reports' symbols
    recommendations: int = 0  # in the store, for the reports of this State in the folder (or its addenda's)
    positions: dict[str, int] = field(default_factory=dict)  # final position → recommendations
    bad_files: list[str] = field(default_factory=list)

    @property
    def pending(self) -> int:
        return self.positions.get("pending", 0)

    def to_dict(self) -> dict:
        return {"iso3": self.iso3, "name": self.name, "documents": self.documents, "symbols": self.symbols,
                "recommendations": self.recommendations, "positions": self.positions, "pending": self.pending,
                "bad_files": self.bad_files}


@dataclass
class SessionRun:
    states: list[StateRun]
    results: list[IngestResult]
    bad_files: list[tuple[str, str]]  # (path, reason): files that failed, whatever their State
    classified: int = 0
    links: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.bad_files)

    def to_dict(self) -> dict:
        return {"states": [s.to_dict() for s in self.states], "bad_files": [list(b) for b in self.bad_files],
                "classified": self.classified, "links": self.links}


def session_files(folder: str | Path) -> list[Path]:
    """The documents in *folder* (recursively); an InputError if it is not a folder or holds none."""
    from upr_lens.ingest import collect_files

    path = Path(folder)
    if not path.is_dir():
        raise InputError(f"{folder}: not a folder")
    files = collect_files([path])
    if not files:
        raise InputError(f"{folder}: no PDF or Word documents in it")
    return files


def held_documents(db: str | Path) -> list[str]:
    """Source files of stored addenda and thematic lists that were stored before their report and whose
    report is in the store now (they are ingested again, to be parsed and checked against it)."""
    from upr_lens import store

    con = store.connect(db)
    try:
        rows = con.execute(
            """SELECT d.source_file FROM documents d
               WHERE d.doc_type IN ('addendum', 'thematic_list') AND d.notes LIKE '%is not in the store%'
                 AND EXISTS (SELECT 1 FROM documents r WHERE r.doc_type = 'report'
                             AND (d.symbol = r.symbol OR d.symbol LIKE r.symbol || '/%'))
               ORDER BY 1""").fetchall()
    finally:
        con.close()
    return [path for (path,) in rows if path and Path(path).exists()]


def run_session(
    files: Sequence[str | Path],
    db: str | Path,
    *,
    workers: int = 1,
    classify: bool = True,
    link: bool = True,
    on_result: Callable[[IngestResult], None] | None = None,
) -> SessionRun:
    """Ingest *files* (any order), classify and link the States they touch; see the module docstring."""
    from upr_lens import store
    from upr_lens.ingest import ingest
    from upr_lens.track.positions import report_symbol_of

    results = ingest(list(files), db, workers=workers, on_result=on_result)
    held = held_documents(db)
    if held:  # addenda and thematic lists stored before their report (an earlier run): checked again now
        again = {r.path: r for r in ingest(held, db, workers=workers)}
        results = [again.get(r.path, r) for r in results] + [r for p, r in again.items()
                                                            if p not in {x.path for x in results}]
    bad = [(r.path, r.error or "failed") for r in results if not r.ok]
    by_state: dict[str, StateRun] = {}
    reports: dict[str, set[str]] = {}
    con = store.connect(db)
    try:
        for result in results:
            info = result.info
            if info is None:
                continue
            iso3, name = info.state_iso3, info.state_name
            report = report_symbol_of(info.symbol) if info.symbol else None
            if not iso3 and report:  # a thematic list names its report, not its State
                found = con.execute("SELECT state_iso3, state_name FROM documents WHERE symbol = ? AND "
                                    "doc_type = 'report' LIMIT 1", [report]).fetchone()
                iso3, name = found if found else (None, None)
            if not iso3:
                continue
            run = by_state.setdefault(iso3, StateRun(iso3, name or iso3))
            if not result.ok:
                run.bad_files.append(result.path)
                continue
            if result.duplicate_of:
                continue
            kind = info.doc_type.value
            run.documents[kind] = run.documents.get(kind, 0) + 1
            if report:
                reports.setdefault(iso3, set()).add(report)
        if classify and by_state:
            from upr_lens.classify.pipeline import Classifier, classify_store

            classifier = Classifier.load()
            classified = 0
            for iso3 in sorted(by_state):
                classified += classify_store(con, classifier, state=iso3)
        else:
            classified = 0
        links = 0
        if link:
            from upr_lens.track.links import store_links

            for iso3 in sorted(by_state):
                links += store_links(con, iso3)
        for iso3, run in by_state.items():
            symbols = sorted(reports.get(iso3, set()))
            if not symbols:
                continue
            marks = ", ".join("?" for _ in symbols)
            rows = con.execute(
                f"""SELECT coalesce(f.position, 'pending'), count(*) FROM recommendations r
                    LEFT JOIN ({FINAL_POSITIONS_SQL}) f USING (rec_key)
                    WHERE r.symbol IN ({marks}) GROUP BY 1""", symbols).fetchall()
            run.symbols = sorted(s for (s,) in con.execute(
                f"SELECT DISTINCT symbol FROM recommendations WHERE symbol IN ({marks})", symbols).fetchall())
            run.positions = {position: int(n) for position, n in sorted(rows)}
            run.recommendations = sum(run.positions.values())
    finally:
        con.close()
    states = sorted(by_state.values(), key=lambda s: s.name)
    return SessionRun(states=states, results=results, bad_files=bad, classified=classified, links=links)
