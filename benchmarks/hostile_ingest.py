"""Hostile-ingest benchmark (issue 12): peak memory of the whole process tree and wall time of
`upr-lens ingest -j 2` on a folder of hostile files plus real reports.

    python benchmarks/hostile_ingest.py [--reports ../shared/upr/reports] [--n 60] [--workers 2]

The hostile files are generated in a temporary folder (tests/hostile): rich markup in the text, file names
with markup, control characters and bytes that are not UTF-8, india2012.pdf cut at 10/50/95/99 %, PDF bombs
(a Flate stream of zeros inflating to 1.5 and 3 GB; the same hex-wrapped, which only the readers'
memory limit stops), DOCX zip bombs (a 1.5 GB image part, a 1.5 GB document.xml). The process tree's resident
memory (the CLI and its reader processes) is sampled every 20 ms; printed: peak, time, exit code, error
lines, documents stored.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import hostile  # noqa: E402  (tests/hostile: the generators the tests use)


def build(folder: Path, reports: Path, n: int) -> tuple[int, int]:
    """The hostile files and *n* real reports in *folder*; returns (hostile files, real reports)."""
    real = sorted(p for p in reports.glob("*.pdf") if p.name != "india2012.pdf")[:n]
    for path in real:
        shutil.copy(path, folder / path.name)
    hostile.markup_pdf(folder / "markup.pdf")
    hostile.pdf_bomb(folder / "pdf-bomb-1.5g.pdf")
    hostile.pdf_bomb(folder / "pdf-bomb-3g.pdf", inflated=3 << 30)
    hostile.hex_pdf_bomb(folder / "hex-bomb-1.5g.pdf")
    hostile.hex_pdf_bomb(folder / "hex-bomb-3g.pdf", inflated=3 << 30)  # read beside the other with -j 2
    hostile.docx_bomb(folder / "docx-bomb-image.docx")
    hostile.docx_bomb(folder / "docx-bomb-xml.docx", part="word/document.xml")
    for fraction in (0.10, 0.50, 0.95, 0.99):
        hostile.truncated(reports / "india2012.pdf", folder / f"india-cut{int(fraction * 100)}.pdf", fraction)
    hostile.odd_name(folder, b"junk\xff.pdf", data=b"%PDF-1.7\n[/b] not a PDF")
    hostile.odd_name(folder, b"esc\x1b[31m[b]new\nline.docx", data=b"PK\x03\x04 [/red]")
    return 13, len(real)


def tree_rss(process) -> int:
    import psutil

    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass
    return total


def main() -> None:
    import psutil

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", default=str(REPO.parent / "shared" / "upr" / "reports"))
    parser.add_argument("--n", type=int, default=60, help="real reports beside the hostile files")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        n_hostile, n_real = build(folder, Path(args.reports), args.n)
        db = Path(tmp) / "s.duckdb"
        command = [sys.executable, "-m", "upr_lens.cli.main", "ingest", str(folder), "--db", str(db), "-q",
                   "-j", str(args.workers)]
        start = time.perf_counter()
        process = psutil.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "COLUMNS": "200"})
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_rss(process))
            time.sleep(0.02)
        elapsed = time.perf_counter() - start
        stderr = process.stderr.read().decode("utf-8", "backslashreplace")
        errors = [line for line in stderr.splitlines() if line.startswith("error ")]
        summary = [line for line in stderr.splitlines() if line.startswith("ingested ")]
        print(f"files: {n_hostile} hostile + {n_real} real reports, -j {args.workers}")
        print(f"exit code {process.returncode}; {len(errors)} error lines; {summary[0] if summary else 'no summary'}")
        print(f"wall time {elapsed:.1f} s; peak resident memory of the process tree {peak / 2**20:.0f} MB")
        for line in errors:
            print("  " + line)


if __name__ == "__main__":
    main()
