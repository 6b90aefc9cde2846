"""Ingest benchmark: the whole 304-PDF corpus, against a bare pypdfium2 text pass of the same files.

    python benchmarks/ingest.py [--reports ../shared/upr/reports]

Each phase runs in its own process, so its peak memory (including worker processes) is measured apart.
Printed: pages/s per phase, peak memory, and the ratios the targets are stated in:
  end-to-end ingest (1 worker) / bare text pass   target <= 1.5
  ingest with 2 workers / ingest with 1 worker    target < 1
  peak memory                                     target < 1 GB
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

BARE = """
import glob, json, sys, time
import pypdfium2 as pdfium
files = sorted(glob.glob(sys.argv[1] + '/*.pdf'))
start = time.perf_counter(); pages = 0
for f in files:
    pdf = pdfium.PdfDocument(f)
    for i in range(len(pdf)):
        page = pdf[i]; tp = page.get_textpage(); tp.get_text_range(); tp.close(); page.close(); pages += 1
    pdf.close()
print(json.dumps({"seconds": time.perf_counter() - start, "pages": pages, "files": len(files)}))
"""

INGEST = """
import json, sys, time
from upr_lens.ingest import ingest
start = time.perf_counter()
results = ingest([sys.argv[1]], sys.argv[2], workers=int(sys.argv[3]))
print(json.dumps({"seconds": time.perf_counter() - start, "pages": sum(r.n_pages for r in results),
                  "files": len(results), "failed": sum(not r.ok for r in results),
                  "recommendations": sum(r.n_recommendations for r in results)}))
"""


def run_phase(code: str, *args: str) -> dict:
    """Run a phase in a fresh process; return its JSON line plus peak memory (MB, incl. workers)."""
    import resource

    process = subprocess.run([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True)
    out = process.stdout
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # includes the phase's worker processes
    if process.returncode:
        raise SystemExit(f"phase failed with exit code {process.returncode}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_mb_all_so_far"] = usage.ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", default=str(REPO.parent / "shared" / "upr" / "reports"))
    args = parser.parse_args()
    if not Path(args.reports).is_dir():
        raise SystemExit(f"{args.reports}: no such folder (the 304 report PDFs)")
    with tempfile.TemporaryDirectory() as tmp:
        bare = run_phase(BARE, args.reports)
        one = run_phase(INGEST, args.reports, str(Path(tmp) / "one.duckdb"), "1")
        two = run_phase(INGEST, args.reports, str(Path(tmp) / "two.duckdb"), "2")
    rows = [("bare pypdfium2 text pass", bare), ("ingest, 1 worker", one), ("ingest, 2 workers", two)]
    print(f"{'phase':28} {'files':>5} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'peak MB*':>9}")
    for name, r in rows:
        print(f"{name:28} {r['files']:>5} {r['pages']:>6} {r['seconds']:>8.1f} {r['pages'] / r['seconds']:>8.0f} "
              f"{r['peak_mb_all_so_far']:>9.0f}")
    print("* largest resident set of any process so far (a phase, or one of its workers)")
    print(f"recommendations stored: {one['recommendations']} (1 worker), {two['recommendations']} (2 workers); "
          f"failed files: {one['failed']}")
    ratio = one["seconds"] / bare["seconds"]
    speedup = two["seconds"] / one["seconds"]
    peak = max(r["peak_mb_all_so_far"] for _, r in rows)
    print(f"ratio ingest(1 worker) / bare pass : {ratio:.2f}  (target <= 1.5) {'OK' if ratio <= 1.5 else 'MISSED'}")
    print(f"ratio ingest(2 workers) / 1 worker : {speedup:.2f}  (target < 1)    {'OK' if speedup < 1 else 'MISSED'}")
    print(f"peak memory                        : {peak:.0f} MB (target < 1024) {'OK' if peak < 1024 else 'MISSED'}")


if __name__ == "__main__":
    main()
