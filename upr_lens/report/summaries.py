"""Short summaries of a store, the figures the CLI prints after a command (and notebooks can ask for).

:func:`store_summary` is the end-of-demo overview; :func:`risk_factor_counts`, :func:`implemented_counts`
and :func:`repeated_ask_count` are the one-line figures of `demo`, `import-treaties` and `link`;
:func:`run_demo` is the whole demo (a fresh store from a corpus, ingested and classified).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FIRST_ROWS_COLUMNS = ["symbol", "rec_id", "position", "risk_factors", "recommending_states", "text"]


def _factor_numbers(value) -> list[int]:
    """The risk factors of one recommendation, stored as "1;4" or as a list [1, 4]; none when unclassified."""
    if isinstance(value, str):
        return [int(part) for part in value.split(";") if part.strip()]
    if hasattr(value, "__iter__"):
        return [int(part) for part in value]
    return []  # None, NaN, NA: not classified


def risk_factor_counts(frame) -> dict[int, int]:
    """Risk factor → number of recommendations of *frame* (a recommendations frame) raising it, by factor."""
    counts: dict[int, int] = {}
    for value in frame["risk_factors"]:
        for number in set(_factor_numbers(value)):
            counts[number] = counts.get(number, 0) + 1
    return dict(sorted(counts.items()))


@dataclass
class StoreSummary:
    """What a store holds, in the few figures the demo prints."""

    recommendations: int
    states_under_review: int
    by_decision: dict[str, int]  # the decision the report states
    by_position: dict[str, int]  # the final position, all sources considered
    risk_factors: dict[int, int]  # factor → recommendations raising it (empty when unclassified)
    first_rows: object = None  # DataFrame: the first recommendations, FIRST_ROWS_COLUMNS
    notes: list[str] = field(default_factory=list)


def store_summary(con, first: int = 8) -> StoreSummary:
    """Counts over every stored recommendation, and the first *first* rows."""
    from upr_lens import store

    facts = store.summary(con)
    frame = store.recommendations_frame(con)
    return StoreSummary(
        recommendations=int(facts["recommendations"]),
        states_under_review=int(facts["states_under_review"]),
        by_decision={str(k): int(v) for k, v in facts["by_decision"].items()},
        by_position={str(k): int(v) for k, v in frame["position"].value_counts().items()},
        risk_factors=risk_factor_counts(frame),
        first_rows=frame[FIRST_ROWS_COLUMNS].head(first),
    )


def implemented_counts(followup) -> dict[str, int]:
    """How many ratification asks (rows of :func:`upr_lens.track.treaties.ratification_followup`) were
    implemented: keys "True", "False" and "unknown" (the data cannot tell), zero counts left out."""
    import pandas as pd

    labels = followup["implemented"].map(lambda v: "unknown" if pd.isna(v) else str(bool(v)))
    counts = labels.value_counts()
    return {key: int(counts[key]) for key in ("True", "False", "unknown") if key in counts.index}


def repeated_ask_count(con) -> int:
    """Stored recommendations "asked again in cycle N+1": a recommendation of cycle N+1 asks for the same thing
    (a cross-cycle link marked repeated), each recommendation counted once, as profiles count them."""
    return int(con.execute(
        """SELECT count(DISTINCT rec_key) FROM cycle_links
           WHERE repeated AND direction = 'later' AND linked_cycle = cycle + 1""").fetchone()[0])


@dataclass
class DemoRun:
    db: Path
    results: list  # IngestResult of each file of the corpus
    summary: StoreSummary


def run_demo(db: str | Path, corpus: str | Path) -> DemoRun:
    """(Re)create the store *db* from the documents under *corpus* (a folder or one file): ingest, classify,
    summarize."""
    from upr_lens import store
    from upr_lens.classify.pipeline import classify_store
    from upr_lens.errors import InputError
    from upr_lens.ingest import ingest

    if not Path(corpus).exists():
        raise InputError(f"{corpus}: no such file or folder")
    Path(db).unlink(missing_ok=True)
    results = ingest([corpus], db)
    con = store.connect(db)
    try:
        classify_store(con)  # the atrocity lens: risk factors, action category, issues
        summary = store_summary(con)
    finally:
        con.close()
    return DemoRun(Path(db), results, summary)
