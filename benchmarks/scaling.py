"""Scaling of the inputs that were quadratic (issue 12): time at size n and 4n, and the ratio.

    python benchmarks/scaling.py [--small 10000] [--import-rows 10000]

Linear code gives a 40k/10k ratio near 4 (quadratic: near 16). Measured:

* ``resolve_names`` on one long parenthetical of words (no commas), 10k and 40k characters;
* ``split_state_groups`` on an item with many short State groups, 10k and 40k characters;
* ``import_treaties`` of a CSV with only the required columns (instrument, iso3), 10k and 40k rows
  (into a fresh store each time).

Not a test: timings depend on the machine; the ratios are what to look at.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _timed(run, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _paren_words(n: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    words = ["France", "the", "Committee", "rights", "and", "of", "Chile", "women", "law", "Peru"]
    out = []
    length = 0
    while length < n:
        out.append(rng.choice(words))
        length += len(out[-1]) + 1
    return " ".join(out)[:n]


def _many_groups(n: int) -> str:
    item = "Adopt a law (France) "
    return (item * (n // len(item) + 1))[:n].rstrip() + " (Chile)."


def _treaty_csv(folder: Path, rows: int) -> Path:
    from upr_lens import states

    codes = [s.iso3 for s in states.all_states()]
    instruments = ["CAT", "CED", "CRPD", "ICCPR", "ICESCR", "CEDAW", "CRC", "CMW", "OPCAT"]
    path = folder / f"treaties-{rows}.csv"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("instrument,iso3\n")
        for i in range(rows):
            handle.write(f"{instruments[i % len(instruments)]},{codes[i % len(codes)]}\n")
    return path


def _import(csv: Path, folder: Path) -> float:
    from upr_lens import store
    from upr_lens.track.treaties import import_treaties

    db = folder / f"{csv.stem}.duckdb"
    con = store.connect(db)
    try:
        return _timed(lambda: import_treaties(con, csv))
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000, help="characters of the small text (large: 4x)")
    parser.add_argument("--import-rows", type=int, default=10_000, help="rows of the small treaty CSV (large: 4x)")
    args = parser.parse_args()

    from upr_lens.parse.states_in_text import resolve_names, split_state_groups

    small, large = args.small, 4 * args.small
    results = []
    resolve_names("France")  # warm-up: the State registry
    for label, make, run in (
        ("resolve_names, one parenthetical", _paren_words, resolve_names),
        ("split_state_groups, many groups", _many_groups, split_state_groups),
    ):
        a = _timed(lambda make=make, run=run: run(make(small)), repeat=3)
        b = _timed(lambda make=make, run=run: run(make(large)), repeat=3)
        results.append((label, f"{small:,} chars", a, f"{large:,} chars", b))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows_small, rows_large = args.import_rows, 4 * args.import_rows
        _import(_treaty_csv(folder, 100), folder)  # warm-up: registries, DuckDB, pandas
        a = _import(_treaty_csv(folder, rows_small), folder)
        b = _import(_treaty_csv(folder, rows_large), folder)
        results.append(("import_treaties, required columns only", f"{rows_small:,} rows", a, f"{rows_large:,} rows", b))
    print(f"{'what':42} {'small':>14} {'time':>8} {'large':>14} {'time':>8} {'ratio':>6}")
    for label, small_label, a, large_label, b in results:
        print(f"{label:42} {small_label:>14} {a:8.3f} {large_label:>14} {b:8.3f} {b / a if a else float('nan'):6.1f}")
    print("linear: ratio near 4; quadratic: near 16")


if __name__ == "__main__":
    main()
