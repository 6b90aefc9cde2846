"""The codebook's decision rules: a set of cue ids -> ordered rule hits (risk factor, indicator, cue, note).

:func:`decide_cues` computes a :class:`CueContext` once (the treaty, group, violation, conflict ... cues that
several rules consult) and runs the per-factor rule functions in :data:`RULES` order; the order of the hits is
the order of reasons and indicators shown to the user. The rules encode the codebook: the direct-link test, the
group gate, the topics that are not atrocity-relevant by default and the decision table for frequent UPR topics.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from .cue_lexicon import packaged_cues

CUES: dict[str, str] = packaged_cues().labels  # cue id -> human label

REL_TREATIES = (
    "t_rome", "t_icc", "t_statutory", "t_genocide", "t_cat", "t_opcat", "t_icpped", "t_geneva", "t_iccpr",
    "t_iccpr_op1", "t_icerd", "t_opac", "t_refugee", "t_stateless", "t_ilo169", "t_kampala", "t_weapons", "t_att",
    "t_regional",
)  # fmt: skip
VIOLATIONS = (
    "v_torture", "v_judicial_cp", "v_disappear", "v_killing", "v_force", "v_arbitrary", "v_political", "v_serious",
    "v_atrocity", "v_perpetrators",
)  # fmt: skip
GENERIC_VIOLATIONS = ("v_serious", "v_atrocity", "v_perpetrators")  # "stop" them only when the text says so
# conduct whose investigation, redress or criminalisation is atrocity-relevant (beyond the RF2 violations)
CONDUCT = VIOLATIONS + ("w_child_soldiers", "w_hostilities", "e_crsv", "x_sterilization", "x_collective_pun",
                        "w_weapons", "e_hate_crime", "e_militia", "x_camps")  # fmt: skip
GROUPS = ("g_minority", "g_ethnic", "g_indigenous", "g_roma", "g_african_descent", "g_religious", "g_named")
STRONG_CONFLICT = ("w_ihl", "w_occupation", "w_hostilities", "w_child_soldiers", "w_weapons", "e_crsv")
CIVIC = ("s_hrd", "s_journalists", "s_expression", "s_assembly")
CONFLICT_ANY = STRONG_CONFLICT + ("w_armed_conflict", "w_armed_groups")
# protection asked for the people of an emergency under way (refugees, displaced, civilians): RF1 1.3 (ruling 13)
EMERGENCY_PROTECTION = ("s_refugee", "s_refugee_weak", "e_displacement", "w_hostilities", "w_civilians")


class RuleHit(NamedTuple):
    rf: int
    indicator: str | None
    cue: str  # cue id that carried the decision
    note: str = ""

    def reason(self, surfaces: dict[str, str] | None = None) -> str:
        """``RF2: "surface" → 2.3 (note)``: the cue as found in the text (its label when no surfaces are given);
        a ``{cue_id}`` in the note becomes that cue's surface form, quoted."""
        word = (surfaces or {}).get(self.cue) or CUES.get(self.cue, self.cue)
        tail = f" → {self.indicator}" if self.indicator else ""
        note = f" ({_fill(self.note, surfaces)})" if self.note else ""
        return f'RF{self.rf}: "{word}"{tail}{note}'


_PLACEHOLDER = re.compile(r"\{([a-z]_[a-z0-9_]+)\}")


def _fill(note: str, surfaces: dict[str, str] | None) -> str:
    if "{" not in note:
        return note
    if surfaces:
        return _PLACEHOLDER.sub(lambda m: f'"{surfaces[m[1]]}"' if m[1] in surfaces else CUES[m[1]], note)
    return _PLACEHOLDER.sub(lambda m: CUES[m[1]], note)


class _Hits:
    """The hits one rule function adds; a rule naming no cue (None) adds nothing."""

    def __init__(self) -> None:
        self.hits: list[RuleHit] = []

    def add(self, rf: int, ind: str | None, cue: str | None, note: str = "") -> None:
        if cue is not None:
            self.hits.append(RuleHit(rf, ind, cue, note))


