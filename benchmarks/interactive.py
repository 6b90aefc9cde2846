"""Interactive speed: every `query`, `state`, `profile` and `compare` on the full store, against a 1 s target.

    python benchmarks/interactive.py [STORE] [--repeat 3] [--shared ../shared] [--no-cold]

STORE: a store holding the full data (304 reports + Slovenia + matrices, UPR Info imported, treaties,
classified, linked), e.g. a copy of the one /work/fullstore/build.sh makes. Without it, such a store is
built first in a temporary folder, the same way (ingest, import-uprinfo, import-treaties, classify, link;
a few minutes). The store is only read.

Each command is timed two ways:

- **warm**: run in this process through the CLI (typer's runner: option parsing, opening the store, the
  query, the terminal table), after one untimed run, the median of ``--repeat`` runs. This is what a
  command costs once Python and its libraries are loaded (a notebook, a server, a second command).
- **cold**: ``upr-lens ...`` in a new process, wall time, one run: what a person at a terminal waits,
  Python start and imports included.

Printed for each: the time, its ratio to the 1 s target, and its ratio to a baseline measured in the same
run: warm against a plain scan of the recommendations (``SELECT count(*), sum(length(text)) FROM
recommendations``, in process), cold against a new process that imports duckdb and pandas and runs
``SELECT count(*) FROM recommendations`` (the floor of any command). Not a unit test; nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 1.0  # seconds

COMMANDS = [
    ["query", "--state", "Myanmar"],
    ["query", "--group", "WEOG", "--cycle", "2"],
    ["query", "--text", "torture", "--position", "noted"],
    ["state", "Myanmar"],
    ["state", "Slovenia"],
    ["profile", "Myanmar"],
    ["profile", "Slovenia"],
    ["profile", "Myanmar", "--json"],
    ["compare", "Myanmar", "Slovenia", "Botswana"],
    ["compare", "--group", "WEOG"],
    ["compare", "--group", "African"],
    ["compare", "--group", "WEOG", "--cycle", "2"],
]

COLD_BASELINE = """
import sys, duckdb, pandas
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute("SELECT count(*) FROM recommendations").fetchone()
"""


def build_store(folder: Path, shared: Path) -> Path:
    """The full store, made as /work/fullstore/build.sh makes it."""
    db = folder / "full.duckdb"
    upr = shared / "upr"
    steps = [
        ["ingest", str(upr / "reports"), str(upr / "slovenia"), str(upr / "matrices"), "-j", "2"],
        ["import-uprinfo", str(upr / "reference" / "uprinfo-sessions-1-20.csv")],
        ["import-treaties", str(shared / "treaties" / "treaty_status.csv")],
        ["classify"],
        ["link"],
    ]
    for step in steps:
        print("building:", "upr-lens", *step, flush=True)
        done = subprocess.run([sys.executable, "-m", "upr_lens.cli.main", *step, "--db", str(db)],
                              stdout=subprocess.DEVNULL)
        if done.returncode and step[0] != "ingest":  # ingest reports files it refuses, and goes on
            raise SystemExit(f"building the store failed at {step[0]}")
    return db


def warm_baseline(db: Path, repeat: int) -> float:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    sql = "SELECT count(*), sum(length(text)) FROM recommendations"
    con.execute(sql).fetchone()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        con.execute(sql).fetchone()
        times.append(time.perf_counter() - start)
    con.close()
    return statistics.median(times)


def warm(runner, app, args: list[str], repeat: int) -> float:
    first = runner.invoke(app, args)
    if first.exit_code:
        raise SystemExit(f"upr-lens {' '.join(args)} failed: {first.output.strip()[-300:]}")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        runner.invoke(app, args)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "upr_lens.cli.main", *args], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=None)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", nargs="?", help="the full store (default: build one in a temporary folder)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    parser.add_argument("--no-cold", action="store_true", help="skip the new-process timings")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="upr-interactive-") as scratch:
        db = Path(options.store) if options.store else build_store(Path(scratch), Path(options.shared))
        if not db.exists():
            raise SystemExit(f"{db}: no such store")
        run(db, options.repeat, not options.no_cold)


def run(db: Path, repeat: int, with_cold: bool) -> None:
    import duckdb
    from typer.testing import CliRunner

    from upr_lens.cli.main import app

    con = duckdb.connect(str(db), read_only=True)
    facts = con.execute("SELECT count(*), count(DISTINCT state_iso3) FROM recommendations").fetchone()
    con.close()
    print(f"store {db}: {facts[0]} recommendations, {facts[1]} States under review; target {TARGET:.1f} s")
    runner = CliRunner(env={"COLUMNS": "160"})
    base = warm_baseline(db, max(repeat, 5))
    base_cold = statistics.median(
        [_cold_baseline(db) for _ in range(2)]) if with_cold else float("nan")
    print(f"baselines: warm scan of recommendations {base * 1000:.1f} ms; cold process (python + duckdb + "
          f"pandas + count) {base_cold:.2f} s")
    opened = _open_time(db, max(repeat, 3))
    print(f"opening the store read-only (upr_lens.store.connect, every command does it; it reads every block "
          f"to check it): {opened:.3f} s = {opened / TARGET:.2f} × target")
    header = f"{'command':<48} {'warm s':>7} {'/target':>8} {'/scan':>8}"
    if with_cold:
        header += f" {'cold s':>7} {'/target':>8} {'/floor':>7}"
    print(header)
    worst = 0.0
    for args in COMMANDS:
        line_args = [*args, "--db", str(db)]
        seconds = warm(runner, app, line_args, repeat)
        worst = max(worst, seconds)
        line = f"{' '.join(args):<48} {seconds:7.3f} {seconds / TARGET:8.2f} {seconds / base:8.0f}"
        if with_cold:
            wall = cold(line_args)
            line += f" {wall:7.2f} {wall / TARGET:8.2f} {wall / base_cold:7.2f}"
        print(line, flush=True)
    print(f"slowest warm command: {worst:.3f} s = {worst / TARGET:.2f} × the {TARGET:.0f} s target")


def _open_time(db: Path, repeat: int) -> float:
    from upr_lens import store

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        store.connect(db, read_only=True).close()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _cold_baseline(db: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", COLD_BASELINE, str(db)], check=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
