"""How far can the action-category model go on UPR Info's labels?  The analysis behind the model card's
"Why action accuracy stops near 0.91" (figures only: nothing here feeds back into the trained models).

    python benchmarks/action_ceiling.py [--uprinfo PATH]

Prints, on the action model's own features and settings:
1. how UPR Info coded recommendations opening with "Revise" in the training and in the test sessions;
2. how often two different test texts that are nearly identical (word-feature cosine >= 0.9 / 0.8) carry the
   same action category;
3. the accuracy on each test session when the model is trained on sessions 1-16 plus the other three test
   sessions (an upper bound for "more data from the same era");
4. leave-one-session-out accuracy inside sessions 1-16.
Takes about a minute on 2 cores.
"""

from __future__ import annotations

import argparse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
UPRINFO = REPO.parent / "shared" / "upr" / "reference" / "uprinfo-sessions-1-20.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--uprinfo", default=str(UPRINFO))
    args = parser.parse_args()

    import numpy as np
    import pandas as pd
    import scipy.sparse as sp
    from sklearn.svm import LinearSVC

    from upr_lens.classify import uprinfo_models as um
    from upr_lens.classify.text_features import featurize

    df = um.load_uprinfo(args.uprinfo)
    first = df["text"].str.lower().str.extract(r"^(\w+)")[0]
    revise = df[first == "revise"]
    print("1. rows opening with 'Revise', by action category")
    print(pd.crosstab(np.where(revise["session"] <= 16, "sessions 1-16", "sessions 17-20"), revise["action"]))

    train = um._dedupe(df[df["session"].isin(um.TRAIN_SESSIONS)])
    test = um._dedupe(df[df["session"].isin(um.TEST_SESSIONS)])
    batch = featurize(train["text"].tolist(), um.ACTION_GROUPS)
    test_batch = featurize(test["text"].tolist(), um.ACTION_GROUPS)
    arts, x = um._fit_blocks(batch, um.ACTION_BLOCKS)
    vocabularies = um.block_vocabularies(arts)
    xt = um.block_matrix(vocabularies, test_batch)
    y, yt = train["action"].to_numpy(), test["action"].to_numpy()

    words = vocabularies[0][0].transform(test_batch)
    sim = sp.triu(words @ words.T, k=1, format="coo")  # each pair of different texts once
    r, c, v = sim.row, sim.col, sim.data
    print("\n2. pairs of different test texts (distinct texts) that are nearly identical")
    for low in (0.9, 0.8):
        k = v >= low
        print(f"   cosine >= {low}: {int(k.sum())} pairs, same action category {(yt[r[k]] == yt[c[k]]).mean():.3f}")

    def fit(features, labels):
        return LinearSVC(C=um.ACTION_C, random_state=0, max_iter=5000).fit(features, labels)

    print("\n3. trained on sessions 1-16 + the other three test sessions, accuracy on the held-out test session")
    sessions = test["session"].to_numpy()
    accs = []
    for s in sorted(set(sessions)):
        other = sessions != s
        model = fit(sp.vstack([x, xt[other]]), np.concatenate([y, yt[other]]))
        accs.append(float((model.predict(xt[~other]) == yt[~other]).mean()))
        print(f"   session {s}: {accs[-1]:.4f}")
    base = float((fit(x, y).predict(xt) == yt).mean())
    print(f"   mean {np.mean(accs):.4f}; trained on 1-16 only, all test sessions (distinct texts): {base:.4f}")

    print("\n4. leave one session out inside sessions 1-16")
    train_sessions = train["session"].to_numpy()
    for s in sorted(set(train_sessions)):
        held = train_sessions == s
        acc = float((fit(x[~held], y[~held]).predict(x[held]) == y[held]).mean())
        print(f"   session {s:2d}: {acc:.4f}")


if __name__ == "__main__":
    main()