@dataclass(frozen=True)
class CueContext:
    """The cues of one text and what several rules derive from them, computed once."""

    cues: frozenset[str]
    nhri_context: bool  # a national human rights institution is the subject
    rome: str | None  # the Rome Statute cue ("t_icc" only outside an NHRI context)
    rel: tuple[str, ...]  # atrocity-relevant treaties named
    op1: str | None  # the ICCPR individual-complaints protocol
    group: str | None  # first protected group named
    lgbti: bool
    viol: tuple[str, ...]  # serious violations named
    conduct: str | None  # conduct whose accountability is atrocity-relevant
    investigate: str | None  # "investigate" or "impunity"
    ratifying: bool  # ratification of a treaty is asked
    conflict: str | None
    strong_conflict: str | None
    security: str | None  # security forces named
    training: bool  # training of security or justice actors (not on a topic outside the lens)
    armed_actor: str | None
    displaced_ctx: str | None
    detention_ctx: str | None
    coop: bool  # cooperation with mechanisms is asked

    def has(self, *names: str) -> bool:
        return not self.cues.isdisjoint(names)

    def first(self, *names: str) -> str | None:
        return next(filter(self.cues.__contains__, names), None)

    @classmethod
    def of(cls, cues: frozenset[str]) -> CueContext:
        def has(*names: str) -> bool:
            return not cues.isdisjoint(names)

        def first(*names: str) -> str | None:
            if cues.isdisjoint(names):  # the usual case, answered in C
                return None
            return next(filter(cues.__contains__, names))

        nhri_context = "i_nhri" in cues or ("i_nhri_weak" in cues and has("i_hr_content", "t_icc"))
        rome = ("t_rome" if "t_rome" in cues else None) or (
            ("t_icc" if "t_icc" in cues else None) if not nhri_context else None
        )
        rel = () if cues.isdisjoint(REL_TREATIES) else tuple(
            t for t in REL_TREATIES if t in cues and not (t == "t_icc" and rome != "t_icc")
        )
        group = first(*GROUPS)
        viol = () if cues.isdisjoint(VIOLATIONS) else tuple(v for v in VIOLATIONS if v in cues)
        security = "v_security_forces" if "v_security_forces" in cues else None
        trained_actor = first("v_security_forces", "i_justice_actors")
        trivial_training = has("n_domestic_violence", "n_trafficking", "n_harmful") and not (
            viol or "i_hr_content" in cues
        )
        return cls(
            cues=cues,
            nhri_context=nhri_context,
            rome=rome,
            rel=rel,
            op1=("t_iccpr_op1" if "t_iccpr_op1" in cues else None)
            or (("t_its_op" if "t_its_op" in cues else None) if "t_iccpr" in cues else None),
            group=group,
            lgbti="n_lgbti" in cues,
            viol=viol,
            conduct=first(*CONDUCT) or (("k_attack" if "k_attack" in cues else None) if group else None),
            # "perpetrators of violations" names both the conduct and the people to hold to account
            investigate=first("a_investigate", "a_impunity", "v_perpetrators"),
            ratifying=bool(rel or has("t_core", "t_other")) and "a_ratify" in cues,
            conflict=first(*CONFLICT_ANY),
            strong_conflict=first(*STRONG_CONFLICT),
            security=security,
            training="a_train" in cues and trained_actor is not None and not trivial_training,
            armed_actor=first("w_armed_groups", "e_militia", "w_armed_conflict", "c_private_military")
            or (security if "a_train" not in cues else None),
            displaced_ctx=first("e_displacement", "s_refugee", "s_refugee_weak", "e_camps"),
            detention_ctx=first("n_detention_conditions", "v_arbitrary"),
            coop="s_cooperate" in cues,
        )


def treaty_rules(c: CueContext) -> list[RuleHit]:
    """RF3 3.1 ratification / harmonisation of the treaties that count; ICC cooperation (RF2 2.3)."""
    cues = c.cues
    out = _Hits()
    add = out.add
    has = c.has
    if c.rel and has("a_ratify", "a_harmonize"):
        for t in c.rel:
            add(3, "3.1", t, "treaty")
        if c.op1 or ("i_indiv_complaints" in cues):
            add(3, "3.6", c.op1 or "i_indiv_complaints", "individual complaints")
            add(6, "6.7", c.op1 or "i_indiv_complaints")
        if "t_weapons" in cues:
            add(3, "3.8", "t_weapons")
        if "t_att" in cues:
            add(5, "5.1", "t_att")
        if ("t_icerd" in cues) and ("a_harmonize" in cues):
            add(9, "9.1", "t_icerd")
        if c.rome and (("a_harmonize" in cues) or (("s_cooperate" in cues) and ("k_law" in cues))):
            add(2, "2.3", c.rome, "domesticating the Rome Statute")
    elif ("i_indiv_complaints" in cues) and (
        has("a_ratify", "s_committees", "t_cat", "t_icerd", "t_icpped", "t_iccpr")
    ):
        add(3, "3.6", "i_indiv_complaints")
        add(6, "6.7", "i_indiv_complaints")
    if "t_geneva" in cues:
        add(13, None, "t_geneva", "Geneva Conventions named")
    if c.rome and "a_ratify" not in cues and has("s_cooperate", "s_tribunal", "a_investigate", "a_harmonize", "k_law"):
        add(2, "2.3", c.rome, "cooperation with the ICC")
    if ("s_tribunal" in cues) and "a_ratify" not in cues:
        add(2, "2.3", "s_tribunal")
    if ("t_uncac" in cues) and has("a_ratify", "a_harmonize"):
        add(3, "3.5", "t_uncac")
    return out.hits


