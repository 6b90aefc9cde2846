"""Rule layer for the atrocity-risk lens: cue lexicon, matchers and the codebook's decision rules.

A recommendation is first reduced to the set of *cues* it contains (treaties, mechanisms, protected groups,
kinds of conduct, verbs such as "ratify" or "investigate"). The decision rules then turn that set into risk
factors (RF1-RF14) with indicator ids and a reason, encoding the codebook: the direct-link test, the group gate,
the topics that are not atrocity-relevant by default (death penalty, detention conditions, domestic violence,
trafficking, LGBTI equality, human rights education, ...) and the decision table for frequent UPR topics.

Two matchers find the cues and must agree:

* :func:`match_cues_spacy` - the reference implementation: ``spacy.blank("en")`` plus a ``PhraseMatcher`` on
  ``LOWER``, built once, lazily;
* :func:`match_cues` / :func:`match_cues_batch` - the fast path: the same phrase list compiled into one
  trie-shaped regular expression (leftmost-longest, on token-like boundaries), used for batch prediction.

Both return the cues with the first surface form found; overlapping matches are resolved leftmost-longest.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .cue_lexicon import packaged_cues

__all__ = [
    "CUES",
    "RuleHit",
    "RuleResult",
    "cue_label",
    "decide",
    "lexicon_digest",
    "match_cues",
    "match_cues_batch",
    "match_cues_spacy",
    "normalize",
    "apply_rules",
    "apply_rules_batch",
]

# ---------------------------------------------------------------------------------------------------------------
# Lexicon: cue ids, labels and phrases are data (upr_lens/data/risk_cues.jsonl, validated by cue_lexicon).
# ---------------------------------------------------------------------------------------------------------------

PHRASES: dict[str, str] = packaged_cues().phrase_to_cue  # phrase -> cue id
CUES: dict[str, str] = packaged_cues().labels  # cue id -> human label


def lexicon_digest() -> str:
    """Digest of the loaded lexicon (sorted phrase/cue pairs); a trained model records it."""
    return packaged_cues().digest()


def cue_label(cid: str) -> str:
    return CUES[cid]


def normalize(text: str) -> str:
    """Lower-case, unify quotes, drop commas, semicolons, brackets and dangling hyphens, collapse whitespace.

    Both matchers (regex and spaCy) see this text, so they tokenise it the same way. (Written as guarded
    ``str.replace`` calls: this runs once per text on the hot path.)
    """
    t = text.lower()
    for a, b in _REPLACE:
        if a in t:
            t = t.replace(a, b)
    if "-" in t:
        t = t.replace("- ", " ").replace(" -", " ")
    return " ".join(t.split())


_REPLACE = (
    (",", " "), (";", " "), ("(", " "), (")", " "), ("[", " "), ("]", " "),
    ("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u00a0", " "),
)  # fmt: skip


# ---------------------------------------------------------------------------------------------------------------
# Fast matcher: one trie-shaped regex, leftmost-longest, token-like boundaries.
# ---------------------------------------------------------------------------------------------------------------


def _trie_regex(words: Iterable[str]) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(ch) + walk(sub) for ch, sub in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a phrase ends here: the longer continuation is optional (greedy, so longest first)
            return "(?:" + body + ")?"
        return body

    return walk(trie)


_END = r"(?!\w)"
_START = r"(?<!\w)"


@lru_cache(maxsize=1)
def _compiled() -> re.Pattern:
    body = _trie_regex(sorted(PHRASES))
    return re.compile(_START + "(" + body + ")" + _END)


def _scan(pattern: re.Pattern, text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in pattern.finditer(text):
        s = m.group(1)
        cid = PHRASES.get(s)
        if cid is None:  # a longer phrase's trie branch matched a prefix without a boundary; cannot happen
            continue
        found.setdefault(cid, s)
    return found


def match_cues(text: str) -> dict[str, str]:
    """Cue id -> first matched phrase (fast regex path)."""
    return _scan(_compiled(), normalize(text))


def match_cues_batch(texts: Sequence[str]) -> list[dict[str, str]]:
    pat = _compiled()
    return [_scan(pat, normalize(t)) for t in texts]


# ---------------------------------------------------------------------------------------------------------------
# Reference matcher: spaCy blank English + PhraseMatcher on LOWER (built once, lazily).
# ---------------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _spacy_pipeline():
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_cue: dict[str, list[str]] = {}
    for phrase, cid in PHRASES.items():
        by_cue.setdefault(cid, []).append(phrase)
    for cid, phrases in by_cue.items():
        matcher.add(cid, list(nlp.tokenizer.pipe(phrases)))
    return nlp, matcher


def match_cues_spacy(text: str) -> dict[str, str]:
    """Cue id -> first matched phrase, found with spaCy's PhraseMatcher (leftmost-longest, like the regex)."""
    nlp, matcher = _spacy_pipeline()
    doc = nlp.make_doc(normalize(text))
    spans = [(s, e) for _, s, e in matcher(doc)]
    spans.sort(key=lambda x: (x[0], -x[1]))
    found: dict[str, str] = {}
    last_end = 0
    for s, e in spans:
        if s < last_end:
            continue
        phrase = doc[s:e].text
        cid = PHRASES.get(phrase)
        if cid is None:  # tokens matched but the surface has other spacing; look up by token text
            cid = PHRASES.get(" ".join(t.text for t in doc[s:e]))
        if cid is None:
            continue
        last_end = e
        found.setdefault(cid, phrase)
    return found


# ---------------------------------------------------------------------------------------------------------------
# Decision rules (codebook sections 2-5 and the section 8 rulings), over the set of cue ids.
# ---------------------------------------------------------------------------------------------------------------


class RuleHit(NamedTuple):
    rf: int
    indicator: str | None
    cue: str  # cue id that carried the decision
    note: str = ""

    def reason(self, surfaces: dict[str, str] | None = None) -> str:
        word = (surfaces or {}).get(self.cue) or CUES.get(self.cue, self.cue)
        tail = f" → {self.indicator}" if self.indicator else ""
        note = f" ({self.note})" if self.note else ""
        return f'RF{self.rf}: "{word}"{tail}{note}'


