"""Cross-checks of the extraction against outside references: UPR Info's database and an older regex parse.

Neither is ground truth: UPR Info rows are human-curated (one row per recommending State), the regex
parse is noisy. The figures say how much of each reference the store covers and where they disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from upr_lens.errors import InputError

if TYPE_CHECKING:
    from pandas import DataFrame

_WORD = re.compile(r"[a-z0-9]+")
CONTAINMENT = 0.9  # share of a reference row's words (and word pairs) found in a stored text
UPRINFO_MATCH_COLUMNS = ("To", "From", "Text", "Session")  # what matching a UPR Info export needs
REGEX_PARSE_COLUMNS = ("text", "From", "file")  # what comparing with the regex parse needs


def read_reference_csv(csv_path, required, what: str):
    """A reference CSV as a DataFrame; :class:`InputError` when it cannot be read as CSV or lacks a column."""
    import pandas as pd

    try:
        frame = pd.read_csv(csv_path)
    except FileNotFoundError:
        raise InputError(f"{csv_path}: no such file") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(f"{csv_path}: not a {what} ({str(exc).splitlines()[0] if str(exc) else 'unreadable'})") \
            from exc
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise InputError(f"{csv_path}: not a {what}: no column {', '.join(map(repr, missing))} "
                         f"(columns: {', '.join(map(str, frame.columns))})")
    return frame


def normalize_text(text: str) -> str:
    """Lower-case words only: the form texts are compared in."""
    return " ".join(_WORD.findall(str(text).lower().replace("’", "'")))


@dataclass
class Coverage:
    reference_rows: int
    matched: int
    state_agrees: int
    details: DataFrame  # one row per reference row

    @property
    def rate(self) -> float:
        return self.matched / self.reference_rows if self.reference_rows else 0.0

    @property
    def state_agreement(self) -> float:
        """Share of the matched rows whose recommending State agrees."""
        return self.state_agrees / self.matched if self.matched else 0.0


def _stored(con):
    return con.execute(
        """SELECT r.rec_key, r.doc_id, r.rec_id, r.state_iso3, r.wg_session, r.text, d.source_file,
                  list(s.state_iso3) FILTER (WHERE s.state_iso3 IS NOT NULL) AS states
           FROM recommendations r JOIN documents d USING (doc_id)
           LEFT JOIN recommendation_states s USING (rec_key)
           GROUP BY ALL"""
    ).df()


def compare_regex_parse(con, csv_path) -> Coverage:
    """Share of the regex parse's (file, id) rows that the store has, and whether the State agrees."""
    import os

    from upr_lens import states as registry

    ref = read_reference_csv(csv_path, REGEX_PARSE_COLUMNS, "regex parse (CSV: text, From, file)")
    ids = ref["text"].astype(str).str.extract(r"^\s*(\d{1,3})\s?\.\s?(\d{1,3})")
    ref["rec_id"] = ids[0].astype("Int64").astype(str) + "." + ids[1].astype("Int64").astype(str)
    ref = ref[ids[0].notna()].copy()
    stored = _stored(con)
    stored["file"] = stored["source_file"].map(os.path.basename)
    merged = ref.merge(stored[["file", "rec_id", "states", "text"]], on=["file", "rec_id"], how="left",
                       suffixes=("_ref", ""))
    merged["matched"] = merged["states"].notna()

    def agrees(row) -> bool:
        if not row["matched"]:
            return False
        state = registry.resolve(str(row["From"]))
        return state is not None and state.iso3 in list(row["states"])

    merged["state_agrees"] = merged.apply(agrees, axis=1)
    covered_files = set(stored["file"])
    merged = merged[merged["file"].isin(covered_files)]
    return Coverage(len(merged), int(merged["matched"].sum()), int(merged["state_agrees"].sum()), merged)