def serious_violation_rules(c: CueContext) -> list[RuleHit]:
    """RF2: accountability, criminalisation, monitoring and stopping serious violations; reparations."""
    cues = c.cues
    out = _Hits()
    add = out.add
    has = c.has
    first = c.first
    crim = "a_criminalize" in cues
    mon = has("a_monitor", "i_npm")
    redress = "a_redress" in cues
    if c.conduct and c.investigate:
        add(2, "2.3", c.investigate, f"accountability for {{{c.conduct}}}")
    elif (
        c.investigate
        and ("k_attack" in cues)
        and has("v_security_forces", "r_elections", "r_elections_weak", "r_coup", "s_protest")
        and cues.isdisjoint(CIVIC + ("n_domestic_violence", "n_trafficking", "n_harmful", "n_women"))
        and "e_sexual_violence" not in cues
    ):
        # violence by officers, around elections, a coup or protests: accountability (impunity row)
        add(2, "2.3", c.investigate, "accountability for {k_attack}")
    if c.conduct and redress and not (c.conduct == "w_child_soldiers" and not c.investigate):  # ruling 12
        add(2, "2.3", "a_redress")
        add(3, "3.6", "a_redress", "remedy for victims")
    elif c.conduct and not c.investigate and ("a_reparation" in cues) and c.conduct != "w_child_soldiers":
        # reparation for the victims of a named violation is redress for it (RF2 2.3; RF4 below only for
        # programmes, past collective violence or a protected group)
        add(2, "2.3", "a_reparation", f"redress for {{{c.conduct}}}")
    if c.viol or has("w_child_soldiers", "w_weapons"):
        if crim and "v_political" not in cues:
            in_law = c.viol[0] if c.viol else ("w_child_soldiers" if "w_child_soldiers" in cues else "w_weapons")
            add(3, "3.1", "a_criminalize", f"{{{in_law}}} in law")
    if c.viol:
        v0 = c.viol[0]
        only_dp = ("n_death_penalty" in cues) and all(v in GENERIC_VIOLATIONS for v in c.viol)
        if mon:
            add(
                3,
                "3.6",
                first("a_monitor", "i_npm"),
                "independent monitoring",
            )
        concrete = [v for v in c.viol if v not in GENERIC_VIOLATIONS]
        prevent = "a_prevent" in cues
        stop = False
        if only_dp or c.training:
            stop = False
        elif c.ratifying and not c.investigate:
            stop = prevent and bool(concrete)
        elif concrete:
            # reparation for the violation named is redress too (not an ask to stop it)
            stop = prevent or not (c.investigate or redress or crim or mon or "a_reparation" in cues)
        else:
            stop = prevent and not c.investigate
        if stop:
            add(2, "2.1", concrete[0] if concrete else v0)
        if ("v_political" in cues) and not c.ratifying:
            add(1, "1.6", "v_political")
            add(2, "2.1", "v_political")
    if ("v_political_weak" in cues) and (has("v_arrest", "v_arbitrary", "k_attack", "a_criminalize", "v_political")):
        add(1, "1.6", "v_political_weak", "repression of political opponents")
        add(
            2,
            "2.1",
            first("v_arrest", "v_arbitrary", "k_attack", "a_criminalize", "v_political"),
        )
    if ("v_arrest" in cues) and not c.viol and has(*CIVIC, "s_protest", "n_lgbti") and "n_death_penalty" not in cues:
        add(2, "2.1", "v_arrest", "arrests for exercising rights")
    if "x_profiling_group" in cues:
        add(12, "12.2", "x_profiling_group")
        add(9, "9.1", "x_profiling_group")
    if has("x_camps", "x_political_camps"):
        camp = first("x_political_camps", "x_camps")
        add(2, "2.1", camp)
        add(7, "7.10", camp)
        add(12, "12.2", camp)
        if "x_political_camps" in cues:
            add(1, "1.6", "x_political_camps")
    # (these three rules and the impunity row below were nested under the camps rule by mistake until issue 11)
    if ("v_force" in cues) and ("a_train" in cues):
        add(3, "3.7", "a_train", "use-of-force training")
    # criminalising atrocity crimes or domesticating the Rome Statute / the statutory-limitations convention:
    # RF3 (3.1) + RF2 (2.3) (codebook decision table; example 1: "domesticating the crimes closes an impunity gap")
    if ("v_atrocity" in cues) and has("a_criminalize", "a_harmonize", "k_jurisdiction") and not c.ratifying and (
        "e_incitement" not in cues
    ):
        add(3, "3.1", "v_atrocity", "atrocity crimes in law")
        add(2, "2.3", "v_atrocity")
    elif ("a_harmonize" in cues) and has("t_rome", "t_statutory"):
        statute = first("t_rome", "t_statutory")
        add(3, "3.1", statute, "atrocity crimes in law")
        add(2, "2.3", statute, "domesticating the crimes")
    if c.lgbti and has("v_killing", "v_torture", "v_arbitrary"):
        add(7, "7.8", "n_lgbti", "violence against a population")
    if (
        "a_impunity" in cues
        and cues.isdisjoint(("n_domestic_violence", "n_trafficking", "n_harmful"))
        and ("i_corruption" not in cues or c.has("i_justice_actors", "i_judiciary"))  # ruling 8
    ):
        add(2, "2.3", "a_impunity")
    if mon and not c.viol and (c.detention_ctx or has("t_opcat", "v_torture")):
        add(
            3,
            "3.6",
            first("a_monitor", "i_npm"),
            "independent monitoring of detention",
        )
    if "v_universal_jur" in cues:
        add(3, "3.1", "v_universal_jur")
        add(2, "2.3", "v_universal_jur")
    if "v_trans_justice" in cues:
        add(2, "2.7", "v_trans_justice")
    if ("v_denial" in cues) and has("v_atrocity", "v_trans_justice", "v_serious"):
        add(2, "2.6", "v_denial")
    if ("v_glorify" in cues) and has("v_atrocity", "v_serious", "m_extremism", "w_post_conflict"):
        add(8, "8.11", "v_glorify")
        add(2, "2.6", "v_glorify")
    # reparations / victim support (ruling 6)
    dv_only = has("n_domestic_violence", "n_trafficking", "n_harmful") and not (c.viol or c.conflict)
    past_violence = c.conduct or c.conflict or has("w_post_conflict", "v_trans_justice", "a_impunity")
    if "a_reparation_programme" in cues:
        add(4, "4.9", "a_reparation_programme")
        add(2, "2.7", "a_reparation_programme", "reparations programme")
    elif ("a_reparation" in cues) and not dv_only and past_violence:
        collective = c.conflict or has("w_post_conflict", "v_trans_justice", "v_serious", "v_atrocity")
        if collective or c.group:
            add(4, "4.9", "a_reparation")
        if collective:
            add(2, "2.7", "a_reparation")
    elif ("a_victim_support" in cues) and not dv_only and past_violence and "w_child_soldiers" not in cues:
        add(4, "4.9", "a_victim_support")
    return out.hits


