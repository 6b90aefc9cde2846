"""Cross-checks of the extraction against outside references: UPR Info's database and an older regex parse.

Neither is ground truth: UPR Info rows are human-curated (one row per recommending State), the regex
parse is noisy. The figures say how much of each reference the store covers and where they disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from upr_lens.errors import InputError

if TYPE_CHECKING:
    from pandas import DataFrame

_WORD = re.compile(r"[a-z0-9]+")
CONTAINMENT = 0.9  # share of a reference row's words (and word pairs) found in a stored text
UPRINFO_MATCH_COLUMNS = ("To", "From", "Text", "Session")  # what matching a UPR Info export needs
# the database's own export (the file UPR Info's site writes) names the columns differently, and twice:
# SuR;Rgrp;Org;Recommendation;RS;Rgrp;Org;Response;Action;Issue;Session → the names used here
UPRINFO_EXPORT_HEADER = ("SuR", "Rgrp", "Org", "Recommendation", "RS", "Rgrp", "Org", "Response", "Action", "Issue",
                         "Session")
UPRINFO_COLUMNS = ("To", "To-Rgrp", "To-Org", "Text", "From", "From-Rgrp", "From-Org", "Response", "Action", "Issue",
                   "Session")
REVIEW_SHARE = 0.8  # rows of a review not stored: this share must match one stored review of the session
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


def read_uprinfo_csv(csv_path, required, what: str):
    """A UPR Info CSV as a DataFrame with the columns of :data:`UPRINFO_COLUMNS`, in either format: the
    comma-separated one (To, Text, From, ...) or the database's own export (semicolon-separated, byte order
    mark, CRLF, the header of :data:`UPRINFO_EXPORT_HEADER`). State names are stripped (the export ends some
    with a newline)."""
    import csv

    import pandas as pd

    try:
        with open(csv_path, encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
    except FileNotFoundError:
        raise InputError(f"{csv_path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{csv_path}: not a {what} (not UTF-8 text)") from exc
    header = next(csv.reader([first], delimiter=";"), [])
    if tuple(h.strip() for h in header) == UPRINFO_EXPORT_HEADER:
        try:
            frame = pd.read_csv(csv_path, sep=";", encoding="utf-8-sig", header=0, names=list(UPRINFO_COLUMNS),
                                dtype={"Text": str, "To": str, "From": str})
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError) as exc:
            raise InputError(f"{csv_path}: not a {what} ({str(exc).splitlines()[0] if str(exc) else 'unreadable'})") \
                from exc
    else:
        frame = read_reference_csv(csv_path, required, what)
    for column in ("To", "From"):
        if column in frame.columns:
            frame[column] = frame[column].map(lambda v: v.strip() if isinstance(v, str) else v)
    return frame


def normalize_text(text: str) -> str:
    """Lower-case words only: the form texts are compared in."""
    return " ".join(_WORD.findall(str(text).lower().replace("’", "'")))


def matching_text(text: str) -> str:
    """:func:`normalize_text` with each treaty the text names written as its instrument's full name: UPR Info
    abbreviates ("Sign ICRMW", "Accede to CAT") what reports spell out ("the International Convention on the
    Protection of the Rights of All Migrant Workers and Members of Their Families"), and the other way round.
    The instruments are those :func:`upr_lens.track.treaty_mentions.find_treaties` recognises."""
    return _matching_text(str(text))


@lru_cache(maxsize=1)
def _instrument_names() -> dict[str, str]:
    from upr_lens.track.treaty_mentions import INSTRUMENTS

    return {inst.id: inst.name for inst in INSTRUMENTS}


@lru_cache(maxsize=200_000)
def _matching_text(text: str) -> str:
    from upr_lens.track.treaty_mentions import find_treaties

    pieces, last = [], 0
    for mention in find_treaties(text):
        if mention.start < last:
            continue
        pieces += [text[last:mention.start], f" {_instrument_names()[mention.instrument]} "]
        last = mention.end
    pieces.append(text[last:])
    return normalize_text("".join(pieces))


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
        """SELECT r.rec_key, r.doc_id, r.rec_id, r.state_iso3, r.wg_session, r.text, d.source_file, r.n_parts,
                  list(s.state_iso3) FILTER (WHERE s.state_iso3 IS NOT NULL) AS states
           FROM recommendations r JOIN documents d USING (doc_id)
           LEFT JOIN recommendation_states s USING (rec_key)
           WHERE d.doc_type <> 'uprinfo_review'  -- the documents' recommendations, not those a UPR Info import made
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

    A row whose review (as UPR Info names it) has no stored document may still belong to a stored review:
    UPR Info files the 33 recommendations the Sudan report of 2011 addresses to Southern Sudan under
    "South Sudan", which was not reviewed then. Such a group of rows (one State, one session) is matched
    against every stored review of the session, and when at least :data:`REVIEW_SHARE` of its rows match
    recommendations of one review, its rows belong to that review (``review_iso3``) and count as rows of
    stored reviews; otherwise they stay rows of a review without documents (``review_stored`` False).

    The figures count the rows of stored reviews (``review_stored``); with *keep_all* the details also
    hold the other rows. ``rec_key`` is set only for matched rows (score at least *min_score*). A file
    without the *required* columns, or whose Session column holds something else than session numbers,
    is an :class:`InputError`. Both UPR Info formats are read (:func:`read_uprinfo_csv`)."""
    import pandas as pd
    from sklearn.feature_extraction.text import TfidfVectorizer

    from upr_lens import states as registry

    ref = read_uprinfo_csv(csv_path, required, "UPR Info export (CSV: To, Text, From, Response, Session, ...)")
    sessions = pd.to_numeric(ref["Session"], errors="coerce")
    if sessions.isna().any() or (sessions % 1 != 0).any():
        bad = ref["Session"][sessions.isna() | (sessions % 1 != 0)].iloc[0]
        raise InputError(f"{csv_path}: the Session column holds {bad!r}, not a Working Group session number")
    ref["Session"] = sessions.astype(int)
    ref["Text"] = ref["Text"].fillna("").astype(str)
    ref["to_iso3"] = ref["To"].map(lambda n: getattr(registry.resolve(n), "iso3", None))
    ref["from_iso3"] = ref["From"].map(lambda n: getattr(registry.resolve(n), "iso3", None))
    stored = _stored(con)
    reviews = set(zip(stored["state_iso3"], stored["wg_session"]))
    ref["review_stored"] = [(t, s) in reviews for t, s in zip(ref["to_iso3"], ref["Session"])]
    ref["review_iso3"] = ref["to_iso3"].where(ref["review_stored"], None)
    ref["rec_key"] = None
    ref["part_index"] = None
    ref["score"] = 0.0
    every_text = pd.concat([stored["text"], ref["Text"]])
    vectorizer = TfidfVectorizer(preprocessor=normalize_text, ngram_range=(1, 2), sublinear_tf=True)
    vectorizer.fit(every_text)
    # second pass, only for rows the words as printed leave below the threshold: treaties by full name
    by_treaty_name = TfidfVectorizer(preprocessor=matching_text, ngram_range=(1, 2), sublinear_tf=True)
    by_treaty_name.fit(every_text)
    parts = con.execute(
        """SELECT p.rec_key, r.state_iso3, r.wg_session, p.text, p.part_index FROM recommendation_parts p
           JOIN recommendations r USING (rec_key) WHERE r.n_parts > 1"""
    ).df()
    # a UPR Info row is one recommending State's wording: compare it with whole items and with parts
    # the part a row matched (a whole item of one part: part 1; of several parts: NULL, the part is unknown)
    whole = stored[["rec_key", "state_iso3", "wg_session", "text"]].assign(
        part_index=[1 if n == 1 else None for n in stored["n_parts"]])
    targets = pd.concat([whole, parts], ignore_index=True)
    state_sets = {k: set(v) if hasattr(v, "__len__") else set() for k, v in zip(stored["rec_key"], stored["states"])}
    candidate_states = targets["rec_key"].map(lambda k: state_sets.get(k, set()))
    review_of = dict(zip(stored["rec_key"], stored["state_iso3"]))
    matcher = _Matcher((vectorizer, by_treaty_name), targets, candidate_states, min_score)
    named = ref[ref["review_stored"]]
    for (iso3, session), group in named.groupby(["to_iso3", "Session"]):
        keys, part_indexes, scores = matcher.best(
            group, (targets["state_iso3"] == iso3) & (targets["wg_session"] == session))
        ref.loc[group.index, "rec_key"] = keys
        ref.loc[group.index, "part_index"] = part_indexes
        ref.loc[group.index, "score"] = scores
    # rows of reviews not stored: do they belong to another stored review of the same session?
    others = ref[~ref["review_stored"]]
    for (_, session), group in others.groupby([others["to_iso3"].fillna(others["To"].astype(str)), "Session"]):
        keys, part_indexes, scores = matcher.best(group, targets["wg_session"] == session)
        matched = [k if sc >= min_score else None for k, sc in zip(keys, scores)]
        found = pd.Series([review_of.get(k) for k in matched if k is not None], dtype=object)
        if found.empty:
            continue
        review, count = found.value_counts().index[0], int(found.value_counts().iloc[0])
        if count < REVIEW_SHARE * len(group):
            continue  # scattered matches (common wordings): a review of its own, without documents
        same = [k is not None and review_of.get(k) == review for k in matched]
        ref.loc[group.index, "review_stored"] = True
        ref.loc[group.index, "review_iso3"] = review
        ref.loc[group.index, "rec_key"] = [k if ok else None for k, ok in zip(matched, same)]
        ref.loc[group.index, "part_index"] = [p if ok else None for p, ok in zip(part_indexes, same)]
        ref.loc[group.index, "score"] = [sc if ok else 0.0 for sc, ok in zip(scores, same)]
    ref["matched"] = ref["review_stored"] & (ref["score"] >= min_score)
    ref.loc[~ref["matched"], ["rec_key", "part_index"]] = None  # a row below the threshold gives nothing
    ref["state_agrees"] = [
        bool(m) and f in state_sets.get(k, set())
        for m, f, k in zip(ref["matched"], ref["from_iso3"], ref["rec_key"])
    ]
    kept = ref[ref["review_stored"]].copy()
    coverage = Coverage(len(kept), int(kept["matched"].sum()), int(kept["state_agrees"].sum()), kept)
    if keep_all:
        coverage.details = ref
    return coverage


class _Matcher:
    """Each UPR Info row's best stored recommendation (whole item or part) among a set of candidates.

    Texts are compared as printed first; a row that stays below the threshold is compared again with each
    treaty written as its instrument's full name (:func:`matching_text`), and takes that match when it
    reaches the threshold. (Comparing every row that way would let a row's treaty name outweigh the rest
    of its wording and move rows already matched to another item naming the same treaty.)"""

    def __init__(self, vectorizers, targets, candidate_states, min_score: float) -> None:
        self.vectorizers, self.targets, self.candidate_states = vectorizers, targets, candidate_states
        self.min_score = min_score

    def best(self, group, mask) -> tuple[list, list, list[float]]:
        """(rec_key, part_index, score) of each row's best candidate among the targets selected by *mask*."""
        import numpy as np

        candidates = self.targets[mask]
        if candidates.empty:
            return [None] * len(group), [None] * len(group), [0.0] * len(group)
        states = self.candidate_states.loc[candidates.index]
        names_state = np.array([[f in c for c in states] for f in group["from_iso3"]])
        best, scores = self._best(self.vectorizers[0], group["Text"], candidates["text"], names_state)
        low = scores < self.min_score
        for vectorizer in self.vectorizers[1:]:
            if not low.any():
                break
            again, again_scores = self._best(vectorizer, group["Text"][low], candidates["text"], names_state[low])
            take = again_scores >= self.min_score
            rows = np.flatnonzero(low)[take]
            best[rows], scores[rows] = again[take], again_scores[take]
            low = scores < self.min_score
        parts = [None if p != p or p is None else int(p) for p in candidates["part_index"].to_numpy()[best]]
        return list(candidates["rec_key"].to_numpy()[best]), parts, [float(x) for x in scores]

    def _best(self, vectorizer, texts, candidate_texts, names_state):
        import numpy as np

        a = vectorizer.transform(texts)
        b = vectorizer.transform(candidate_texts)
        sims = (a @ b.T).toarray()
        # UPR Info often splits an item that several States worded together into one row per State:
        # such a row is a fragment of the stored text, so containment of its words also counts
        a_bin, b_bin = (a > 0).astype(np.float32), (b > 0).astype(np.float32)
        sizes = np.maximum(np.asarray(a_bin.sum(axis=1)).ravel(), 1)
        contained = (a_bin @ b_bin.T).toarray() / sizes[:, None]
        contained[sizes < 8] = 0  # too short to trust containment
        score = np.maximum(sims, np.where(contained >= CONTAINMENT, np.maximum(sims, self.min_score), 0))
        # identical wordings by several States: prefer the candidate that names the row's State
        best = (score + 0.01 * names_state).argmax(axis=1)
        return best, score[np.arange(len(best)), best]
