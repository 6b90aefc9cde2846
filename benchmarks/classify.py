"""Classification benchmark: the three models together against a plain TF-IDF + linear SVM baseline, one core.

    python benchmarks/classify.py [--n 20000] [--rounds 3]

Trains the baseline (TF-IDF word 1-2-grams + LinearSVC for the action category and one LinearSVC per issue,
sklearn defaults) on UPR Info sessions 1-16, loads our three models, then in each round times, on the same
slice of texts and after clearing our models' caches (so no round reuses what an earlier one cached):

* ours: the three models through ``Classifier.classify`` (labels, scores and every reason text built, as
  `upr-lens classify` stores them), and ``classify_arrays`` (labels and scores only);
* the baseline: vectorise the texts, predict action and issues (labels only, no reason).

Prints recommendations per second and the ratio of times, ours / baseline (target: <= 1, i.e. ours with
reasons at least as fast as the baseline), per round and the median. Rounds alternate the two, so a change in
machine load hits both.
"""

from __future__ import annotations

import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"  # one core

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
UPRINFO = REPO.parent / "shared" / "upr" / "reference" / "uprinfo-sessions-1-20.csv"


def _clear_caches(classifier) -> None:
    from upr_lens.classify import risk_model, risk_rules, rule_memo

    # the per-cue-set rule decisions and reason texts (not the compiled lexicon, which loading builds once)
    risk_model._rule_summary.cache_clear()
    risk_model._named_cues.cache_clear()
    risk_rules.decide.cache_clear()
    risk_rules._decide_canonical.cache_clear()
    rule_memo.cache_clear()  # each rule's hits per the cues it reads
    classifier.risk._explain_cached.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20000, help="recommendations per measurement")
    parser.add_argument("--rounds", type=int, default=3, help="alternating measurements of ours and the baseline")
    parser.add_argument("--uprinfo", default=str(UPRINFO))
    args = parser.parse_args()
    import pandas as pd

    frame = pd.read_csv(args.uprinfo)
    distinct = frame["Text"].astype(str).drop_duplicates().tolist()
    every = distinct * (args.rounds * args.n // len(distinct) + 1)
    slices = [every[r * args.n : (r + 1) * args.n] for r in range(args.rounds)]

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer
    from sklearn.svm import LinearSVC

    train = frame[frame["Session"] <= 16].drop_duplicates("Text")
    vectorizer = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2)
    X = vectorizer.fit_transform(train["Text"].astype(str))
    action = LinearSVC().fit(X, train["Action"].astype(int))
    Y = MultiLabelBinarizer().fit_transform(train["Issue"].fillna("").str.split(","))
    issues = OneVsRestClassifier(LinearSVC()).fit(X, Y)

    start = time.perf_counter()
    from upr_lens.classify.pipeline import Classifier

    classifier = Classifier.load()
    load_seconds = time.perf_counter() - start
    classifier.classify(distinct[:200])  # import and allocate once

    rows = []
    cpu = []  # the same measurements in CPU time of this process (less moved by other processes on the machine)
    for texts in slices:
        _clear_caches(classifier)
        start, start_cpu = time.perf_counter(), time.process_time()
        classifier.classify(texts)
        with_reasons, with_reasons_cpu = time.perf_counter() - start, time.process_time() - start_cpu
        start, start_cpu = time.perf_counter(), time.process_time()
        Xt = vectorizer.transform(texts)
        action.predict(Xt)
        issues.predict(Xt)
        baseline, baseline_cpu = time.perf_counter() - start, time.process_time() - start_cpu
        _clear_caches(classifier)
        start = time.perf_counter()
        classifier.classify_arrays(texts)
        arrays = time.perf_counter() - start
        rows.append((with_reasons, arrays, baseline))
        cpu.append(with_reasons_cpu / baseline_cpu)

    n = args.n
    print(f"models: {classifier.version}")
    print(f"load time: {load_seconds:.2f} s; {n:,} recommendations per measurement, {args.rounds} rounds, cold caches")
    print("round | ours, 3 models + reasons | ours, labels+scores only | baseline TF-IDF+LinearSVC, 2 models | "
          "time ratio ours(+reasons)/baseline")
    for r, (w, a, b) in enumerate(rows, 1):
        print(f"{r:5d} | {n / w:21,.0f}/s | {n / a:21,.0f}/s | {n / b:32,.0f}/s | {w / b:.2f}")
    ratio = statistics.median(w / b for w, _, b in rows)
    ratio_arrays = statistics.median(a / b for _, a, b in rows)
    print(f"median time ratio, ours with reasons / baseline : {ratio:.2f} (target <= 1) "
          f"{'OK' if ratio <= 1 else 'MISSED'}")
    print(f"median time ratio, ours labels+scores / baseline: {ratio_arrays:.2f}")
    print(f"median CPU-time ratio, ours with reasons / baseline: {statistics.median(cpu):.2f} "
          f"(rounds {', '.join(f'{c:.2f}' for c in cpu)}; the figure above, wall time, is the target's)")


if __name__ == "__main__":
    main()