@dataclass(frozen=True)
class RuleResult:
    risk_factors: tuple[int, ...]
    indicators: tuple[str, ...]
    hits: tuple[RuleHit, ...]
    cues: dict[str, str]  # cue id -> first surface form

    def reason(self) -> str:
        seen, parts = set(), []
        for h in self.hits:
            key = (h.rf, h.indicator, h.cue)
            if key not in seen:
                seen.add(key)
                parts.append(h.reason(self.cues))
        return "; ".join(parts)


REL_TREATIES = (
    "t_rome", "t_icc", "t_statutory", "t_genocide", "t_cat", "t_opcat", "t_icpped", "t_geneva", "t_iccpr",
    "t_iccpr_op1", "t_icerd", "t_opac", "t_refugee", "t_stateless", "t_ilo169", "t_kampala", "t_weapons", "t_att",
    "t_regional",
)  # fmt: skip
VIOLATIONS = (
    "v_torture", "v_judicial_cp", "v_disappear", "v_killing", "v_force", "v_arbitrary", "v_political", "v_serious",
    "v_atrocity",
)  # fmt: skip
GENERIC_VIOLATIONS = ("v_serious", "v_atrocity")  # "stop" them only when the text says so
# conduct whose investigation, redress or criminalisation is atrocity-relevant (beyond the RF2 violations)
CONDUCT = VIOLATIONS + ("w_child_soldiers", "w_hostilities", "e_crsv", "x_sterilization", "x_collective_pun",
                        "w_weapons", "e_hate_crime", "e_militia", "x_camps")  # fmt: skip
GROUPS = ("g_minority", "g_ethnic", "g_indigenous", "g_roma", "g_african_descent", "g_religious", "g_named")
STRONG_CONFLICT = ("w_ihl", "w_occupation", "w_hostilities", "w_child_soldiers", "w_weapons", "e_crsv")
CIVIC = ("s_hrd", "s_journalists", "s_expression", "s_assembly")
CONFLICT_ANY = STRONG_CONFLICT + ("w_armed_conflict", "w_armed_groups")


# Cues that never produce a decision on their own or together with other cues of this set (verified for all
# singles, pairs and triples by tests/test_risk_factors.py): a cue set made only of them decides nothing.
MODIFIER_ONLY = frozenset({
    "c_contractors", "c_disarm_verb", "e_hate_weak", "g_discrimination", "g_land", "g_language", "g_plan",
    "g_stateless", "i_hre_school", "i_judicial_generic", "k_capacity", "k_context_ref", "k_recs", "k_temporal",
    "k_threat", "m_grievance", "n_decrim", "n_development", "n_domestic_violence", "n_generic", "n_harmful",
    "n_neutral", "n_religious_leaders", "n_trafficking", "n_vulnerable", "n_women", "p_contribute", "r_projects",
    "r_vote", "r_voter_ed", "s_dialogue_weak", "s_info", "s_ngo_weak", "s_un_weak", "s_upr", "t_att", "t_cat",
    "t_core", "t_iccpr", "t_iccpr_op1", "t_iccpr_op2", "t_icerd", "t_icpped", "t_ilo169", "t_its_op", "t_kampala",
    "t_opcat", "t_other", "t_refugee", "t_regional", "t_stateless", "t_statutory", "t_weapons", "v_denial",
    "v_political_weak", "v_security_forces", "x_child_removal", "x_settlement_weak", "x_sterilization",
    "y_humanitarian_emergency", "y_protest", "y_separatism",
})  # fmt: skip


