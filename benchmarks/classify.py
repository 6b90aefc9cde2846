"""Classification benchmark: all three models together, one core, after load.

    python benchmarks/classify.py [--n 20000]

Prints the load time, recommendations per second for the three models together (labels and scores; and
with every reason text built, as `upr-lens classify` stores them), and the same for a
plain TF-IDF + linear SVM baseline (action + issues) trained in the same run, so the ratio is measured on
this machine at this moment. Target: >= 20,000 recommendations/s for the three models together.
"""

from __future__ import annotations

import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"  # one core

import argparse  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
UPRINFO = REPO.parent / "shared" / "upr" / "reference" / "uprinfo-sessions-1-20.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20000, help="recommendations to classify")
    parser.add_argument("--uprinfo", default=str(UPRINFO))
    args = parser.parse_args()
    import pandas as pd

    frame = pd.read_csv(args.uprinfo)
    every = frame["Text"].astype(str).tolist()
    every = every * (2 * args.n // len(every) + 1)
    # two disjoint halves, so the second measurement does not reuse what the first one cached
    texts, other_texts = every[: args.n], every[args.n : 2 * args.n]

    start = time.perf_counter()
    from upr_lens.classify.pipeline import Classifier

    classifier = Classifier.load()
    load_seconds = time.perf_counter() - start
    classifier.classify(texts[:200])  # warm caches
    start = time.perf_counter()
    classifier.classify_arrays(texts)
    ours = len(texts) / (time.perf_counter() - start)
    start = time.perf_counter()
    classifier.classify(other_texts)
    with_reasons = len(other_texts) / (time.perf_counter() - start)

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer
    from sklearn.svm import LinearSVC

    train = frame[frame["Session"] <= 16].drop_duplicates("Text")
    vectorizer = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2)
    X = vectorizer.fit_transform(train["Text"].astype(str))
    action = LinearSVC().fit(X, train["Action"].astype(int))
    binarizer = MultiLabelBinarizer()
    Y = binarizer.fit_transform(train["Issue"].fillna("").str.split(","))
    issues = OneVsRestClassifier(LinearSVC()).fit(X, Y)
    start = time.perf_counter()
    Xt = vectorizer.transform(texts)
    action.predict(Xt)
    issues.predict(Xt)
    baseline = len(texts) / (time.perf_counter() - start)

    print(f"models: {classifier.version}")
    print(f"load time                              : {load_seconds:.2f} s")
    print(f"three models together, one core        : {ours:,.0f} recommendations/s (target >= 20,000) "
          f"{'OK' if ours >= 20000 else 'MISSED'}  [labels and scores]")
    print(f"  the same with every reason text built   : {with_reasons:,.0f} recommendations/s")
    print(f"baseline TF-IDF + linear SVM, 2 models : {baseline:,.0f} recommendations/s")
    print(f"ratio ours / baseline                  : {ours / baseline:.2f}")


if __name__ == "__main__":
    main()
