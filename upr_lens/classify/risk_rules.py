"""Rule layer for the atrocity-risk lens: cue matchers and the cached codebook decision.

A recommendation is first reduced to the set of *cues* it contains (treaties, mechanisms, protected groups,
kinds of conduct, verbs such as "ratify" or "investigate"). The cue phrases are data
(``upr_lens/data/risk_cues.jsonl``, loaded and validated by :mod:`.cue_lexicon`); the decision rules that turn
a cue set into risk factors (RF1-RF14) with indicator ids and a reason live in :mod:`.risk_decisions`.

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

from ..instruments import fold, packaged_instruments
from ..package_data import PackageDataError
from . import rule_memo
from .cue_lexicon import packaged_cues
from .risk_decisions import RuleHit, cue_ids_named_by_rules, decide_cues

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
    """Lower-case, unify quotes, drop commas, semicolons, brackets and dangling hyphens, rejoin words broken at a
    hyphen ("anti- roma" -> "anti-roma"), collapse whitespace.

    Both matchers (regex and spaCy) see this text, so they tokenise it the same way. (Written as guarded
    ``str.replace`` calls: this runs once per text on the hot path.)
    """
    t = text.lower()
    for a, b in _REPLACE:
        if a in t:
            t = t.replace(a, b)
    if "-" in t:
        if "- " in t:  # a word broken at its hyphen ("anti- roma", from PDF line ends) is the hyphenated word
            t = _BROKEN_HYPHEN.sub("-", t)
        t = t.replace("- ", " ").replace(" -", " ")
    return " ".join(t.split())


_BROKEN_HYPHEN = re.compile(r"(?<=[^\W\d_])- +(?=[^\W\d_])")


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


# Cues that never produce a decision on their own or together with other cues of this set (verified for all
# singles, pairs and triples by tests/test_risk_factors.py): a cue set made only of them decides nothing.
MODIFIER_ONLY = frozenset({
    "c_contractors", "c_disarm_verb", "e_hate_weak", "g_discrimination", "g_land", "g_language", "g_plan",
    "g_stateless", "i_hre_school", "i_judicial_generic", "k_capacity", "k_context_ref", "k_jurisdiction", "k_recs",
    "k_temporal", "k_threat", "m_grievance", "n_decrim", "n_development", "n_domestic_violence", "n_generic",
    "n_harmful", "n_neutral", "n_religious_leaders", "n_trafficking", "n_vulnerable", "n_women", "p_contribute",
    "r_projects", "r_vote", "r_voter_ed", "s_dialogue_weak", "s_info", "s_ngo_weak", "s_un_weak", "s_upr", "t_att",
    "t_cat", "t_core", "t_iccpr", "t_iccpr_op1", "t_iccpr_op2", "t_icerd", "t_icpped", "t_ilo169", "t_its_op",
    "t_kampala", "t_opcat", "t_other", "t_refugee", "t_regional", "t_stateless", "t_statutory", "t_weapons",
    "v_denial", "v_political_weak", "v_security_forces", "x_child_removal", "x_settlement_weak", "x_sterilization",
    "y_humanitarian_emergency", "y_protest", "y_separatism",
})  # fmt: skip


# For each modifier cue: the other cues in whose presence it can change a decision (derived by
# `_derive_links`, checked against every real cue set we have; a partner found only with two modifiers and two
# triggers together is added by hand, e.g. "k_attack" for the topics outside the lens). Modifiers whose partners
# are all absent are dropped from the cache key, so more recommendations share one decision.
_LINKS: dict[str, frozenset[str]] = {
    "c_contractors": frozenset({
        "e_crsv", "v_arbitrary", "v_atrocity", "v_disappear", "v_force", "v_judicial_cp", "v_killing", "v_perpetrators",
        "v_political", "v_serious", "v_torture", "w_armed_conflict", "w_armed_groups", "w_child_soldiers",
        "w_hostilities", "w_ihl", "w_occupation", "w_weapons",
    }),
    "c_disarm_verb": frozenset({"e_militia", "w_armed_groups"}),
    "e_hate_weak": frozenset({
        "g_african_descent", "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma",
    }),
    "g_discrimination": frozenset({
        "g_african_descent", "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma",
    }),
    "g_land": frozenset({
        "a_prevent", "g_african_descent", "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma",
        "s_refugee_weak",
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
    "k_jurisdiction": frozenset({"v_atrocity"}),
    "k_recs": frozenset({"s_coi", "s_special_proc"}),
    "k_temporal": frozenset({"a_investigate", "r_coup", "r_elections_weak"}),
    "k_threat": frozenset({
        "a_impunity", "a_investigate", "g_african_descent", "g_ethnic", "r_elections", "r_elections_weak", "s_assembly",
        "s_civil_society", "s_expression",
    }),
    "m_grievance": frozenset({
        "g_african_descent", "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma",
    }),
    "n_decrim": frozenset(),
    "n_development": frozenset({"a_prevent", "s_refugee_weak"}),
    "n_domestic_violence": frozenset({
        "a_impunity", "a_reparation", "a_train", "a_victim_support", "k_attack", "v_trans_justice",
    }),
    "n_generic": frozenset({"s_reporting"}),
    "n_harmful": frozenset({
        "a_impunity", "a_reparation", "a_train", "a_victim_support", "k_attack", "v_trans_justice",
    }),
    "n_neutral": frozenset({"c_arms"}),
    "n_religious_leaders": frozenset({"g_african_descent", "k_attack"}),
    "n_trafficking": frozenset({
        "a_impunity", "a_reparation", "a_train", "a_victim_support", "k_attack", "s_ohchr", "v_trans_justice",
    }),
    "n_vulnerable": frozenset({"a_prevent", "s_refugee_weak"}),
    "n_women": frozenset({"k_attack"}),  # with security forces, investigation and violence (not derivable from pairs)
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
    "v_security_forces": frozenset({"a_impunity", "a_train", "e_sexual_violence", "k_attack"}),
    "x_child_removal": frozenset({
        "g_african_descent", "g_ethnic", "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma",
    }),
    "x_settlement_weak": frozenset({"w_occupation"}),
    "x_sterilization": frozenset({
        "a_impunity", "a_investigate", "a_redress", "a_reparation", "a_victim_support", "g_african_descent", "g_ethnic",
        "g_indigenous", "g_minority", "g_named", "g_religious", "g_roma",
    }),
    "y_humanitarian_emergency": frozenset({
        "e_displacement", "e_hum_access", "e_humanitarian_access", "e_humanitarian_aid", "s_refugee", "s_refugee_weak",
        "w_civilians", "w_hostilities",
    }),
    "y_protest": frozenset(),
    "y_separatism": frozenset(),
}  # fmt: skip


_LINKED = frozenset(_LINKS)


def _check_rules_know_cues() -> None:
    """The lexicon must define every cue the rules, the cache tables and the instrument registry name."""
    named = cue_ids_named_by_rules() | MODIFIER_ONLY | _LINKS.keys() | {c for linked in _LINKS.values() for c in linked}
    named |= {inst.risk_cue for inst in packaged_instruments().instruments if inst.risk_cue}
    unknown = sorted(named - CUES.keys())
    if unknown:
        raise PackageDataError(f"the cue lexicon lacks cues the risk rules name: {', '.join(unknown)}")


def instrument_registry_conflicts() -> list[str]:
    """Where the treaty cues of the lexicon contradict the instrument registry (upr_lens/data/instruments.json).

    A phrase of a treaty cue that the registry lists as not an instrument, or an abbreviation of a registry
    instrument that the lexicon gives to a treaty cue other than the instrument's ``risk_cue``. (Registry
    abbreviations the lexicon lacks are not conflicts: adding them changes the lexicon digest, so they join
    with a retrained model.)
    """
    registry = packaged_instruments()
    conflicts = []
    not_instruments = {fold(a): a for a in registry.not_instruments}
    for phrase, cid in PHRASES.items():
        if cid.startswith("t_") and fold(phrase) in not_instruments:
            conflicts.append(f"{phrase!r} is under {cid}, but {not_instruments[fold(phrase)]} is not an instrument")
    for inst in registry.instruments:
        for abbreviation in inst.abbreviations:
            owner = PHRASES.get(abbreviation.lower())
            if owner is not None and owner.startswith("t_") and owner != inst.risk_cue:
                conflicts.append(f"{abbreviation.lower()!r} is under {owner}, but the registry gives it to {inst.id}")
    return conflicts


_check_rules_know_cues()


@lru_cache(maxsize=65_536)
def decide(cues: frozenset[str]) -> tuple[RuleHit, ...]:
    """Codebook decision rules over a set of cue ids -> ordered rule hits (RF, indicator, cue)."""
    if cues <= MODIFIER_ONLY:
        return ()
    links = _LINKS
    # the linked modifiers present (set intersection, in C) whose partners are all absent leave the key
    dropped = [c for c in cues & _LINKED if links[c].isdisjoint(cues)]
    return _decide_canonical(cues.difference(dropped) if dropped else cues)


@lru_cache(maxsize=65_536)
def _decide_canonical(cues: frozenset[str]) -> tuple[RuleHit, ...]:
    return rule_memo.decide(cues)  # = _decide_full(cues), each rule's part memoised on the cues it reads


_decide_full = decide_cues  # the uncached decision: what ``decide`` caches and ``_LINKS`` was derived from


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