# For each modifier cue: the other cues in whose presence it can change a decision (derived by
# `_derive_links`, checked against every real cue set we have). Modifiers whose partners are all absent
# are dropped from the cache key, so more recommendations share one decision.
_LINKS: dict[str, frozenset[str]] = {
    "c_contractors": frozenset({
        "e_crsv", "v_arbitrary", "v_atrocity", "v_disappear", "v_force", "v_judicial_cp", "v_killing", "v_political",
        "v_serious", "v_torture", "w_armed_conflict", "w_armed_groups", "w_child_soldiers", "w_hostilities", "w_ihl",
        "w_occupation", "w_weapons",
    }),
    "c_disarm_verb": frozenset({"e_militia", "w_armed_groups"}),
    "e_hate_weak": frozenset({
        "g_african_descent", "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma",
    }),
    "g_discrimination": frozenset({
        "g_african_descent", "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma",
    }),
    "g_land": frozenset({
        "a_prevent", "g_african_descent", "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious",
        "g_roma", "s_refugee_weak",
    }),
    "g_language": frozenset({
        "g_african_descent", "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma",
    }),
    "g_plan": frozenset({
        "g_african_descent", "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma",
        "s_early_warning",
    }),
    "g_stateless": frozenset({
        "g_african_descent", "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma",
    }),
    "i_hre_school": frozenset({
        "g_african_descent", "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma",
    }),
    "i_judicial_generic": frozenset(),
    "k_capacity": frozenset({"a_investigate", "i_justice_actors"}),
    "k_context_ref": frozenset({"s_special_proc"}),
    "k_recs": frozenset({"s_coi", "s_special_proc"}),
    "k_temporal": frozenset({"a_investigate", "r_coup", "r_elections_weak"}),
    "k_threat": frozenset({
        "a_impunity", "a_investigate", "g_african_descent", "g_ethnic", "r_elections", "r_elections_weak",
        "s_assembly", "s_civil_society", "s_expression",
    }),
    "m_grievance": frozenset({
        "g_african_descent", "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma",
    }),
    "n_decrim": frozenset(),
    "n_development": frozenset({"a_prevent", "s_refugee_weak"}),
    "n_domestic_violence": frozenset({"a_impunity", "a_reparation", "a_train", "a_victim_support"}),
    "n_generic": frozenset({"s_reporting"}),
    "n_harmful": frozenset({"a_impunity", "a_reparation", "a_train", "a_victim_support"}),
    "n_neutral": frozenset({"c_arms"}),
    "n_religious_leaders": frozenset({"g_african_descent", "k_attack"}),
    "n_trafficking": frozenset({"a_impunity", "a_reparation", "a_train", "a_victim_support", "s_ohchr"}),
    "n_vulnerable": frozenset({"a_prevent", "s_refugee_weak"}),
    "n_women": frozenset(),
    "p_contribute": frozenset({"k_attack", "p_peacekeeping"}),
    "r_projects": frozenset({
        "g_african_descent", "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma", "r_fpic",
    }),
    "r_vote": frozenset({
        "g_african_descent", "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma",
    }),
    "r_voter_ed": frozenset({"r_elections", "r_elections_weak"}),
    "s_dialogue_weak": frozenset({
        "g_african_descent", "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma",
        "s_early_warning",
    }),
    "s_info": frozenset(),
    "s_ngo_weak": frozenset({
        "e_humanitarian_access", "s_assembly", "s_civil_society", "s_expression", "s_hrd", "s_journalists",
    }),
    "s_un_weak": frozenset(),
    "s_upr": frozenset({"s_cooperate"}),
    "t_att": frozenset({"a_harmonize", "a_ratify"}),
    "t_cat": frozenset({"a_harmonize", "a_ratify", "i_indiv_complaints"}),
    "t_core": frozenset({"a_ratify", "v_arbitrary"}),
    "t_iccpr": frozenset({"a_harmonize", "a_ratify", "e_terror", "i_indiv_complaints"}),
    "t_iccpr_op1": frozenset({"a_harmonize", "a_ratify"}),
    "t_iccpr_op2": frozenset(),
    "t_icerd": frozenset({"a_harmonize", "a_ratify", "i_indiv_complaints"}),
    "t_icpped": frozenset({"a_harmonize", "a_ratify", "i_indiv_complaints"}),
    "t_ilo169": frozenset({"a_harmonize", "a_ratify"}),
    "t_its_op": frozenset({"a_harmonize", "a_ratify"}),
    "t_kampala": frozenset({"a_harmonize", "a_ratify"}),
    "t_opcat": frozenset({"a_harmonize", "a_monitor", "a_ratify", "i_npm"}),
    "t_other": frozenset({"a_ratify", "v_arbitrary"}),
    "t_refugee": frozenset({"a_harmonize", "a_ratify"}),
    "t_regional": frozenset({"a_harmonize", "a_ratify"}),
    "t_stateless": frozenset({"a_harmonize", "a_ratify"}),
    "t_statutory": frozenset({"a_harmonize", "a_ratify"}),
    "t_weapons": frozenset({"a_harmonize", "a_ratify"}),
    "v_denial": frozenset({"v_atrocity", "v_serious", "v_trans_justice"}),
    "v_political_weak": frozenset({"a_criminalize", "k_attack", "v_arbitrary", "v_arrest", "v_political"}),
    "v_security_forces": frozenset({"a_train", "e_sexual_violence"}),
    "x_child_removal": frozenset({
        "g_african_descent", "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma",
    }),
    "x_settlement_weak": frozenset({"w_occupation"}),
    "x_sterilization": frozenset({
        "a_impunity", "a_investigate", "a_redress", "a_reparation", "a_victim_support", "g_african_descent",
        "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma",
    }),
    "y_humanitarian_emergency": frozenset({"e_hum_access", "e_humanitarian_access", "e_humanitarian_aid"}),
    "y_protest": frozenset(),
    "y_separatism": frozenset(),
}  # fmt: skip


def _first(cues: frozenset[str], *names: str) -> str | None:
    return next(filter(cues.__contains__, names), None)


@lru_cache(maxsize=65_536)
def decide(cues: frozenset[str]) -> tuple[RuleHit, ...]:
    """Codebook decision rules over a set of cue ids -> ordered rule hits (RF, indicator, cue)."""
    if cues <= MODIFIER_ONLY:
        return ()
    links = _LINKS
    return _decide_canonical(frozenset(c for c in cues if c not in links or not links[c].isdisjoint(cues)))


@lru_cache(maxsize=65_536)
def _decide_canonical(cues: frozenset[str]) -> tuple[RuleHit, ...]:
    return _decide_full(cues)


def _derive_links() -> dict[str, frozenset[str]]:
    """Recompute ``_LINKS`` (about 20 s): test each modifier against every trigger, trigger pair and modifier pair."""
    mods = sorted(MODIFIER_ONLY)
    trig = sorted(set(CUES) - MODIFIER_ONLY)
    f = _decide_full
    link: dict[str, set[str]] = {m: set() for m in mods}
    for t in trig:
        base = f(frozenset([t]))
        for m in mods:
            if f(frozenset([t, m])) != base:
                link[m].add(t)
        for m, m2 in itertools.combinations(mods, 2):
            both = f(frozenset([t, m, m2]))
            if both != f(frozenset([t, m])):
                link[m2].add(t)
            if both != f(frozenset([t, m2])):
                link[m].add(t)
    for t1, t2 in itertools.combinations(trig, 2):
        base = f(frozenset([t1, t2]))
        for m in mods:
            if f(frozenset([t1, t2, m])) != base and not (t1 in link[m] or t2 in link[m]):
                link[m].update((t1, t2))
    return {m: frozenset(v) for m, v in link.items()}


