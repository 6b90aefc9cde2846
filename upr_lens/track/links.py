"""Cross-cycle links: the recommendations a State received in other cycles that ask for the same thing.

For each recommendation, :func:`link_cycles` finds the closest recommendations the same State received in
each earlier and later cycle. Closeness is the cosine of TF-IDF vectors (words and word pairs; each
treaty mention is first replaced by its instrument id, so "OP-CAT" and "the Optional Protocol to the
Convention against Torture" are the same word), fitted on that State's recommendations of all cycles, so
a State's links do not depend on what else is in the store. To the cosine are added:

- ``SAME_ASK_BONUS`` when both ask to ratify the same instrument,
- ``SAME_INSTRUMENT_BONUS`` when they only name the same instrument,
- minus ``RATIFICATION_MISMATCH_PENALTY`` when both ask to ratify treaties but not the same one: a
  ratification link requires the same instrument ("ratify the ICRMW" and "ratify the CED" share most of
  their words). The penalty exceeds any cosine, so such a pair is never ``repeated``, however similar the
  wording. (When only one of the two is a ratification ask the other may still repeat it, e.g. "ratify the
  OP-CAT" and "set up the preventive mechanism of the OP-CAT": on the labelled pairs below, excluding
  those too lowers recall from 0.58 to 0.52 for a precision of 0.96 instead of 0.94.)

A ratification link is thus made by instrument, not by wording: its cosine can be low ("accede to the ICRMW"
and "consider ratifying the International Convention on ... Migrant Workers"); its reason names the
instrument ("same ratification ask: ICRMW").

A later link is ``repeated`` (the later recommendation asks for the same thing again) when that score is
at least :data:`THRESHOLD`; every such later recommendation is linked, beyond the ``top`` closest. The
threshold and weights were set on the hand-labelled pairs in ``tests/data/link_pairs.csv``
(:func:`evaluate_links` measures precision and recall on them; :func:`choose_threshold` is the rule).
On those pairs a shared ratification ask separates perfectly (27 pairs, all repeats) and two different
ratification asks never repeat (20 pairs), hence the bonus and the penalty; wording alone is weaker.

:func:`noted_then_repeated` answers a narrower question by instrument, not by wording: which ratification
asks a State noted in one cycle were made again in a later cycle.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from upr_lens.track.positions import FINAL_POSITIONS_SQL

__all__ = [
    "LINK_COLUMNS",
    "NOTED_COLUMNS",
    "SAME_ASK_BONUS",
    "THRESHOLD",
    "choose_threshold",
    "evaluate_links",
    "link_cycles",
    "noted_then_repeated",
    "store_links",
]

# set on tests/data/link_pairs.csv (167 pairs, 16 States, cycle 1 → 2, labelled by reading them) with
# choose_threshold: the lowest threshold with precision ≥ 0.9 there. At 0.25: precision 0.94, recall 0.58
# (48 of 83 linked pairs); five-fold cross-validation of that choice: precision 0.89, recall 0.60.
THRESHOLD = 0.25
SAME_ASK_BONUS = 0.3  # ≥ THRESHOLD: asking again to ratify the same instrument is always a repeat
SAME_INSTRUMENT_BONUS = 0.05
OTHER_INSTRUMENT_PENALTY = 0.2  # kept for compatibility; see RATIFICATION_MISMATCH_PENALTY
RATIFICATION_MISMATCH_PENALTY = 1.0  # > any cosine: two ratification asks repeat only with a same instrument
TOP = 3  # links kept per recommendation and other cycle

LINK_COLUMNS = [
    "rec_key", "state_iso3", "cycle", "linked_rec_key", "linked_cycle", "direction", "rank", "similarity",
    "score", "shared_instruments", "repeated", "reason",
]

# function words only: "not", "all", "further", numbers and the like carry meaning in an ask
_STOP = frozenset("""a an the of to and or in on at by for with from as its it their this that these those be
is are was were been being which who whom whose such into within under upon than then so also including
inter alia""".split())


def _recommendations(con, iso3: str | None = None):
    sql = f"""
        SELECT r.rec_key, r.state_iso3, r.cycle, r.symbol, r.rec_id, r.text,
               coalesce(f.position, 'pending') AS position
        FROM recommendations r
        LEFT JOIN ({FINAL_POSITIONS_SQL}) f
            USING (rec_key)
        WHERE r.cycle IS NOT NULL AND r.text IS NOT NULL AND r.state_iso3 IS NOT NULL
    """
    params = []
    if iso3:
        sql += " AND r.state_iso3 = ?"
        params.append(iso3)
    return con.execute(sql + " ORDER BY r.state_iso3, r.cycle, r.symbol, r.paragraph, r.item", params).df()


def _normalized(text: str, mentions) -> str:
    """Lower-case text with each treaty mention replaced by its instrument's id as one word."""
    out, last = [], 0
    for m in mentions:
        if m.start < last:  # a span naming two instruments: both ids, once
            out.append(" inst" + re.sub(r"\W", "", m.instrument).lower() + " ")
            continue
        out.append(text[last:m.start])
        out.append(" inst" + re.sub(r"\W", "", m.instrument).lower() + " ")
        last = m.end
    out.append(text[last:])
    return "".join(out).lower()


