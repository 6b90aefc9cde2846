"""The SDG-Human Rights Data Explorer import on the real 2012-2014 reports: the figures for the README.

    python benchmarks/sdg_explorer_coverage.py [--db PATH] [--workers 2]

Ingests the reports of ../shared/upr/reports/ whose year (../shared/upr/reports.csv) is 2012-2014 into a
new store, imports ../shared/upr/reference/sdg-hr-explorer-upr-2012-2014.xlsx, imports it again (the store
must not change), and prints: rows matched (by id, by text), unmatched, the recommendations of the
2012-2014 reports given a position (and those given one by the export alone), and the conflicts with the
documents' positions. About a minute on 2 cores (the ingest is most of it).
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "upr"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=None, help="Store to make (default: a temporary file).")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    from upr_lens import store
    from upr_lens.ingest import ingest
    from upr_lens.track import sdg_explorer

    with open(SHARED / "reports.csv", newline="", encoding="utf-8") as handle:
        files = [SHARED / "reports" / r["file"] for r in csv.DictReader(handle)
                 if r["year"] in ("2012", "2013", "2014")]
    db = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "sdg.duckdb"
    start = time.perf_counter()
    results = ingest(files, db, workers=args.workers)
    print(f"ingested {sum(r.ok for r in results)} of {len(files)} reports of 2012-2014 "
          f"in {time.perf_counter() - start:.0f} s → {db}")
    con = store.connect(db)
    try:
        xlsx = SHARED / "reference" / "sdg-hr-explorer-upr-2012-2014.xlsx"
        summary = sdg_explorer.import_sdg_explorer(con, xlsx)
        before = con.execute("SELECT * FROM positions ORDER BY ALL").fetchall()
        again = sdg_explorer.import_sdg_explorer(con, xlsx)
        same = before == con.execute("SELECT * FROM positions ORDER BY ALL").fetchall()
        cover = sdg_explorer.coverage(con)
    finally:
        con.close()
    print(f"{summary.rows} rows; {summary.rows_of_stored_reviews} of reviews in the store; matched by id "
          f"{summary.matched_by_id}, by text {summary.matched_by_text}; unmatched {len(summary.unmatched)}")
    print(f"2012-2014 report recommendations: {cover['with_explorer_position']} of {cover['recommendations']} "
          f"given a position ({cover['with_explorer_position'] / cover['recommendations']:.1%}); "
          f"{cover['only_explorer']} by the export alone")
    print(f"conflicts with the documents' positions: {len(summary.conflicts)}; "
          f"recommendations the export gives two positions: {len(summary.inconsistent)}")
    print(f"second import leaves the store the same: {same and again.line() == summary.line()}")
    print(summary.line())


if __name__ == "__main__":
    main()