def _decide_full(cues: frozenset[str]) -> tuple[RuleHit, ...]:
    hits: list[RuleHit] = []

    def add(rf: int, ind: str | None, cue: str | None, note: str = "") -> None:
        if cue is not None:
            hits.append(RuleHit(rf, ind, cue, note))

    def has(*names: str) -> bool:
        return not cues.isdisjoint(names)

    def first(*names: str) -> str | None:
        return next(filter(cues.__contains__, names), None)

    # ---- context ------------------------------------------------------------------------------------------
    nhri_context = ("i_nhri" in cues) or (("i_nhri_weak" in cues) and (not cues.isdisjoint(("i_hr_content", "t_icc"))))
    rome = ("t_rome" if "t_rome" in cues else None) or (
        ("t_icc" if "t_icc" in cues else None) if not nhri_context else None
    )
    rel = (
        []
        if cues.isdisjoint(REL_TREATIES)
        else [t for t in REL_TREATIES if t in cues and not (t == "t_icc" and rome != "t_icc")]
    )
    op1 = ("t_iccpr_op1" if "t_iccpr_op1" in cues else None) or (
        ("t_its_op" if "t_its_op" in cues else None) if ("t_iccpr" in cues) else None
    )
    group = None if cues.isdisjoint(GROUPS) else next(filter(cues.__contains__, GROUPS), None)
    lgbti = "n_lgbti" in cues
    viol = [] if cues.isdisjoint(VIOLATIONS) else [v for v in VIOLATIONS if v in cues]
    conduct = (None if cues.isdisjoint(CONDUCT) else next(filter(cues.__contains__, CONDUCT), None)) or (
        ("k_attack" if "k_attack" in cues else None) if group else None
    )
    investigate = (
        None
        if cues.isdisjoint(("a_investigate", "a_impunity"))
        else next(filter(cues.__contains__, ("a_investigate", "a_impunity")), None)
    )
    ratifying = bool(rel or (not cues.isdisjoint(("t_core", "t_other")))) and ("a_ratify" in cues)
    conflict = None if cues.isdisjoint(CONFLICT_ANY) else next(filter(cues.__contains__, CONFLICT_ANY), None)
    strong_conflict = (
        None if cues.isdisjoint(STRONG_CONFLICT) else next(filter(cues.__contains__, STRONG_CONFLICT), None)
    )
    security = "v_security_forces" if "v_security_forces" in cues else None
    trained_actor = (
        None
        if cues.isdisjoint(("v_security_forces", "i_justice_actors"))
        else next(filter(cues.__contains__, ("v_security_forces", "i_justice_actors")), None)
    )
    trivial_training = (not cues.isdisjoint(("n_domestic_violence", "n_trafficking", "n_harmful"))) and not (
        viol or ("i_hr_content" in cues)
    )
    training = ("a_train" in cues) and trained_actor is not None and not trivial_training
    armed_actor = (
        None
        if cues.isdisjoint(("w_armed_groups", "e_militia", "w_armed_conflict", "c_private_military"))
        else next(
            filter(cues.__contains__, ("w_armed_groups", "e_militia", "w_armed_conflict", "c_private_military")), None
        )
    ) or (security if "a_train" not in cues else None)
    displaced_ctx = (
        None
        if cues.isdisjoint(("e_displacement", "s_refugee", "s_refugee_weak", "e_camps"))
        else next(filter(cues.__contains__, ("e_displacement", "s_refugee", "s_refugee_weak", "e_camps")), None)
    )
    detention_ctx = (
        None
        if cues.isdisjoint(("n_detention_conditions", "v_arbitrary"))
        else next(filter(cues.__contains__, ("n_detention_conditions", "v_arbitrary")), None)
    )

    # ---- treaties (RF3 3.1 for ratification / harmonisation) ----------------------------------------------
    if rel and (not cues.isdisjoint(("a_ratify", "a_harmonize"))):
        for t in rel:
            add(3, "3.1", t, "treaty")
        if op1 or ("i_indiv_complaints" in cues):
            add(3, "3.6", op1 or "i_indiv_complaints", "individual complaints")
            add(6, "6.7", op1 or "i_indiv_complaints")
        if "t_weapons" in cues:
            add(3, "3.8", "t_weapons")
        if "t_att" in cues:
            add(5, "5.1", "t_att")
        if ("t_icerd" in cues) and ("a_harmonize" in cues):
            add(9, "9.1", "t_icerd")
        if rome and (("a_harmonize" in cues) or (("s_cooperate" in cues) and ("k_law" in cues))):
            add(2, "2.3", rome, "domesticating the Rome Statute")
    elif ("i_indiv_complaints" in cues) and (
        not cues.isdisjoint(("a_ratify", "s_committees", "t_cat", "t_icerd", "t_icpped", "t_iccpr"))
    ):
        add(3, "3.6", "i_indiv_complaints")
        add(6, "6.7", "i_indiv_complaints")
    if "t_geneva" in cues:
        add(13, None, "t_geneva", "Geneva Conventions named")
    if (
        rome
        and "a_ratify" not in cues
        and (not cues.isdisjoint(("s_cooperate", "s_tribunal", "a_investigate", "a_harmonize", "k_law")))
    ):
        add(2, "2.3", rome, "cooperation with the ICC")
    if ("s_tribunal" in cues) and "a_ratify" not in cues:
        add(2, "2.3", "s_tribunal")
    if ("t_uncac" in cues) and (not cues.isdisjoint(("a_ratify", "a_harmonize"))):
        add(3, "3.5", "t_uncac")

    # ---- serious violations (RF2) -------------------------------------------------------------------------
    crim = "a_criminalize" in cues
    mon = not cues.isdisjoint(("a_monitor", "i_npm"))
    redress = "a_redress" in cues
    if conduct and investigate:
        add(2, "2.3", investigate, f"accountability for {CUES[conduct]}")
    if conduct and redress:
        add(2, "2.3", "a_redress")
        add(3, "3.6", "a_redress", "remedy for victims")
    if viol or (not cues.isdisjoint(("w_child_soldiers", "w_weapons"))):
        if crim and "v_political" not in cues:
            add(
                3, "3.1", "a_criminalize", f"{CUES[viol[0] if viol else first('w_child_soldiers', 'w_weapons')]} in law"
            )
    if viol:
        v0 = viol[0]
        only_dp = ("n_death_penalty" in cues) and all(v in GENERIC_VIOLATIONS for v in viol)
        if mon:
            add(
                3,
                "3.6",
                (
                    None
                    if cues.isdisjoint(("a_monitor", "i_npm"))
                    else next(filter(cues.__contains__, ("a_monitor", "i_npm")), None)
                ),
                "independent monitoring",
            )
        concrete = [v for v in viol if v not in GENERIC_VIOLATIONS]
        prevent = "a_prevent" in cues
        stop = False
        if only_dp or training:
            stop = False
        elif ratifying and not investigate:
            stop = prevent and bool(concrete)
        elif concrete:
            stop = prevent or not (investigate or redress or crim or mon)
        else:
            stop = prevent and not investigate
        if stop:
            add(2, "2.1", concrete[0] if concrete else v0)
        if ("v_political" in cues) and not ratifying:
            add(1, "1.6", "v_political")
            add(2, "2.1", "v_political")
    if ("v_political_weak" in cues) and (
        not cues.isdisjoint(("v_arrest", "v_arbitrary", "k_attack", "a_criminalize", "v_political"))
    ):
        add(1, "1.6", "v_political_weak", "repression of political opponents")
        add(
            2,
            "2.1",
            (
                None
                if cues.isdisjoint(("v_arrest", "v_arbitrary", "k_attack", "a_criminalize", "v_political"))
                else next(
                    filter(cues.__contains__, ("v_arrest", "v_arbitrary", "k_attack", "a_criminalize", "v_political")),
                    None,
                )
            ),
        )
    if ("v_arrest" in cues) and not viol and has(*CIVIC, "s_protest", "n_lgbti") and "n_death_penalty" not in cues:
        add(2, "2.1", "v_arrest", "arrests for exercising rights")
    if "x_profiling_group" in cues:
        add(12, "12.2", "x_profiling_group")
        add(9, "9.1", "x_profiling_group")
    if not cues.isdisjoint(("x_camps", "x_political_camps")):
        camp = (
            None
            if cues.isdisjoint(("x_political_camps", "x_camps"))
            else next(filter(cues.__contains__, ("x_political_camps", "x_camps")), None)
        )
        add(2, "2.1", camp)
        add(7, "7.10", camp)
        add(12, "12.2", camp)
        if "x_political_camps" in cues:
            add(1, "1.6", "x_political_camps")
        if ("v_force" in cues) and ("a_train" in cues):
            add(3, "3.7", "a_train", "use-of-force training")
        if ("v_atrocity" in cues) and (not cues.isdisjoint(("a_criminalize", "a_harmonize"))) and not ratifying:
            add(3, "3.1", "v_atrocity", "atrocity crimes in law")
            add(2, "2.3", "v_atrocity")
        if lgbti and (not cues.isdisjoint(("v_killing", "v_torture", "v_arbitrary"))):
            add(7, "7.8", "n_lgbti", "violence against a population")
    elif investigate == "a_impunity" and not (
        not cues.isdisjoint(("n_domestic_violence", "n_trafficking", "n_harmful", "i_corruption"))
    ):
        add(2, "2.3", "a_impunity")
    if mon and not viol and (detention_ctx or (not cues.isdisjoint(("t_opcat", "v_torture")))):
        add(
            3,
            "3.6",
            (
                None
                if cues.isdisjoint(("a_monitor", "i_npm"))
                else next(filter(cues.__contains__, ("a_monitor", "i_npm")), None)
            ),
            "independent monitoring of detention",
        )
    if "v_universal_jur" in cues:
        add(3, "3.1", "v_universal_jur")
        add(2, "2.3", "v_universal_jur")
    if "v_trans_justice" in cues:
        add(2, "2.7", "v_trans_justice")
    if ("v_denial" in cues) and (not cues.isdisjoint(("v_atrocity", "v_trans_justice", "v_serious"))):
        add(2, "2.6", "v_denial")
    if ("v_glorify" in cues) and (not cues.isdisjoint(("v_atrocity", "v_serious", "m_extremism", "w_post_conflict"))):
        add(8, "8.12", "v_glorify")
        add(2, "2.6", "v_glorify")
    # reparations / victim support (ruling 6)
    dv_only = (not cues.isdisjoint(("n_domestic_violence", "n_trafficking", "n_harmful"))) and not (viol or conflict)
    past_violence = conduct or conflict or (not cues.isdisjoint(("w_post_conflict", "v_trans_justice", "a_impunity")))
    if "a_reparation_programme" in cues:
        add(4, "4.9", "a_reparation_programme")
        add(2, "2.7", "a_reparation_programme", "reparations programme")
    elif ("a_reparation" in cues) and not dv_only and past_violence:
        add(4, "4.9", "a_reparation")
        if conflict or (not cues.isdisjoint(("w_post_conflict", "v_trans_justice", "v_serious", "v_atrocity"))):
            add(2, "2.7", "a_reparation")
    elif ("a_victim_support" in cues) and not dv_only and past_violence and "w_child_soldiers" not in cues:
        add(4, "4.9", "a_victim_support")

    # ---- death penalty exception --------------------------------------------------------------------------
    if ("n_death_penalty" in cues) and (("n_mass_trials" in cues) or ("v_political" in cues) or (group and not lgbti)):
        add(
            2,
            "2.1",
            (
                None
                if cues.isdisjoint(("n_mass_trials", "v_political", "n_death_penalty"))
                else next(filter(cues.__contains__, ("n_mass_trials", "v_political", "n_death_penalty")), None)
            ),
            "executions targeting a group",
        )
        add(7, "7.8", "n_death_penalty")

    # ---- RF3 institutions ---------------------------------------------------------------------------------
    if nhri_context:
        add(
            3,
            "3.2",
            (
                None
                if cues.isdisjoint(("i_nhri", "i_nhri_weak"))
                else next(filter(cues.__contains__, ("i_nhri", "i_nhri_weak")), None)
            ),
            "NHRI",
        )
        add(
            3,
            "3.6",
            (
                None
                if cues.isdisjoint(("i_nhri", "i_nhri_weak"))
                else next(filter(cues.__contains__, ("i_nhri", "i_nhri_weak")), None)
            ),
        )
    if "i_npm" in cues:
        add(3, "3.6", "i_npm", "NPM")
    if "i_judiciary" in cues:
        add(3, "3.3", "i_judiciary")
    elif ("i_justice_actors" in cues) and ("k_independence" in cues) and "a_investigate" not in cues:
        add(3, "3.3", "i_justice_actors", "independence")
    if training:
        if security:
            add(3, "3.7", "a_train", f"training of {CUES[security]}")
        if ("i_justice_actors" in cues) or not security:
            add(3, "3.2", "a_train", "training of judges, prosecutors or police")
    if ("i_justice_actors" in cues) and (
        investigate == "a_impunity" or (("k_capacity" in cues) and (viol or investigate))
    ):
        add(3, "3.2", "i_justice_actors", "justice capacity against impunity")
    if "i_civilian_control" in cues:
        add(3, "3.4", "i_civilian_control")
    if ("i_corruption" in cues) or ("t_uncac" in cues):
        add(
            3,
            "3.5",
            (
                None
                if cues.isdisjoint(("t_uncac", "i_corruption"))
                else next(filter(cues.__contains__, ("t_uncac", "i_corruption")), None)
            ),
        )
    if "i_weapons_review" in cues:
        add(3, "3.8", "i_weapons_review")

    # ---- RF4 / RF5 ----------------------------------------------------------------------------------------
    if "m_extremism" in cues:
        add(4, "4.7", "m_extremism")
    if ("m_grievance" in cues) and group:
        add(4, "4.5", "m_grievance")
    if ("c_arms" in cues) and "n_neutral" not in cues:
        add(5, "5.1", "c_arms")
    child_only = ("w_child_soldiers" in cues) and not (not cues.isdisjoint(("e_militia", "c_ddr_adult")))
    if (("c_ddr" in cues) and not child_only) or ("c_ddr_adult" in cues):
        add(
            5,
            "5.5",
            (
                None
                if cues.isdisjoint(("c_ddr_adult", "c_ddr"))
                else next(filter(cues.__contains__, ("c_ddr_adult", "c_ddr")), None)
            ),
            "DDR",
        )
    if ("c_disarm_verb" in cues) and (not cues.isdisjoint(("e_militia", "w_armed_groups"))):
        add(5, "5.5", "c_disarm_verb", "disarming armed groups")
    if ("c_private_military" in cues) or (("c_contractors" in cues) and (viol or conflict)):
        add(
            5,
            "5.6",
            (
                None
                if cues.isdisjoint(("c_private_military", "c_contractors"))
                else next(filter(cues.__contains__, ("c_private_military", "c_contractors")), None)
            ),
        )
    if "c_orders" in cues:
        add(5, "5.4", "c_orders")

    # ---- RF6 ----------------------------------------------------------------------------------------------
    coop = "s_cooperate" in cues
    visits = not cues.isdisjoint(("s_invitation", "s_visit_weak"))
    if "s_invitation" in cues:
        add(6, "6.7", "s_invitation")
    if ("s_special_proc" in cues) and (coop or visits or not (not cues.isdisjoint(("k_recs", "k_context_ref")))):
        add(6, "6.7", "s_special_proc")
    elif ("s_visit_weak" in cues) and (not cues.isdisjoint(("s_ohchr", "s_coi", "s_hrc", "s_committees"))):
        add(6, "6.7", "s_visit_weak")
    if ("s_reporting" in cues) and "n_generic" not in cues:
        add(6, "6.7", "s_reporting")
    if ("s_committees" in cues) and (coop or ("s_reporting" in cues)):
        add(6, "6.7", "s_committees")
    if ("s_hrc" in cues) and coop:
        add(6, "6.7", "s_hrc")
    if ("s_upr" in cues) and coop:
        add(6, "6.7", "s_upr")
    if "s_coi_intl" in cues:
        add(6, "6.7", "s_coi_intl")
        if viol or ("a_investigate" in cues):
            add(2, "2.3", "s_coi_intl", "international inquiry")
    elif "s_coi" in cues:
        if coop or visits or (not cues.isdisjoint(("k_recs", "s_ohchr"))):
            add(6, "6.7", "s_coi")
        else:
            add(2, "2.3", "s_coi", "commission of inquiry")
    if "s_reprisals" in cues:
        add(6, "6.7", "s_reprisals")
    if ("s_ohchr" in cues) and "n_trafficking" not in cues:
        add(6, "6.4", "s_ohchr", "UN presence")
    civic = None if cues.isdisjoint(CIVIC) else next(filter(cues.__contains__, CIVIC), None)
    if civic:
        add(6, "6.2", civic)
        if "v_arbitrary" in cues:
            add(2, "2.1", "v_arbitrary", "detention of critics")
        if investigate and (not cues.isdisjoint(("k_attack", "k_threat"))) and not viol:
            add(2, "2.3", investigate, "attacks on civil society")
    elif ("s_protest" in cues) and not (not cues.isdisjoint(("v_force", "v_killing", "v_torture"))):
        add(6, "6.2", "s_protest")
    elif ("s_civil_society" in cues) and has(
        "k_enabling", "k_restrict", "k_attack", "k_threat", "s_ngo_law", "s_ngo_weak", "s_reprisals", "p_safety"
    ):
        add(6, "6.2", "s_civil_society")
    elif ("s_media_weak" in cues) and (not cues.isdisjoint(("k_restrict", "k_enabling", "k_attack", "k_independence"))):
        add(6, "6.2", "s_media_weak")
    if (
        ("s_ngo_law" in cues)
        or (("s_ngo_weak" in cues) and has("s_civil_society", *CIVIC))
        or (("s_civil_society" in cues) and ("k_law" in cues) and (not cues.isdisjoint(("k_restrict", "k_enabling"))))
    ):
        add(
            6,
            "6.2",
            (
                None
                if cues.isdisjoint(("s_ngo_law", "s_ngo_weak"))
                else next(filter(cues.__contains__, ("s_ngo_law", "s_ngo_weak")), None)
            ),
        )
        add(
            7,
            "7.7",
            (
                None
                if cues.isdisjoint(("s_ngo_law", "s_ngo_weak"))
                else next(filter(cues.__contains__, ("s_ngo_law", "s_ngo_weak")), None)
            ),
        )
    if "s_dialogue" in cues:
        ind1 = "1.2" if (not cues.isdisjoint(("w_armed_groups", "w_armed_conflict", "w_conflict_weak"))) else "1.5"
        add(1, ind1, "s_dialogue", "peace or dialogue")
        add(6, "6.8", "s_dialogue")
    if "s_refugee" in cues:
        add(6, "6.10", "s_refugee")
    elif (
        ("s_refugee_weak" in cues)
        and (not cues.isdisjoint(("a_prevent", "k_restrict", "k_attack", "v_torture", "k_law")))
        and not (
            not cues.isdisjoint(
                ("e_displacement", "e_camps", "g_land", "n_development", "e_sexual_violence", "n_vulnerable")
            )
        )
    ):
        add(6, "6.10", "s_refugee_weak")
    if "s_early_warning" in cues:
        add(6, "6.11", "s_early_warning")
        if not cues.isdisjoint(("g_plan", "s_dialogue_weak", "s_dialogue")):
            add(9, "9.6", "s_early_warning")

    # ---- RF7 ----------------------------------------------------------------------------------------------
    if ("e_emergency" in cues) or (
        ("e_terror" in cues)
        and has(
            "i_hr_content", "a_harmonize", "k_law", "t_iccpr", "s_expression", "s_hrd", "s_journalists", "k_restrict"
        )
    ):
        add(
            7,
            "7.1",
            (
                None
                if cues.isdisjoint(("e_emergency", "e_terror"))
                else next(filter(cues.__contains__, ("e_emergency", "e_terror")), None)
            ),
        )
    if "e_militia" in cues:
        add(7, "7.5", "e_militia")
    if ("e_internet" in cues) or (("e_online" in cues) and (not cues.isdisjoint(("k_restrict", "p_access")))):
        add(
            7,
            "7.6",
            (
                None
                if cues.isdisjoint(("e_internet", "e_online"))
                else next(filter(cues.__contains__, ("e_internet", "e_online")), None)
            ),
        )
    agencies = "e_humanitarian_access" if "e_humanitarian_access" in cues else None
    access = not cues.isdisjoint(("p_access", "s_visit_weak", "s_cooperate", "k_restrict", "s_ngo_weak"))
    if ("e_hum_access" in cues) or (agencies and access) or (("e_humanitarian_aid" in cues) and ("p_access" in cues)):
        hum = (
            None
            if cues.isdisjoint(("e_hum_access", "e_humanitarian_access", "e_humanitarian_aid"))
            else next(filter(cues.__contains__, ("e_hum_access", "e_humanitarian_access", "e_humanitarian_aid")), None)
        )
        add(7, "7.7", hum, "humanitarian access")
        if agencies and access and "p_peacekeeping" not in cues:
            add(6, "6.4", agencies)
        if ("w_hostilities" in cues) or (conflict and (not cues.isdisjoint(("p_access", "e_hum_access")))):
            add(13, "13.8", hum)
    if agencies and (not cues.isdisjoint(("p_safety", "k_attack"))) and "p_peacekeeping" not in cues:
        add(14, "14.4", agencies, "safety of aid workers")
    if ("y_humanitarian_emergency" in cues) and (
        not cues.isdisjoint(("e_humanitarian_aid", "e_humanitarian_access", "e_hum_access"))
    ):
        add(1, "1.3", "y_humanitarian_emergency")
    if "e_hate_crime" in cues:
        add(7, "7.8", "e_hate_crime")
        if not (lgbti and not group):
            add(9, "9.1", "e_hate_crime")
    elif (
        ("k_attack" in cues)
        and group
        and not (
            not cues.isdisjoint(
                ("e_sexual_violence", "n_religious_leaders", "s_hrd", "s_journalists", "e_places_worship")
            )
        )
        and not (("n_lgbti" in cues) and not group)
    ):
        add(7, "7.8", "k_attack", "violence against a protected group")
    if "e_racist_incidents" in cues:
        add(9, "9.1", "e_racist_incidents")
    # sexual violence (7.9) only by armed/security actors, in conflict, detention or displacement, or against a group
    if not cues.isdisjoint(("e_crsv", "e_wps")):
        add(
            7,
            "7.9",
            (
                None
                if cues.isdisjoint(("e_crsv", "e_wps"))
                else next(filter(cues.__contains__, ("e_crsv", "e_wps")), None)
            ),
        )
    elif ("e_sexual_violence" in cues) and (armed_actor or displaced_ctx or detention_ctx or group or strong_conflict):
        add(7, "7.9", "e_sexual_violence", "by armed actors / in conflict, detention or displacement")
        if investigate:
            add(2, "2.3", investigate)
    if ("e_displacement" in cues) or (("e_camps" in cues) and (group or displaced_ctx != "e_camps")):
        add(
            7,
            "7.10",
            (
                None
                if cues.isdisjoint(("e_displacement", "e_camps"))
                else next(filter(cues.__contains__, ("e_displacement", "e_camps")), None)
            ),
        )
        if conflict and (not cues.isdisjoint(("e_humanitarian_aid", "e_humanitarian_access", "e_hum_access"))):
            add(
                13,
                "13.8",
                (
                    None
                    if cues.isdisjoint(("e_displacement", "e_camps"))
                    else next(filter(cues.__contains__, ("e_displacement", "e_camps")), None)
                ),
            )
    if "e_places_worship" in cues:
        if "k_attack" in cues:
            add(7, "7.11", "e_places_worship")
        add(9, "9.1", "e_places_worship")
    hs = (
        None
        if cues.isdisjoint(("e_hate_speech_group", "e_hate_speech"))
        else next(filter(cues.__contains__, ("e_hate_speech_group", "e_hate_speech")), None)
    )
    hs_weak = ("e_hate_speech_weak" if "e_hate_speech_weak" in cues else None) or (
        ("e_hate_weak" if "e_hate_weak" in cues else None) if group else None
    )
    if hs or hs_weak:
        add(7, "7.14", hs or hs_weak)
        if (hs and (not cues.isdisjoint(("a_criminalize", "k_law", "a_investigate")))) or (
            hs_weak and ("a_criminalize" in cues)
        ):
            add(8, "8.8", hs or hs_weak, "hate speech as an offence")
        if ("e_hate_speech_group" in cues) or group:
            add(9, "9.1", hs or hs_weak)
    if "e_incitement" in cues:
        add(7, "7.14", "e_incitement")
        add(8, "8.8", "e_incitement")
        if group:
            add(9, "9.6", "e_incitement")

    # ---- RF8 ----------------------------------------------------------------------------------------------
    elections = ("r_elections" if "r_elections" in cues else None) or (
        ("r_elections_weak" if "r_elections_weak" in cues else None) if "k_temporal" not in cues else None
    )
    if (
        elections
        and not (("r_voter_ed" in cues) and "k_attack" not in cues)
        and not (group and not (not cues.isdisjoint(("k_attack", "k_threat"))))
    ):
        add(8, "8.9", elections)
    if ("r_coup" in cues) and not (("k_temporal" in cues) and ("a_investigate" in cues)):
        add(1, "1.4", "r_coup")
        add(8, "8.4", "r_coup")
    if ("r_fpic" in cues) or (("r_projects" in cues) and group):
        if "r_projects" in cues:
            add(8, "8.11", "r_projects", "projects affecting a protected group")
        add(
            9,
            "9.4",
            (
                None
                if cues.isdisjoint(("r_fpic", "r_projects"))
                else next(filter(cues.__contains__, ("r_fpic", "r_projects")), None)
            ),
        )

    # ---- RF9 (group gate) ---------------------------------------------------------------------------------
    if group:
        added = False
        if not cues.isdisjoint(("g_gap", "g_gap_regional")):
            add(9, "9.4", group)
            add(
                1,
                "1.9",
                (
                    None
                    if cues.isdisjoint(("g_gap", "g_gap_regional"))
                    else next(filter(cues.__contains__, ("g_gap", "g_gap_regional")), None)
                ),
                "gaps between groups",
            )
            added = True
        if not cues.isdisjoint(("g_land", "r_vote", "r_elections", "r_elections_weak")):
            add(9, "9.4", group)
            added = True
        if not cues.isdisjoint(("g_language", "g_stateless")):
            add(9, "9.2", group)
            added = True
        if not cues.isdisjoint(("g_plan", "i_hre_school", "s_dialogue_weak")):
            add(9, "9.6", group)
            added = True
        if ("g_discrimination" in cues) or not added:
            add(9, "9.1", group)
    elif "g_gap_regional" in cues or ("g_gap" in cues and "g_regions" in cues):
        add(1, "1.9", "g_gap_regional" if "g_gap_regional" in cues else "g_gap", "gaps between regions")
    if ("x_sterilization" in cues) and group:
        add(10, "10.4", "x_sterilization", "birth prevention in a protected group")
        add(9, "9.1", "x_sterilization")
    if ("x_child_removal" in cues) and group:
        add(10, "10.4", "x_child_removal")
    if ("x_genocidal" in cues) and (group or (not cues.isdisjoint(("t_genocide", "v_atrocity")))):
        add(10, "10.1", "x_genocidal")

    # ---- RF11 / RF12 --------------------------------------------------------------------------------------
    if ("x_systematic" in cues) and (
        viol or (not cues.isdisjoint(("k_attack", "e_displacement", "e_sexual_violence", "w_civilians")))
    ):
        add(11, "11.5", "x_systematic", "widespread or systematic")
        if not viol:
            add(2, "2.1", "x_systematic")
    if "x_collective_pun" in cues:
        add(12, "12.2", "x_collective_pun")
        add(2, "2.1", "x_collective_pun")
    if "x_collective" in cues:
        add(12, "12.2", "x_collective")
    if ("x_settlement" in cues) or (("x_settlement_weak" in cues) and ("w_occupation" in cues)):
        add(
            12,
            "12.3",
            (
                None
                if cues.isdisjoint(("x_settlement", "x_settlement_weak"))
                else next(filter(cues.__contains__, ("x_settlement", "x_settlement_weak")), None)
            ),
        )

    # ---- RF13 / RF14 --------------------------------------------------------------------------------------
    if strong_conflict:
        if not (strong_conflict == "w_weapons" and ("t_weapons" in cues) and ("a_ratify" in cues)):
            add(13, "13.10" if strong_conflict == "w_weapons" else None, strong_conflict, "armed-conflict signal")
    elif conflict in ("w_armed_conflict", "w_armed_groups") and (
        (not cues.isdisjoint(("e_sexual_violence", "w_civilians", "c_ddr")))
        or (
            (not cues.isdisjoint(("e_humanitarian_access", "e_humanitarian_aid", "e_hum_access")))
            and ("p_access" in cues)
        )
        or (conflict == "w_armed_groups" and (viol or ("k_attack" in cues)))
    ):
        add(13, None, conflict, "conduct in armed conflict")
    if ("w_missing" in cues) and (
        conflict or (not cues.isdisjoint(("w_post_conflict", "w_conflict_weak", "v_disappear")))
    ):
        add(13, None, "w_missing", "missing persons")
    if ("t_opac" in cues) and "a_ratify" not in cues:
        add(13, None, "t_opac")
    if ("p_peacekeeping" in cues) and "p_contribute" not in cues:
        if not cues.isdisjoint(("p_safety", "k_attack")):
            add(14, "14.4", "p_peacekeeping", "safety of operations")
        if "p_access" in cues:
            add(14, "14.5", "p_peacekeeping", "access of operations")
        if coop or (not cues.isdisjoint(("p_access", "p_safety"))):
            add(6, "6.4", "p_peacekeeping")
    return tuple(hits)


def _result(found: dict[str, str]) -> RuleResult:
    hits = decide(frozenset(found))
    rfs = tuple(sorted({h.rf for h in hits}))
    inds: list[str] = []
    for h in hits:
        if h.indicator and h.indicator not in inds:
            inds.append(h.indicator)
    return RuleResult(rfs, tuple(inds), hits, found)


def apply_rules(text: str, engine: str = "regex") -> RuleResult:
    """Rule decision for one recommendation; ``engine`` is "regex" (fast) or "spacy" (reference)."""
    found = match_cues_spacy(text) if engine == "spacy" else match_cues(text)
    return _result(found)


def apply_rules_batch(texts: Sequence[str]) -> list[RuleResult]:
    return [_result(f) for f in match_cues_batch(texts)]
