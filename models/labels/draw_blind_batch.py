"""Draw a blind batch of UPR Info recommendation texts for hand labelling (issue 11's hold-out).

Deterministic: the same inputs, seed and size give the same draw. The candidates are the distinct UPR Info
texts (sessions 1-20, column ``Text``, 25-700 characters, compared lower-cased with whitespace collapsed, as the
model compares them) that are in none of the dev set, ``own-labels.csv`` and ``blind-holdout.csv``. About 70% are
drawn from texts a deliberately broad accountability screen matches (many will turn out NOT to be RF2) and the
rest from the other texts, so that the batch measures both RF2 recall on accountability asks and false RF2 on
texts that merely share their words.

    python models/labels/draw_blind_batch.py --out /tmp/batch7.csv            # batch 7: seed 7, 120 texts

The output has the columns of ``blind-holdout.csv`` with empty labels and ``(batch N)`` in ``labeler_note``;
label every row by hand (codebook v1.2) before any model sees it, then append the rows to blind-holdout.csv.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
SCREEN = re.compile(
    r"investigat|prosecut|impunity|perpetrator|accountab|amnest|transitional justice|truth|reparation"
    r"|to justice|\btrials?\b|tribunal|rome statute|\bicc\b",
    re.IGNORECASE,
)
COLUMNS = ["text_sha1", "text", "risk_factors", "indicators", "labeler_note"]


def norm_key(text: str) -> str:
    return " ".join(text.lower().split())


def _texts(path: Path, column: str) -> list[str]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [row[column] for row in csv.DictReader(fh)]


def draw(uprinfo_csv: Path, exclude_csvs: list[Path], n: int, share_screened: float, seed: int) -> list[str]:
    excluded = {norm_key(t) for p in exclude_csvs for t in _texts(p, "text")}
    seen: set[str] = set()
    screened: list[str] = []
    others: list[str] = []
    for text in _texts(uprinfo_csv, "Text"):
        text = " ".join(text.split())
        key = norm_key(text)
        if not 25 <= len(text) <= 700 or key in excluded or key in seen:
            continue
        seen.add(key)
        (screened if SCREEN.search(text) else others).append(text)
    screened.sort()
    others.sort()
    rng = random.Random(seed)
    n_screened = round(n * share_screened)
    return rng.sample(screened, n_screened) + rng.sample(others, n - n_screened)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--uprinfo", type=Path, default=SHARED / "upr" / "reference" / "uprinfo-sessions-1-20.csv")
    ap.add_argument("--dev", type=Path, default=SHARED / "atrocity" / "risk-factor-dev.csv")
    ap.add_argument("--batch", type=int, default=7)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-n", type=int, default=120)
    ap.add_argument("--share-screened", type=float, default=0.7)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    exclude = [args.dev, HERE / "own-labels.csv", HERE / "blind-holdout.csv"]
    texts = draw(args.uprinfo, exclude, args.n, args.share_screened, args.seed)
    with args.out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        for t in texts:
            w.writerow([hashlib.sha1(t.encode()).hexdigest(), t, "", "", f"(batch {args.batch})"])
    print(f"{len(texts)} texts ({round(args.n * args.share_screened)} screened) -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
