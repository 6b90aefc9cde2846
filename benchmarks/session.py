"""Session benchmark: one real Working Group session end to end, against ingesting all 304 reports.

    python benchmarks/session.py [--reports ../shared/upr/reports] [--session N]

Phase 1 ingests the 304 report PDFs (``upr_lens.ingest.ingest(..., workers=2)``) into a fresh store; the
Working Group session of each report is read from that store (``documents.wg_session``). Unless --session is
given, the session chosen is the one whose number of States is closest to 14 (the largest session on a tie).
Phase 2 copies that session's reports into a folder of their own and runs ``upr_lens.session.run_session``
on it (``upr-lens session run``: ingest, classify, link to the previous cycle) into a second fresh store.
Each phase runs in its own process and is timed inside it (imports excluded, model loading included).
Printed: both times and the ratio session / 304-report ingest (target < 0.1). Not a unit test.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

INGEST = """
import json, sys, time
from upr_lens.ingest import ingest
from upr_lens import store
start = time.perf_counter()
results = ingest([sys.argv[1]], sys.argv[2], workers=2)
seconds = time.perf_counter() - start
con = store.connect(sys.argv[2], read_only=True)
rows = con.execute("SELECT source_file, wg_session, state_iso3 FROM documents WHERE doc_type = 'report'").fetchall()
con.close()
print(json.dumps({"seconds": seconds, "files": len(results), "failed": sum(not r.ok for r in results),
                  "recommendations": sum(r.n_recommendations for r in results),
                  "pages": sum(r.n_pages for r in results), "reports": rows}))
"""

SESSION = """
import json, sys, time
from upr_lens.session import run_session, session_files
start = time.perf_counter()
files = session_files(sys.argv[1])
run = run_session(files, sys.argv[2], workers=2)
seconds = time.perf_counter() - start
from upr_lens import store
con = store.connect(sys.argv[2], read_only=True)
recs = con.execute("SELECT count(*) FROM recommendations").fetchone()[0]
classified = con.execute("SELECT count(DISTINCT rec_key) FROM classifications").fetchone()[0]
con.close()
print(json.dumps({"seconds": seconds, "files": len(files), "recommendations": recs, "classified": classified}))
"""


def run_phase(code: str, *args: str) -> dict:
    """Run a phase in a fresh process; return its JSON line."""
    process = subprocess.run([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True)
    if process.returncode:
        raise SystemExit(f"phase failed with exit code {process.returncode}")
    return json.loads(process.stdout.strip().splitlines()[-1])


def choose_session(reports: list, wanted: int | None) -> tuple[int, list[str]]:
    """(session, source files of its reports): *wanted*, else the session with a State count closest to 14."""
    by_session: dict[int, dict[str, str]] = {}
    for source, session, iso3 in reports:
        if session is not None:
            by_session.setdefault(int(session), {})[iso3 or source] = source
    if not by_session:
        raise SystemExit("no report with a Working Group session number in the store")
    if wanted is None:
        wanted = min(by_session, key=lambda s: (abs(len(by_session[s]) - 14), -len(by_session[s]), s))
    if wanted not in by_session:
        raise SystemExit(f"no report of Working Group session {wanted}; sessions: {sorted(by_session)}")
    return wanted, sorted(by_session[wanted].values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", default=str(REPO.parent / "shared" / "upr" / "reports"))
    parser.add_argument("--session", type=int, default=None, help="Working Group session (default: ~14 States).")
    args = parser.parse_args()
    reports = Path(args.reports)
    if not reports.is_dir():
        raise SystemExit(f"{reports}: no such folder (the 304 report PDFs)")
    with tempfile.TemporaryDirectory() as tmp:
        whole = run_phase(INGEST, str(reports), str(Path(tmp) / "all.duckdb"))
        session, sources = choose_session(whole["reports"], args.session)
        folder = Path(tmp) / f"wg{session}"
        folder.mkdir()
        for source in sources:
            path = Path(source)
            path = path if path.is_absolute() and path.is_file() else reports / path.name
            shutil.copy(path, folder / path.name)
        one = run_phase(SESSION, str(folder), str(Path(tmp) / "session.duckdb"))
    ratio = one["seconds"] / whole["seconds"]
    print(f"{'phase':52} {'files':>5} {'recs':>6} {'seconds':>8}")
    print(f"{'ingest all reports (workers=2)':52} {whole['files']:>5} {whole['recommendations']:>6} "
          f"{whole['seconds']:>8.2f}")
    print(f"{f'session run, WG session {session} (ingest, classify, link)':52} {one['files']:>5} "
          f"{one['recommendations']:>6} {one['seconds']:>8.2f}")
    print(f"States in session {session}: {len(sources)}; recommendations classified: {one['classified']}; "
          f"failed files in the whole ingest: {whole['failed']}")
    print(f"ratio session / whole ingest: {ratio:.3f}  (target < 0.1) {'OK' if ratio < 0.1 else 'MISSED'}")


if __name__ == "__main__":
    main()
