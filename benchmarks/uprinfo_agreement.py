"""Does the store's per-State supported share agree with UPR Info's accepted share, review by review?

    python benchmarks/uprinfo_agreement.py --db STORE [--uprinfo PATH] [--tolerance 0.02] [--out details.csv]

STORE must hold the UPR Info file PATH imported (``upr-lens import-uprinfo PATH``): the rows are compared
with the review the import put them in (UPR Info's "South Sudan, session 11" rows are Sudan's). For every
review the file covers: UPR Info's share (accepted rows / rows) and the store's (supported / decided
recommending-State rows, as ``upr-lens state`` counts them in its per_cycle_rows table), the difference,
and, for each review whose difference exceeds the tolerance, why (:func:`upr_lens.track.pair_positions.
uprinfo_agreement`). Prints the share of reviews that agree and the list of those that do not.
"""

from __future__ import annotations

import argparse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
UPRINFO = REPO.parent / "shared" / "upr" / "reference" / "uprinfo-sessions-1-20.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--uprinfo", default=str(UPRINFO))
    parser.add_argument("--tolerance", type=float, default=0.02)
    parser.add_argument("--out", help="write every review's figures to this CSV")
    args = parser.parse_args()

    from upr_lens import store
    from upr_lens.track.pair_positions import uprinfo_agreement

    con = store.connect(args.db, read_only=True)
    try:
        table = uprinfo_agreement(con, args.uprinfo, tolerance=args.tolerance)
    finally:
        con.close()
    agree = int(table["agrees"].sum())
    print(f"{agree} of {len(table)} reviews ({agree / len(table):.1%}): per-State supported share within "
          f"{args.tolerance * 100:g} points of UPR Info's accepted share")
    whole = table["pairs_whole"] == 0
    print(f"  of the {int(whole.sum())} reviews where UPR Info's rows decide every recommendation: "
          f"{int(table.loc[whole, 'agrees'].sum())} agree")
    print("reviews that do not (store - UPR Info, in points):")
    for row in table[~table["agrees"]].itertuples():
        print(f"  {row.state_iso3} session {row.wg_session}: UPR Info {row.uprinfo_accepted}/{row.uprinfo_rows} "
              f"({row.uprinfo_share:.1%}), store {row.pairs_supported}/{row.pairs_decided} ({row.store_share:.1%}), "
              f"{row.difference * 100:+.1f}: {row.reason}")
    if args.out:
        table.to_csv(args.out, index=False)
        print(f"details → {args.out}")


if __name__ == "__main__":
    main()