def death_penalty_rules(c: CueContext) -> list[RuleHit]:
    """The death-penalty exception: executions targeting a group (RF2 2.1, RF7 7.8)."""
    cues = c.cues
    out = _Hits()
    add = out.add
    first = c.first
    if ("n_death_penalty" in cues) and (
        ("n_mass_trials" in cues) or ("v_political" in cues) or (c.group and not c.lgbti)
    ):
        add(
            2,
            "2.1",
            first("n_mass_trials", "v_political", "n_death_penalty"),
            "executions targeting a group",
        )
        add(7, "7.8", "n_death_penalty")
    return out.hits


def institution_rules(c: CueContext) -> list[RuleHit]:
    """RF3 institutions: NHRI, NPM, judiciary, training, civilian control, corruption."""
    cues = c.cues
    out = _Hits()
    add = out.add
    first = c.first
    if c.nhri_context:
        add(
            3,
            "3.2",
            first("i_nhri", "i_nhri_weak"),
            "NHRI",
        )
        add(
            3,
            "3.6",
            first("i_nhri", "i_nhri_weak"),
        )
    if "i_npm" in cues:
        add(3, "3.6", "i_npm", "NPM")
    if "i_judiciary" in cues:
        add(3, "3.3", "i_judiciary")
    elif ("i_justice_actors" in cues) and ("k_independence" in cues) and "a_investigate" not in cues:
        add(3, "3.3", "i_justice_actors", "independence")
    if c.training:
        if c.security:
            add(3, "3.7", "a_train", f"training of {{{c.security}}}")
        if ("i_justice_actors" in cues) or not c.security:
            add(3, "3.2", "a_train", "training of judges, prosecutors or police")
    if ("i_justice_actors" in cues) and (
        c.investigate == "a_impunity" or (("k_capacity" in cues) and (c.viol or c.investigate))
    ):
        add(3, "3.2", "i_justice_actors", "justice capacity against impunity")
    if "i_civilian_control" in cues:
        add(3, "3.4", "i_civilian_control")
    if ("i_corruption" in cues) or ("t_uncac" in cues):
        add(
            3,
            "3.5",
            first("t_uncac", "i_corruption"),
        )
    if "i_weapons_review" in cues:
        add(3, "3.8", "i_weapons_review")
    return out.hits