class _StateModel:
    """One State's recommendations: TF-IDF rows and the instruments each names / asks to ratify."""

    def __init__(self, frame):
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        from upr_lens.track.treaties import find_treaties, ratification_mentions

        self.frame = frame.reset_index(drop=True)
        texts, self.named, self.ratify = [], [], []
        for text in self.frame["text"]:
            mentions = find_treaties(text)
            self.named.append(frozenset(m.instrument for m in mentions))
            self.ratify.append(frozenset(m.instrument for m in ratification_mentions(text, mentions)))
            texts.append(_normalized(text, mentions))
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b",
                                     stop_words=list(_STOP))
        try:
            self.matrix = vectorizer.fit_transform(texts)
        except ValueError:  # nothing but stop words
            from scipy.sparse import csr_matrix

            self.matrix = csr_matrix((len(texts), 1))
        self.cycles = self.frame["cycle"].to_numpy()
        self.keys = self.frame["rec_key"].tolist()
        self.index = {k: i for i, k in enumerate(self.keys)}
        ids = sorted(set().union(*self.named)) if self.named else []
        column = {inst: j for j, inst in enumerate(ids)}
        self.named_matrix = np.zeros((len(texts), max(len(ids), 1)), dtype=np.float32)
        self.ratify_matrix = np.zeros_like(self.named_matrix)
        for i, (named, ratify) in enumerate(zip(self.named, self.ratify)):
            for inst in named:
                self.named_matrix[i, column[inst]] = 1
            for inst in ratify:
                self.ratify_matrix[i, column[inst]] = 1

    def scores(self, rows, cols):
        """(cosine, score) matrices between the recommendations at *rows* and at *cols*."""
        import numpy as np

        cosine = (self.matrix[rows] @ self.matrix[cols].T).toarray()
        same_ask = (self.ratify_matrix[rows] @ self.ratify_matrix[cols].T) > 0
        same_named = (self.named_matrix[rows] @ self.named_matrix[cols].T) > 0
        asks_a = self.ratify_matrix[rows].any(axis=1)[:, None]
        asks_b = self.ratify_matrix[cols].any(axis=1)[None, :]
        bonus = np.where(same_ask, SAME_ASK_BONUS, np.where(same_named, SAME_INSTRUMENT_BONUS, 0.0))
        penalty = np.where(asks_a & asks_b & ~same_ask, RATIFICATION_MISMATCH_PENALTY, 0.0)
        return cosine, cosine + bonus - penalty

    def reason(self, i: int, j: int, cosine: float, score: float, threshold: float) -> tuple[str, str]:
        shared_ask = sorted(self.ratify[i] & self.ratify[j])
        shared = sorted(self.named[i] & self.named[j])
        names = [_short(x) for x in (shared_ask or shared)]
        parts = []
        if shared_ask:
            parts.append(f"same ratification ask: {', '.join(names)}")
        elif shared:
            parts.append(f"same instrument: {', '.join(names)}")
        elif self.ratify[i] and self.ratify[j]:
            parts.append("ratification asks of other instruments")
        parts.append(f"similarity {cosine:.2f}")
        if abs(score - cosine) > 1e-9:
            parts.append(f"score {score:.2f}")
        if self.cycles[j] > self.cycles[i]:
            parts.append(("≥" if score >= threshold else "<") + f" {threshold:.2f}")
        return "; ".join(parts), ", ".join(names)


