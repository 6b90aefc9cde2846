"""How tests/data/store_schema_v3.duckdb was made (run once, at commit 65461c9, schema version 3).

Kept for the record: it needs the schema-3 code (``git checkout 65461c9``) and writes the fixture that
tests/test_migrations.py upgrades. Every table holds a few rows: the synthetic corpus ingested and
classified, a follow-up annotation, a tiny treaty-status file with its signals, cross-cycle links and a
tiny UPR Info file (invented rows).
Usage: python tests/data/make_store_schema_v3.py OUT.duckdb tests/data/store_schema_v3
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

TREATIES = """instrument,iso3,status,consent_date,source_as_of
OPCAT,AND,party,2006,2022-06-10
CAT,AND,party,2006,2022-06-10
ICPPED,FRA,party,2008,2022-06-10
ROME,AND,party,2001,2016-04-01
"""

UPRINFO = """To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session
Andorra,WEOG,,Ratify the Optional Protocol to the Convention against Torture,France,WEOG,EU,Accepted,5,"Torture and other CID treatment",98
Andorra,WEOG,,Ratify the Optional Protocol to the Convention against Torture,Lithuania,WEOG,EU,Accepted,5,"Torture and other CID treatment,Justice",98
Monaco,WEOG,,Invented wording about strengthening the national human rights institution,Chile,GRULAC,,Noted,3,"National Human Rights Institution",97
Liechtenstein,WEOG,,Invented wording about a review with no stored report,Chile,GRULAC,,Noted,3,"Justice,Women's rights",97
"""  # noqa: E501


def main(out: str, dump: str | None = None) -> None:
    from upr_lens import store
    from upr_lens.classify.pipeline import classify_store
    from upr_lens.ingest import ingest
    from upr_lens.track import followup, links, treaties, uprinfo

    Path(out).unlink(missing_ok=True)
    results = ingest([REPO / "corpora" / "synthetic"], out)
    print([(Path(r.path).name, r.ok, r.error) for r in results])
    con = store.connect(out)
    try:
        print("classified", classify_store(con))
        key = con.execute("SELECT rec_key FROM recommendations ORDER BY rec_key LIMIT 1").fetchone()[0]
        followup.set_followup(con, key, "partial", "fixture source para. 1", note="fixture", author="fixture")
        followup.set_followup(con, key, "implemented", "fixture source para. 2", author="fixture")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "treaties.csv"
            path.write_text(TREATIES, encoding="utf-8")
            print(treaties.import_treaties(con, path))
            print("signals", treaties.record_treaty_signals(con))
            path = Path(tmp) / "uprinfo.csv"
            path.write_text(UPRINFO, encoding="utf-8")
            print(uprinfo.import_uprinfo(con, path))
        print("links", links.store_links(con))  # the corpus has one review per State: no link found
        with store.transaction(con):  # so two links written as store_links writes them
            store.insert_rows(con, "cycle_links", [
                {"rec_key": "A/HRC/98/3#67.1", "state_iso3": "MCO", "cycle": 1, "linked_rec_key": "A/HRC/99/7#90.1",
                 "linked_cycle": 3, "direction": "later", "rank": rank, "similarity": 0.5, "score": 0.55,
                 "shared_instruments": "OPCAT; CAT", "repeated": True, "reason": "fixture", "threshold": 0.25,
                 "linked_at": __import__("datetime").datetime(2026, 1, 1)} for rank in (1, 2)])
        for (table,) in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall():
            print(table, con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        con.execute("CHECKPOINT")
        # a .duckdb file is several MB however few the rows: the fixture is this dump (schema.sql,
        # load.sql, one CSV per table), which tests/test_migrations.py imports into a fresh file
        if dump:
            con.execute(f"EXPORT DATABASE '{dump}' (FORMAT csv)")
    finally:
        con.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