def rf4_rf5_rules(c: CueContext) -> list[RuleHit]:
    """RF4 ideology and grievance; RF5 arms, DDR, private military companies, orders."""
    cues = c.cues
    out = _Hits()
    add = out.add
    has = c.has
    first = c.first
    if "m_extremism" in cues:
        add(4, "4.7", "m_extremism")
    if ("m_grievance" in cues) and c.group:
        add(4, "4.5", "m_grievance")
    if ("c_arms" in cues) and "n_neutral" not in cues:
        add(5, "5.1", "c_arms")
    child_only = ("w_child_soldiers" in cues) and cues.isdisjoint(("e_militia", "c_ddr_adult"))
    if (("c_ddr" in cues) and not child_only) or ("c_ddr_adult" in cues):
        add(
            5,
            "5.5",
            first("c_ddr_adult", "c_ddr"),
            "DDR",
        )
    if ("c_disarm_verb" in cues) and has("e_militia", "w_armed_groups"):
        add(5, "5.5", "c_disarm_verb", "disarming armed groups")
    if ("c_private_military" in cues) or (("c_contractors" in cues) and (c.viol or c.conflict)):
        add(
            5,
            "5.6",
            first("c_private_military", "c_contractors"),
        )
    if "c_orders" in cues:
        add(5, "5.4", "c_orders")
    return out.hits