def _models(con, state: str | None):
    from upr_lens import states as registry

    iso3 = registry.lookup(state).iso3 if state else None
    frame = _recommendations(con, iso3)
    for code, group in frame.groupby("state_iso3", sort=True):
        if group["cycle"].nunique() > 1:
            yield code, _StateModel(group)


def _models_of(con, codes):
    for code in codes:
        yield from _models(con, code)


def link_cycles(con, state: str | None = None, top: int = TOP, threshold: float | None = None):
    """Links between each recommendation and its *top* closest recommendations in every other cycle of the
    same State (all States, or one), as a DataFrame (columns :data:`LINK_COLUMNS`)."""
    import numpy as np
    import pandas as pd

    threshold = THRESHOLD if threshold is None else threshold
    rows = []
    for code, model in _models(con, state):
        cycles = sorted(set(model.cycles.tolist()))
        for c in cycles:
            mine = np.flatnonzero(model.cycles == c)
            for d in cycles:
                if d == c:
                    continue
                other = np.flatnonzero(model.cycles == d)
                cosine, score = model.scores(mine, other)
                k = min(top, len(other))
                order = np.argsort(-score, axis=1, kind="stable")
                later = d > c
                for a, i in enumerate(mine):
                    # the top links, and every later recommendation that repeats the ask however many there are
                    n = k if not later else max(k, int((score[a] >= threshold).sum()))
                    for rank, b in enumerate(order[a, :n], 1):
                        j = other[b]
                        s, cs = float(score[a, b]), float(cosine[a, b])
                        reason, shared = model.reason(i, j, cs, s, threshold)
                        rows.append({
                            "rec_key": model.keys[i], "state_iso3": code, "cycle": int(c),
                            "linked_rec_key": model.keys[j], "linked_cycle": int(d),
                            "direction": "later" if later else "earlier", "rank": rank,
                            "similarity": round(cs, 4), "score": round(s, 4), "shared_instruments": shared,
                            "repeated": bool(later and s >= threshold), "reason": reason,
                        })
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def store_links(con, state: str | None = None, top: int = TOP, threshold: float | None = None) -> int:
    """Compute :func:`link_cycles` and store it in ``cycle_links`` (replacing the earlier links of the same
    States) in one transaction; returns the number of links stored."""
    import datetime as dt

    from upr_lens.store import insert_rows, transaction

    threshold = THRESHOLD if threshold is None else threshold
    frame = link_cycles(con, state, top=top, threshold=threshold)
    now = dt.datetime.now()
    rows = frame.to_dict(orient="records")
    for row in rows:
        row["threshold"] = threshold
        row["linked_at"] = now
    with transaction(con):
        if state:
            from upr_lens import states as registry

            con.execute("DELETE FROM cycle_links WHERE state_iso3 = ?", [registry.lookup(state).iso3])
        else:
            con.execute("DELETE FROM cycle_links")
        insert_rows(con, "cycle_links", rows)
    return len(rows)


NOTED_COLUMNS = ["rec_key_a", "rec_key_b", "state_iso3", "cycle_a", "cycle_b", "instruments", "position_a",
                 "position_b", "similarity", "text_a", "text_b"]