def match_uprinfo(con, csv_path, min_score: float = 0.6, keep_all: bool = False,
                  required=UPRINFO_MATCH_COLUMNS) -> Coverage:
    """Match UPR Info rows to stored recommendations of the same review (State under review + WG session)
    by text similarity (TF-IDF cosine over words), and check the recommending State.

    The figures count the rows of reviews whose report is stored; with *keep_all* the details also hold
    the other rows (``review_stored`` False). A file without the *required* columns, or whose Session
    column holds something else than session numbers, is an :class:`InputError`."""
    import numpy as np
    import pandas as pd
    from sklearn.feature_extraction.text import TfidfVectorizer

    from upr_lens import states as registry

    ref = read_reference_csv(csv_path, required, "UPR Info export (CSV: To, Text, From, Response, Session, ...)")
    sessions = pd.to_numeric(ref["Session"], errors="coerce")
    if sessions.isna().any() or (sessions % 1 != 0).any():
        bad = ref["Session"][sessions.isna() | (sessions % 1 != 0)].iloc[0]
        raise InputError(f"{csv_path}: the Session column holds {bad!r}, not a Working Group session number")
    ref["Session"] = sessions.astype(int)
    ref["to_iso3"] = ref["To"].map(lambda n: getattr(registry.resolve(n), "iso3", None))
    ref["from_iso3"] = ref["From"].map(lambda n: getattr(registry.resolve(n), "iso3", None))
    stored = _stored(con)
    reviews = set(zip(stored["state_iso3"], stored["wg_session"]))
    ref["review_stored"] = [(t, s) in reviews for t, s in zip(ref["to_iso3"], ref["Session"])]
    everything = ref
    ref = ref[ref["review_stored"]].copy()
    ref["rec_key"] = None
    ref["score"] = 0.0
    vectorizer = TfidfVectorizer(preprocessor=normalize_text, ngram_range=(1, 2), sublinear_tf=True)
    vectorizer.fit(pd.concat([stored["text"], ref["Text"].astype(str)]))
    parts = con.execute(
        """SELECT p.rec_key, r.state_iso3, r.wg_session, p.text FROM recommendation_parts p
           JOIN recommendations r USING (rec_key) WHERE r.n_parts > 1"""
    ).df()
    # a UPR Info row is one recommending State's wording: compare it with whole items and with parts
    targets = pd.concat([stored[["rec_key", "state_iso3", "wg_session", "text"]], parts], ignore_index=True)
    state_sets = {k: set(v) if hasattr(v, "__len__") else set() for k, v in zip(stored["rec_key"], stored["states"])}
    candidate_states = targets["rec_key"].map(lambda k: state_sets.get(k, set()))
    for (iso3, session), group in ref.groupby(["to_iso3", "Session"]):
        candidates = targets[(targets["state_iso3"] == iso3) & (targets["wg_session"] == session)]
        if candidates.empty:
            continue
        a = vectorizer.transform(group["Text"].astype(str))
        b = vectorizer.transform(candidates["text"])
        sims = (a @ b.T).toarray()
        # UPR Info often splits an item that several States worded together into one row per State:
        # such a row is a fragment of the stored text, so containment of its words also counts
        a_bin, b_bin = (a > 0).astype(np.float32), (b > 0).astype(np.float32)
        sizes = np.maximum(np.asarray(a_bin.sum(axis=1)).ravel(), 1)
        contained = (a_bin @ b_bin.T).toarray() / sizes[:, None]
        contained[sizes < 8] = 0  # too short to trust containment
        score = np.maximum(sims, np.where(contained >= CONTAINMENT, np.maximum(sims, min_score), 0))
        # identical wordings by several States: prefer the candidate that names the row's State
        names_state = np.array([[f in c for c in candidate_states.loc[candidates.index]] for f in group["from_iso3"]])
        best = (score + 0.01 * names_state).argmax(axis=1)
        ref.loc[group.index, "rec_key"] = candidates["rec_key"].to_numpy()[best]
        ref.loc[group.index, "score"] = score[np.arange(len(best)), best]
    ref["matched"] = ref["score"] >= min_score
    ref["state_agrees"] = [
        bool(m) and f in state_sets.get(k, set())
        for m, f, k in zip(ref["matched"], ref["from_iso3"], ref["rec_key"])
    ]
    coverage = Coverage(len(ref), int(ref["matched"].sum()), int(ref["state_agrees"].sum()), ref)
    if keep_all:
        rest = everything[~everything["review_stored"]].assign(rec_key=None, score=0.0, matched=False,
                                                                state_agrees=False)
        coverage.details = pd.concat([ref, rest]).sort_index()
    return coverage