def rf6_rules(c: CueContext) -> list[RuleHit]:
    """RF6 mitigating factors: cooperation with mechanisms, civic space, dialogue, refugees, early warning."""
    cues = c.cues
    out = _Hits()
    add = out.add
    has = c.has
    first = c.first
    visits = has("s_invitation", "s_visit_weak")
    if "s_invitation" in cues:
        add(6, "6.7", "s_invitation")
    if ("s_special_proc" in cues) and (c.coop or visits or cues.isdisjoint(("k_recs", "k_context_ref"))):
        add(6, "6.7", "s_special_proc")
    elif ("s_visit_weak" in cues) and has("s_ohchr", "s_coi", "s_hrc", "s_committees"):
        add(6, "6.7", "s_visit_weak")
    if ("s_reporting" in cues) and "n_generic" not in cues:
        add(6, "6.7", "s_reporting")
    if ("s_committees" in cues) and (c.coop or ("s_reporting" in cues)):
        add(6, "6.7", "s_committees")
    if ("s_hrc" in cues) and c.coop:
        add(6, "6.7", "s_hrc")
    if ("s_upr" in cues) and c.coop:
        add(6, "6.7", "s_upr")
    if "s_coi_intl" in cues:
        add(6, "6.7", "s_coi_intl")
        if c.viol or ("a_investigate" in cues):
            add(2, "2.3", "s_coi_intl", "international inquiry")
    elif "s_coi" in cues:
        if c.coop or visits or has("k_recs", "s_ohchr"):
            add(6, "6.7", "s_coi")
        else:
            add(2, "2.3", "s_coi", "commission of inquiry")
    if "s_reprisals" in cues:
        add(6, "6.7", "s_reprisals")
    if ("s_ohchr" in cues) and "n_trafficking" not in cues:
        add(6, "6.4", "s_ohchr", "UN presence")
    civic = first(*CIVIC)
    if civic:
        add(6, "6.2", civic)
        if "v_arbitrary" in cues:
            add(2, "2.1", "v_arbitrary", "detention of critics")
        if c.investigate and has("k_attack", "k_threat") and not c.viol:
            add(2, "2.3", c.investigate, "attacks on civil society")
    elif ("s_protest" in cues) and cues.isdisjoint(("v_force", "v_killing", "v_torture")):
        add(6, "6.2", "s_protest")
    elif ("s_civil_society" in cues) and has(
        "k_enabling", "k_restrict", "k_attack", "k_threat", "s_ngo_law", "s_ngo_weak", "s_reprisals", "p_safety"
    ):
        add(6, "6.2", "s_civil_society")
    elif ("s_media_weak" in cues) and has("k_restrict", "k_enabling", "k_attack", "k_independence"):
        add(6, "6.2", "s_media_weak")
    if (
        ("s_ngo_law" in cues)
        or (("s_ngo_weak" in cues) and has("s_civil_society", *CIVIC))
        or (("s_civil_society" in cues) and ("k_law" in cues) and has("k_restrict", "k_enabling"))
    ):
        add(
            6,
            "6.2",
            first("s_ngo_law", "s_ngo_weak"),
        )
        add(
            7,
            "7.7",
            first("s_ngo_law", "s_ngo_weak"),
        )
    if "s_dialogue" in cues:
        ind1 = "1.2" if has("w_armed_groups", "w_armed_conflict", "w_conflict_weak") else "1.5"
        add(1, ind1, "s_dialogue", "peace or dialogue")
        add(6, "6.8", "s_dialogue")
    if "s_refugee" in cues:
        add(6, "6.10", "s_refugee")
    elif (
        ("s_refugee_weak" in cues)
        and has("a_prevent", "k_restrict", "k_attack", "v_torture", "k_law")
        and cues.isdisjoint(
            ("e_displacement", "e_camps", "g_land", "n_development", "e_sexual_violence", "n_vulnerable")
        )
    ):
        add(6, "6.10", "s_refugee_weak")
    if "s_early_warning" in cues:
        add(6, "6.11", "s_early_warning")
        if has("g_plan", "s_dialogue_weak", "s_dialogue"):
            add(9, "9.6", "s_early_warning")
    return out.hits