def noted_then_repeated(con, state: str, positions: Sequence[str] = ("noted",)):
    """Ratification asks the State *state* noted in one cycle and received again in a later cycle: one row
    per (earlier recommendation, later recommendation) asking to ratify at least one same instrument."""
    import numpy as np
    import pandas as pd


    rows = []
    for code, model in _models(con, state):
        frame = model.frame
        asked = [i for i in range(len(frame)) if model.ratify[i]]
        for i in asked:
            if frame.at[i, "position"] not in positions:
                continue
            later = [j for j in asked if model.cycles[j] > model.cycles[i] and model.ratify[i] & model.ratify[j]]
            if not later:
                continue
            cosine, _ = model.scores(np.array([i]), np.array(later))
            for b, j in enumerate(later):
                shared = sorted(model.ratify[i] & model.ratify[j])
                rows.append({
                    "rec_key_a": model.keys[i], "rec_key_b": model.keys[j], "state_iso3": code,
                    "cycle_a": int(model.cycles[i]), "cycle_b": int(model.cycles[j]),
                    "instruments": ", ".join(_short(x) for x in shared),
                    "position_a": frame.at[i, "position"], "position_b": frame.at[j, "position"],
                    "similarity": round(float(cosine[0, b]), 4), "text_a": frame.at[i, "text"],
                    "text_b": frame.at[j, "text"],
                })
    return pd.DataFrame(rows, columns=NOTED_COLUMNS)


# ------------------------------------------------------------------------------------------- evaluation


def _prf(pairs) -> dict:
    tp = int((pairs["predicted"] & pairs["linked"]).sum())
    fp = int((pairs["predicted"] & ~pairs["linked"]).sum())
    fn = int((~pairs["predicted"] & pairs["linked"]).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": int(len(pairs) - tp - fp - fn), "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4)}


MIN_PRECISION = 0.9  # how THRESHOLD is chosen: the lowest threshold whose precision reaches this


def choose_threshold(scores, linked, candidates, min_precision: float = MIN_PRECISION) -> float:
    """The lowest candidate threshold at which "repeated" is right at least *min_precision* of the time on
    the labelled pairs (most recall for that precision); the best F1 when none reaches it."""
    import numpy as np

    scores = np.nan_to_num(np.asarray(scores, dtype=float), nan=-9.0)
    linked = np.asarray(linked, dtype=bool)
    best, best_f1 = None, -1.0
    for t in sorted(candidates):
        predicted = scores >= t
        tp = int((predicted & linked).sum())
        fp = int((predicted & ~linked).sum())
        fn = int((~predicted & linked).sum())
        if tp and tp / (tp + fp) >= min_precision:
            return float(t)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best_f1:
            best, best_f1 = t, f1
    return float(best) if best is not None else THRESHOLD


