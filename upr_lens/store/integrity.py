"""Consistency of a store: rows that point at a recommendation or document the store no longer holds.

:func:`orphans` counts, per kind, the rows whose owner is gone (``upr-lens check`` prints them and exits
1 when there is any). What counts as an orphan:

* a document's own rows (lead-ins, recommendations, parts, recommending States) whose document is not
  stored, and parts / States whose recommendation is not stored;
* positions and thematic-list rows whose source document is not stored (the UPR Info import counts as
  stored while its rows are), and positions from a report's own decisions or from UPR Info whose
  recommendation is not stored (they are made from, or matched to, a stored recommendation);
* classifications, treaty signals, cross-cycle links (either end), UPR Info rows matched to a
  recommendation, and analyst follow-up annotations, whose recommendation is not stored.

Not orphans, and reported apart (:func:`unmatched`): positions and thematic rows an addendum or thematic
list gives for ids its report does not have, or for a report not stored (yet): the source printed them so.
"""

from __future__ import annotations

from dataclasses import dataclass

from upr_lens.store.schema import existing_tables

_RECS = "(SELECT rec_key FROM recommendations)"
_DOCS = "(SELECT doc_id FROM documents)"
_IMPORTS = "('uprinfo', 'sdg_explorer')"  # the doc_id of positions that come from an import, not a document

# (kind, table, what it points at, the WHERE clause selecting orphans)
_CHECKS: tuple[tuple[str, str, str, str], ...] = (
    ("recommendations without their document", "recommendations", "document", f"doc_id NOT IN {_DOCS}"),
    ("lead-ins without their document", "lead_ins", "document", f"doc_id NOT IN {_DOCS}"),
    ("recommendation parts without their recommendation", "recommendation_parts", "recommendation",
     f"rec_key NOT IN {_RECS} OR doc_id NOT IN {_DOCS}"),
    ("recommending States without their recommendation", "recommendation_states", "recommendation",
     f"rec_key NOT IN {_RECS} OR doc_id NOT IN {_DOCS}"),
    ("positions without their source document", "positions", "document",
     f"doc_id NOT IN {_IMPORTS} AND doc_id NOT IN {_DOCS}"),
    ("imported positions (UPR Info, SDG Explorer) without their recommendation", "positions", "recommendation",
     f"doc_id IN {_IMPORTS} AND rec_key NOT IN {_RECS}"),
    ("report positions without their recommendation", "positions", "recommendation",
     f"source_kind = 'report' AND rec_key NOT IN {_RECS}"),
    ("thematic rows without their document", "thematic_rows", "document", f"doc_id NOT IN {_DOCS}"),
    ("classifications without their recommendation", "classifications", "recommendation",
     f"rec_key NOT IN {_RECS}"),
    ("treaty signals without their recommendation", "implementation_signals", "recommendation",
     f"rec_key NOT IN {_RECS}"),
    ("cross-cycle links without their recommendations", "cycle_links", "recommendation",
     f"rec_key NOT IN {_RECS} OR linked_rec_key NOT IN {_RECS}"),
    ("UPR Info rows matched to no stored recommendation", "uprinfo_rows", "recommendation",
     f"rec_key IS NOT NULL AND rec_key NOT IN {_RECS}"),
    ("SDG Explorer rows matched to no stored recommendation", "sdg_explorer_rows", "recommendation",
     f"rec_key IS NOT NULL AND rec_key NOT IN {_RECS}"),
    ("follow-up annotations without their recommendation", "followup_annotations", "recommendation",
     f"rec_key NOT IN {_RECS}"),
)


@dataclass(frozen=True)
class Orphans:
    kind: str  # e.g. "classifications without their recommendation"
    table: str
    count: int
    examples: tuple[str, ...]  # a few rec_keys or doc_ids, for the message


def orphans(con, examples: int = 3) -> list[Orphans]:
    """Every kind of orphan the store holds (an empty list: consistent)."""
    tables = existing_tables(con)
    found = []
    for kind, table, target, where in _CHECKS:
        if table not in tables or not {"recommendations", "documents"} <= tables:
            continue
        count = con.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]
        if count:
            key = "doc_id" if target == "document" else "rec_key"
            shown = [str(v) for (v,) in con.execute(
                f"SELECT DISTINCT {key} FROM {table} WHERE {where} ORDER BY 1 LIMIT {int(examples)}").fetchall()]
            found.append(Orphans(kind, table, int(count), tuple(shown)))
    return found


def unmatched(con) -> dict[str, int]:
    """Positions and thematic rows (from addenda and thematic lists) for recommendations the store does not
    hold: not damage, what the sources print (an id the report lacks, a report not ingested yet)."""
    tables = existing_tables(con)
    out: dict[str, int] = {}
    for table in ("positions", "thematic_rows"):
        if table in tables and "recommendations" in tables:
            own = " AND source_kind <> 'report'" if table == "positions" else ""
            n = con.execute(f"SELECT count(*) FROM {table} WHERE doc_id NOT IN {_IMPORTS} AND rec_key NOT IN {_RECS} "
                            f"AND doc_id IN {_DOCS}{own}").fetchone()[0]
            if n:
                out[table] = int(n)
    return out