def rf7_rules(c: CueContext) -> list[RuleHit]:
    """RF7 enabling circumstances: emergency laws, militias, access, hate, sexual violence, displacement."""
    cues = c.cues
    out = _Hits()
    add = out.add
    has = c.has
    first = c.first
    if ("e_emergency" in cues) or (
        ("e_terror" in cues)
        and has(
            "i_hr_content", "a_harmonize", "k_law", "t_iccpr", "s_expression", "s_hrd", "s_journalists", "k_restrict"
        )
    ):
        add(
            7,
            "7.1",
            first("e_emergency", "e_terror"),
        )
    if "e_militia" in cues:
        add(7, "7.5", "e_militia")
    if ("e_internet" in cues) or (("e_online" in cues) and has("k_restrict", "p_access")):
        add(
            7,
            "7.6",
            first("e_internet", "e_online"),
        )
    agencies = "e_humanitarian_access" if "e_humanitarian_access" in cues else None
    access = has("p_access", "s_visit_weak", "s_cooperate", "k_restrict", "s_ngo_weak")
    if ("e_hum_access" in cues) or (agencies and access) or (("e_humanitarian_aid" in cues) and ("p_access" in cues)):
        hum = first("e_hum_access", "e_humanitarian_access", "e_humanitarian_aid")
        add(7, "7.7", hum, "humanitarian access")
        if agencies and access and "p_peacekeeping" not in cues:
            add(6, "6.4", agencies)
        if ("w_hostilities" in cues) or (c.conflict and has("p_access", "e_hum_access")):
            add(13, "13.8", hum)
    if agencies and has("p_safety", "k_attack") and "p_peacekeeping" not in cues:
        add(14, "14.4", agencies, "safety of aid workers")
    if ("y_humanitarian_emergency" in cues) and (
        has("e_humanitarian_aid", "e_humanitarian_access", "e_hum_access", *EMERGENCY_PROTECTION)
    ):
        add(1, "1.3", "y_humanitarian_emergency", "emergency under way")
    if "e_hate_crime" in cues:
        add(7, "7.8", "e_hate_crime")
        if not (c.lgbti and not c.group):
            add(9, "9.1", "e_hate_crime")
    elif (
        ("k_attack" in cues)
        and c.group
        and cues.isdisjoint(("e_sexual_violence", "n_religious_leaders", "s_hrd", "s_journalists", "e_places_worship"))
        and not (("n_lgbti" in cues) and not c.group)
    ):
        add(7, "7.8", "k_attack", "violence against a protected group")
    if "e_racist_incidents" in cues:
        add(9, "9.1", "e_racist_incidents")
    # sexual violence (7.9) only by armed/security actors, in conflict, detention or displacement, or against a group
    if has("e_crsv", "e_wps"):
        add(
            7,
            "7.9",
            first("e_crsv", "e_wps"),
        )
    elif ("e_sexual_violence" in cues) and (
        c.armed_actor or c.displaced_ctx or c.detention_ctx or c.group or c.strong_conflict
    ):
        context = c.armed_actor or c.strong_conflict or c.displaced_ctx or c.detention_ctx or c.group
        add(7, "7.9", "e_sexual_violence", f"context {{{context}}}")
        if c.investigate:
            add(2, "2.3", c.investigate)
    if ("e_displacement" in cues) or (("e_camps" in cues) and (c.group or c.displaced_ctx != "e_camps")):
        add(
            7,
            "7.10",
            first("e_displacement", "e_camps"),
        )
        if c.conflict and has("e_humanitarian_aid", "e_humanitarian_access", "e_hum_access"):
            add(
                13,
                "13.8",
                first("e_displacement", "e_camps"),
            )
    if "e_places_worship" in cues:
        if "k_attack" in cues:
            add(7, "7.11", "e_places_worship")
        add(9, "9.1", "e_places_worship")
    hs = first("e_hate_speech_group", "e_hate_speech")
    hs_weak = ("e_hate_speech_weak" if "e_hate_speech_weak" in cues else None) or (
        ("e_hate_weak" if "e_hate_weak" in cues else None) if c.group else None
    )
    if hs or hs_weak:
        add(7, "7.14", hs or hs_weak)
        if (hs and has("a_criminalize", "a_investigate")) or (hs_weak and ("a_criminalize" in cues)):
            add(8, "8.7", hs or hs_weak, "hate speech as an offence")
        if ("e_hate_speech_group" in cues) or c.group:
            add(9, "9.1", hs or hs_weak)
    if "e_incitement" in cues:
        add(7, "7.14", "e_incitement")
        add(8, "8.7", "e_incitement")
        if c.group:
            add(9, "9.6", "e_incitement")
    return out.hits


def rf8_rules(c: CueContext) -> list[RuleHit]:
    """RF8 triggering factors: elections, coups, projects affecting a protected group."""
    cues = c.cues
    out = _Hits()
    add = out.add
    first = c.first
    elections = ("r_elections" if "r_elections" in cues else None) or (
        ("r_elections_weak" if "r_elections_weak" in cues else None) if "k_temporal" not in cues else None
    )
    if (
        elections
        and not (("r_voter_ed" in cues) and "k_attack" not in cues)
        and not (c.group and cues.isdisjoint(("k_attack", "k_threat")))
    ):
        add(8, "8.8", elections)
    if ("r_coup" in cues) and not (("k_temporal" in cues) and ("a_investigate" in cues)):
        add(1, "1.4", "r_coup")
        add(8, "8.4", "r_coup")
    if ("r_fpic" in cues) or (("r_projects" in cues) and c.group):
        if "r_projects" in cues:
            add(8, "8.10", "r_projects", "projects affecting a protected group")
        add(
            9,
            "9.4",
            first("r_fpic", "r_projects"),
        )
    return out.hits


def rf9_rules(c: CueContext) -> list[RuleHit]:
    """RF9 the group gate, and RF10 conduct against a protected group."""
    cues = c.cues
    out = _Hits()
    add = out.add
    has = c.has
    first = c.first
    if c.group:
        added = False
        if has("g_gap", "g_gap_regional"):
            add(9, "9.4", c.group)
            add(
                1,
                "1.9",
                first("g_gap", "g_gap_regional"),
                "gaps between groups",
            )
            added = True
        if has("g_land", "r_vote", "r_elections", "r_elections_weak"):
            add(9, "9.4", c.group)
            added = True
        if has("g_language", "g_stateless"):
            add(9, "9.2", c.group)
            added = True
        if has("g_plan", "i_hre_school", "s_dialogue_weak"):
            add(9, "9.6", c.group)
            added = True
        if ("g_discrimination" in cues) or not added:
            add(9, "9.1", c.group)
    elif "g_gap_regional" in cues or ("g_gap" in cues and "g_regions" in cues):
        add(1, "1.9", "g_gap_regional" if "g_gap_regional" in cues else "g_gap", "gaps between regions")
    if ("x_sterilization" in cues) and c.group:
        add(10, "10.4", "x_sterilization", "birth prevention in a protected group")
        add(9, "9.1", "x_sterilization")
    if ("x_child_removal" in cues) and c.group:
        add(10, "10.4", "x_child_removal")
    if ("x_genocidal" in cues) and (c.group or has("t_genocide", "v_atrocity")):
        add(10, "10.1", "x_genocidal")
    return out.hits