def evaluate_links(pairs_csv, con, threshold: float | None = None, top: int = TOP, folds: int = 5,
                   seed: int = 0) -> dict:
    """Precision and recall of ``repeated`` on hand-labelled pairs (columns rec_key_a, rec_key_b, text_a,
    text_b, linked (1/0), note; rec_key_a earlier than rec_key_b), with the store *con* holding both
    reports of each pair. A pair counts as predicted when :func:`link_cycles` links a to b as repeated.

    Also returns a threshold sweep, a cross-validated estimate (the threshold chosen by best F1 on the
    other folds, measured on each held-out fold) and the precision/recall of :func:`noted_then_repeated`
    (its domain: pairs whose first recommendation the store records as noted and whose note is tagged
    ``[ratify]``, i.e. the labeller read it as a ratification ask)."""
    import numpy as np
    import pandas as pd

    threshold = THRESHOLD if threshold is None else threshold
    pairs = pd.read_csv(pairs_csv, dtype={"rec_key_a": str, "rec_key_b": str, "note": str})
    pairs["linked"] = pairs["linked"].astype(int).astype(bool)
    pairs["note"] = pairs["note"].fillna("")
    keys = list(set(pairs["rec_key_a"]) | set(pairs["rec_key_b"]))
    stored = con.execute(
        "SELECT rec_key, state_iso3, coalesce(f.position, 'pending') FROM recommendations r LEFT JOIN "
        f"({FINAL_POSITIONS_SQL}) f USING "
        "(rec_key) WHERE list_contains(?, rec_key)", [keys]).fetchall()
    state_of = {k: s for k, s, _ in stored}
    position_of = {k: p for k, _, p in stored}
    present = pairs["rec_key_a"].isin(state_of.keys()) & pairs["rec_key_b"].isin(state_of.keys())
    missing = int((~present).sum())
    pairs = pairs[present].reset_index(drop=True)
    # a later recommendation is marked repeated exactly when its score reaches the threshold (link_cycles
    # keeps every such link, beyond the top ones), so the pair's score decides
    scores = np.full(len(pairs), np.nan)
    noted_found = set()
    for iso3, model in _models_of(con, sorted({state_of[k] for k in pairs["rec_key_a"]})):
        for n, (a, b) in enumerate(zip(pairs["rec_key_a"], pairs["rec_key_b"])):
            if a in model.index and b in model.index and model.cycles[model.index[b]] > model.cycles[model.index[a]]:
                scores[n] = float(model.scores([model.index[a]], [model.index[b]])[1][0, 0])
        found = noted_then_repeated(con, iso3)
        noted_found |= set(zip(found["rec_key_a"], found["rec_key_b"]))
    pairs["score"] = scores
    pairs["predicted"] = ~np.isnan(scores) & (np.nan_to_num(scores, nan=-9) >= threshold)
    result = {"pairs": len(pairs) + missing, "evaluated": len(pairs), "missing": missing, "positives":
              int(pairs["linked"].sum()), "threshold": threshold, **_prf(pairs)}
    candidates = [round(float(x), 3) for x in np.arange(0.05, 0.601, 0.025)]
    sweep = []
    for t in candidates:
        pairs["predicted"] = ~np.isnan(scores) & (np.nan_to_num(scores, nan=-9) >= t)
        sweep.append({"threshold": t, **_prf(pairs)})
    result["sweep"] = sweep
    result["chosen_threshold"] = choose_threshold(scores, pairs["linked"].to_numpy(), candidates)
    # cross-validated: choose the threshold on k-1 folds, measure on the held-out one
    rng = np.random.default_rng(seed)
    fold = rng.permutation(len(pairs)) % folds
    predicted = np.zeros(len(pairs), dtype=bool)
    linked = pairs["linked"].to_numpy()
    for k in range(folds):
        train, test = fold != k, fold == k
        t = choose_threshold(scores[train], linked[train], candidates)
        predicted[test] = ~np.isnan(scores[test]) & (np.nan_to_num(scores[test], nan=-9) >= t)
    pairs["predicted"] = predicted
    result["cross_validated"] = _prf(pairs)
    # noted_then_repeated on the same pairs
    pairs["predicted"] = [(a, b) in noted_found for a, b in zip(pairs["rec_key_a"], pairs["rec_key_b"])]
    domain = pairs[[position_of[a] == "noted" and "[ratify]" in note
                    for a, note in zip(pairs["rec_key_a"], pairs["note"])]]
    tp = int((pairs["predicted"] & pairs["linked"]).sum())
    fp = int((pairs["predicted"] & ~pairs["linked"]).sum())
    tp_domain = int((domain["predicted"] & domain["linked"]).sum())
    fn = int((~domain["predicted"] & domain["linked"]).sum())
    result["noted_then_repeated"] = {
        "predicted": tp + fp, "tp": tp, "fp": fp, "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
        "domain_pairs": len(domain), "domain_positives": int(domain["linked"].sum()), "domain_tp": tp_domain,
        "fn": fn, "recall": round(tp_domain / (tp_domain + fn), 4) if tp_domain + fn else 0.0,
    }
    pairs["predicted"] = ~np.isnan(scores) & (np.nan_to_num(scores, nan=-9) >= threshold)
    result["details"] = pairs
    return result


def _short(instrument_id: str) -> str:
    """An instrument's short name (its id when the registry does not know it)."""
    from upr_lens.track.treaties import instrument

    found = instrument(instrument_id)
    return found.short if found else instrument_id