def rf11_rf12_rules(c: CueContext) -> list[RuleHit]:
    """RF11 widespread or systematic conduct; RF12 collective punishment and settlement."""
    cues = c.cues
    out = _Hits()
    add = out.add
    has = c.has
    first = c.first
    if ("x_systematic" in cues) and (c.viol or has("k_attack", "e_displacement", "e_sexual_violence", "w_civilians")):
        add(11, "11.5", "x_systematic", "widespread or systematic")
        if not c.viol:
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
            first("x_settlement", "x_settlement_weak"),
        )
    return out.hits


def rf13_rf14_rules(c: CueContext) -> list[RuleHit]:
    """RF13 armed-conflict signals; RF14 peace operations."""
    cues = c.cues
    out = _Hits()
    add = out.add
    has = c.has
    if c.strong_conflict:
        if not (c.strong_conflict == "w_weapons" and ("t_weapons" in cues) and ("a_ratify" in cues)):
            add(13, "13.10" if c.strong_conflict == "w_weapons" else None, c.strong_conflict, "armed-conflict signal")
    elif c.conflict in ("w_armed_conflict", "w_armed_groups") and (
        has("e_sexual_violence", "w_civilians", "c_ddr")
        or (has("e_humanitarian_access", "e_humanitarian_aid", "e_hum_access") and ("p_access" in cues))
        or (c.conflict == "w_armed_groups" and (c.viol or ("k_attack" in cues)))
    ):
        add(13, None, c.conflict, "conduct in armed conflict")
    if ("w_missing" in cues) and (c.conflict or has("w_post_conflict", "w_conflict_weak", "v_disappear")):
        add(13, None, "w_missing", "missing persons")
    if ("t_opac" in cues) and "a_ratify" not in cues:
        add(13, None, "t_opac")
    if ("p_peacekeeping" in cues) and "p_contribute" not in cues:
        if has("p_safety", "k_attack"):
            add(14, "14.4", "p_peacekeeping", "safety of operations")
        if "p_access" in cues:
            add(14, "14.5", "p_peacekeeping", "access of operations")
        if c.coop or has("p_access", "p_safety"):
            add(6, "6.4", "p_peacekeeping")
    return out.hits


RULES: tuple[Callable[[CueContext], list[RuleHit]], ...] = (
    treaty_rules, serious_violation_rules, death_penalty_rules, institution_rules, rf4_rf5_rules, rf6_rules,
    rf7_rules, rf8_rules, rf9_rules, rf11_rf12_rules, rf13_rf14_rules,
)  # fmt: skip


def decide_cues(cues: frozenset[str]) -> tuple[RuleHit, ...]:
    """Run every rule over the context of ``cues``, in codebook order (uncached; see ``risk_rules.decide``)."""
    context = CueContext.of(cues)
    hits = [hit for rule in RULES for hit in rule(context)]
    if context.investigate and not any(h.rf == 2 for h in hits):
        # sexual violence the rules count under RF7 (7.9: by security forces or armed groups, in conflict,
        # detention or displacement, or against a protected group): "accountability adds RF2 (2.3)"
        crsv = next((h.cue for h in hits if h.rf == 7 and h.indicator == "7.9"), None)
        if crsv is not None:
            hits.append(RuleHit(2, "2.3", context.investigate, f"accountability for {{{crsv}}}"))
    return tuple(hits)


def cue_ids_named_by_rules() -> frozenset[str]:
    """Cue ids the rule constants name (checked against the loaded lexicon)."""
    return frozenset(
        REL_TREATIES
        + VIOLATIONS
        + GENERIC_VIOLATIONS
        + CONDUCT
        + GROUPS
        + STRONG_CONFLICT
        + CIVIC
        + CONFLICT_ANY
        + EMERGENCY_PROTECTION
    )
