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

__all__ = [
    "CUES",
    "RuleHit",
    "RuleResult",
    "cue_label",
    "decide",
    "match_cues",
    "match_cues_batch",
    "match_cues_spacy",
    "normalize",
    "apply_rules",
    "apply_rules_batch",
]

# ---------------------------------------------------------------------------------------------------------------
# Lexicon. Pattern syntax: lower-case phrases; "{a|b|}" expands to alternatives (an empty one = optional).
# Phrases should avoid commas and rely on the token boundaries shared by spaCy and the regex.
# ---------------------------------------------------------------------------------------------------------------

_S = "{|s}"  # optional plural
_CUE_TABLE: list[tuple[str, str, tuple[str, ...]]] = []


def _cue(cid: str, label: str, *patterns: str) -> None:
    _CUE_TABLE.append((cid, label, patterns))


# fmt: off
# --- treaties that count (codebook section 3) ---
_cue("t_rome", "Rome Statute / ICC", "rome statute", "statute of rome",
     "rome statute of the international criminal court", "international criminal court", "kampala amendment{|s}",
     "amendments to the rome statute",
     "agreement on {the |}privileges and immunities of the {international criminal court|icc}", "apic")
_cue("t_icc", "ICC", "icc")
_cue("t_statutory", "Convention on statutory limitations for war crimes",
     "convention on the non-applicability of statutory limitations to war crimes and crimes " "against humanity",
     "non-applicability of statutory limitations")
_cue("t_genocide", "Genocide Convention", "genocide convention",
     "convention on the prevention and punishment of the crime of genocide",
     "prevention and punishment of {the |}{crime of |}genocide", "convention against genocide",
     "convention on genocide")
_cue("t_cat", "Convention against Torture", "convention against torture", "cat", "uncat",
     "un convention against torture", "torture convention",
     "convention against torture and other cruel inhuman {or|and} degrading treatment " "{or|of|and} punishment",
     "convention against torture and other cruel inhuman {or|and} degrading treatment")
_cue("t_opcat", "OPCAT", "opcat", "op-cat", "op cat",
     "optional protocol {to|of} {the |}{convention against torture|cat|uncat}",
     "optional protocol to the convention against torture and other cruel inhuman or degrading "
     "treatment or punishment", "optional protocol against torture", "optional protocol to the torture convention")
_cue("t_icpped", "Convention on Enforced Disappearance", "icpped", "cped", "ced", "icped", "cpped", "icppd", "icpd",
     "{international |}convention {for|on} the protection of all persons {from|against} "
     "{enforced|forced} disappearance{|s}",
     "{international |}convention {on|against|for} {the |}{enforced|forced} disappearance{|s}",
     "convention on disappearance{|s}", "enforced disappearances convention", "disappearance convention",
     "convention on the protection of persons from enforced disappearance{|s}")
_cue("t_geneva", "Geneva Conventions / Additional Protocols", "geneva convention{|s}",
     "additional protocol{|s} {to|of} the geneva conventions", "additional protocol {i|ii|iii|1|2|3}",
     "additional protocols {i|1} and {ii|2}", "protocols additional to the geneva conventions",
     "four geneva conventions", "protocol{|s} additional to the geneva conventions")
_cue("t_iccpr", "ICCPR", "iccpr", "international covenant on civil and political rights",
     "covenant on civil and political rights", "international covenant on civil and political right",
     "international human rights covenants", "two international covenants", "international covenants",
     "both covenants", "two covenants", "international covenants on human rights")
_cue("t_iccpr_op1", "ICCPR first Optional Protocol",
     "{first |}optional protocol {to|of} the {iccpr|international covenant on civil and " "political rights}",
     "first optional protocol", "iccpr-op1", "iccpr op1", "op1", "op-1", "op1-iccpr", "iccpr-op-1",
     "optional protocols {to|of} the {iccpr|international covenant on civil and political rights}",
     "{two |both |}optional protocols {to|of} the {iccpr|international covenant on civil and " "political rights}")
_cue("t_iccpr_op2", "ICCPR Second Optional Protocol (death penalty)", "second optional protocol", "second op", "op2",
     "op-2", "iccpr-op2", "iccpr-op-2", "iccpr op2", "op2-iccpr", "iccpr-op 2",
     "aiming at the abolition of the death penalty", "aiming to abolish the death penalty",
     "optional protocol on the abolition of the death penalty",
     "second optional protocol {to|of} {the |}{iccpr|international covenant on civil and " "political rights}",
     "{second |}optional protocol {to|of} the {iccpr|international covenant on civil and "
     "political rights} {aiming at|on|for} the abolition of the death penalty")
_cue("t_its_op", "its optional protocols", "{and |}its {two |first |}optional protocol{|s}",
     "optional protocol{|s} thereto", "{and |}the {two |first |}optional protocols thereto")
_cue("t_icerd", "ICERD", "icerd", "cerd",
     "international convention on the elimination of all forms of racial discrimination",
     "convention on the elimination of all forms of racial discrimination",
     "convention on the elimination of racial discrimination", "convention against racial discrimination")
_cue("t_opac", "OP on children in armed conflict", "opac", "op-ac", "op ac", "crc-opac", "op-crc-ac", "opcrc-ac",
     "involvement of children in armed conflict{|s}", "children in armed conflict{|s}",
     "optional protocols to the {crc|convention on the rights of the child}",
     "{two |both |}optional protocols to the {crc|convention on the rights of the child}",
     "children and armed conflict")
_cue("t_refugee", "Refugee Convention / Protocol", "1951 convention", "refugee convention", "refugees convention",
     "1951 refugee convention", "convention relating to the status of refugees", "1967 protocol",
     "protocol relating to the status of refugees", "geneva convention relating to the status of refugees",
     "1951 geneva convention", "1951 un convention", "convention on the status of refugees",
     "1951 convention relating to the status of refugees")
_cue("t_stateless", "statelessness conventions", "1954 convention", "1961 convention", "statelessness convention{|s}",
     "convention{|s} on statelessness", "convention relating to the status of stateless persons",
     "convention on the reduction of statelessness", "conventions on stateless persons", "reduction of statelessness",
     "status of stateless persons")
_cue("t_ilo169", "ILO Convention 169", "ilo convention 169", "ilo convention no. 169", "ilo convention no 169",
     "convention no. 169", "convention no 169", "convention 169", "ilo 169", "ilo-169", "c169", "ilo c169",
     "ilo convention nº 169", "indigenous and tribal peoples convention", "ilo convention no.169",
     "convention no.169", "indigenous and tribal peoples in independent countries",
     "concerning indigenous and tribal peoples")
_cue("t_kampala", "Kampala Convention on IDPs", "kampala convention",
     "convention for the protection and assistance of internally displaced persons in africa")
_cue("t_weapons", "IHL weapons treaty", "mine ban treaty", "ottawa convention", "ottawa treaty",
     "convention on cluster munitions", "cluster munitions convention", "convention on certain conventional weapons",
     "ccw", "chemical weapons convention", "biological weapons convention", "anti-personnel mine ban convention",
     "convention on the prohibition of the use stockpiling production and transfer of " "anti-personnel mines")
_cue("t_att", "Arms Trade Treaty", "arms trade treaty", "att")
_cue("t_regional", "regional human rights treaty", "inter-american convention to prevent and punish torture",
     "inter-american convention on forced disappearance of persons", "american convention on human rights",
     "european convention on human rights", "european convention for the prevention of torture",
     "african charter on human and peoples' rights", "framework convention for the protection of national minorities",
     "framework convention on national minorities", "european charter for regional or minority languages",
     "arab charter on human rights", "inter-american convention against racism")
_cue("t_uncac", "UN Convention against Corruption", "uncac", "convention against corruption",
     "un convention against corruption", "united nations convention against corruption")
# --- treaties that do not count ---
_cue("t_other", "treaty outside the atrocity-relevant list", "icescr",
     "international covenant on economic social and cultural rights",
     "covenant on economic social and cultural rights", "op-icescr", "opicescr", "cedaw", "op-cedaw", "opcedaw",
     "convention on the elimination of all forms of discrimination against women", "crc",
     "convention on the rights of the child", "crpd", "convention on the rights of persons with disabilities",
     "icrmw", "icmw", "icpmw", "migrant workers", "migrant workers convention", "opsc", "op-sc", "op3", "op3-crc",
     "opic", "sale of children", "communications procedure", "palermo protocol", "istanbul convention",
     "convention against transnational organized crime", "convention against discrimination in education",
     "ilo convention{|s}", "convention 189", "convention no. 189", "convention 182", "convention 138",
     "hague convention", "optional protocol to the convention on the rights of the child",
     "optional protocol to the {icescr|cedaw|crpd}", "african charter on the rights and welfare of the child",
     "maputo protocol")
_cue("t_core", "core human rights treaties", "core human rights treat{y|ies}",
     "core international human rights treat{y|ies}", "core human rights instruments",
     "core international human rights instruments", "main human rights treaties", "remaining human rights treaties",
     "remaining core", "international human rights instruments", "human rights instruments",
     "international human rights treaties", "human rights treaties", "core treaties", "core conventions",
     "international instruments", "human rights conventions", "international conventions", "optional protocol{|s}")
# --- what the State is asked to do ---
_cue("a_ratify", "ratify", "ratify", "ratifies", "ratifying", "ratification{|s}", "accede", "accedes", "acceding",
     "accession", "become {a |}party", "becoming {a |}party", "becomes {a |}party", "sign", "signing", "signature",
     "interpretative declaration{|s}", "interpretive declaration{|s}", "interpretive statement{|s}",
     "interpretative statement{|s}", "adhere to", "adhesion", "join", "joining",
     "withdraw{|al of} {its |the |all |remaining |}reservation{|s}",
     "lift {its |the |all |remaining |}reservation{|s}", "withdrawing {its |the |all |}reservation{|s}",
     "lifting {its |the |all |}reservation{|s}", "remove {its |the |}reservation{|s}", "reservation{|s}",
     "consider ratifying", "ratify or accede")
_cue("a_harmonize", "bring law into line with a treaty", "compliance with its obligations under",
     "compliance with the obligations under", "compliance with obligations under", "harmonize", "harmonise",
     "harmonizing", "harmonising", "harmonization", "harmonisation", "align", "aligning", "alignment", "domesticate",
     "domesticating", "domestication", "incorporate", "incorporating", "incorporation", "implementing legislation",
     "into line with", "into conformity with", "into harmony with",
     "bring {its |}{national |domestic |}{legislation|laws}", "enabling legislation", "transpose", "transposition",
     "into its legislation", "into national legislation", "into domestic legislation", "into its domestic",
     "into its national", "into domestic law", "into national law", "into its law{|s}",
     "{legislation|law|laws|legal framework|criminal code|penal code|constitution} {in|into} "
     "{line|conformity|harmony|accordance|compliance} with", "full compliance with", "into full compliance",
     "full incorporation", "{full |unrestricted |full and unrestricted |}implementation of the provisions",
     "integration of the provisions", "integrating the provisions", "integrate the provisions")
_cue("a_investigate", "investigate and prosecute", "investigate", "investigates", "investigated", "investigating",
     "investigation{|s}", "prosecute", "prosecuted", "prosecuting", "prosecution{|s}", "to justice",
     "bring to justice", "brought to justice", "hold accountable", "held accountable", "holding accountable",
     "accountable", "accountability", "punish", "punished", "punishing", "perpetrator{|s}", "those responsible",
     "persons responsible", "alleged perpetrators", "sanction", "sanctioned", "inquiry", "inquiries", "probe",
     "try and punish", "tried", "convicted")
_cue("a_impunity", "impunity", "impunity", "culture of impunity", "immunity", "immunities", "amnesty", "amnesties",
     "amnesty law{|s}", "statute of limitations", "statutes of limitations")
_cue("a_redress", "compensation / remedy / redress", "compensation", "compensate", "compensated", "remedy",
     "remedies", "redress", "effective remedy", "restitution", "rehabilitation")
_cue("a_reparation", "reparations for victims", "reparation{|s}", "comprehensive reparation")
_cue("a_reparation_programme", "reparations programme or law", "reparations programme", "reparation program{|me}",
     "victims' law", "victims law", "victims and land restitution law", "national council for reparations",
     "statute for victims", "reparations law", "law on reparations", "reparation law", "truth justice memory",
     "memory and reparation", "reparations commission", "reparations fund")
_cue("a_victim_support", "support to victims", "victim assistance", "assistance to victims", "support to victims",
     "support for victims", "assistance to the victims", "psychosocial support", "psycho-social support",
     "psychosocial", "psycho-social", "rehabilitation of victims", "rehabilitation for victims", "care for victims")
_cue("a_criminalize", "criminalise / define in law", "criminalize", "criminalise", "criminalizes", "criminalises",
     "criminalizing", "criminalising", "criminalization", "criminalisation", "define", "defining", "definition",
     "criminal offence{|s}", "criminal offense{|s}", "specific offence", "specific crime", "autonomous crime",
     "separate crime", "distinct crime", "criminal code", "penal code", "criminal law", "crime under",
     "offence under", "punishable", "as a crime", "as an offence", "offence of", "crime of", "penal legislation",
     "criminal legislation", "criminal provisions", "penal provisions", "criminal justice", "concept of torture",
     "criminal justice response")
_cue("n_decrim", "decriminalise", "decriminali{z|s}e", "de-criminali{z|s}e", "decriminali{z|s}ation",
     "de-criminali{z|s}ation", "decriminali{z|s}ing", "de-criminali{z|s}ing")
_cue("a_monitor", "independent monitoring / complaints", "independent mechanism{|s}", "independent body",
     "independent bodies", "complaint{|s} mechanism{|s}", "complaint{|s} procedure{|s}", "complaints", "complaint",
     "monitoring mechanism", "independent monitoring", "independent oversight", "monitor places of detention",
     "visits to places of detention", "unannounced visits", "inspection{|s}", "independent complaints",
     "independent investigative body", "monitoring of places of detention", "independent monitors",
     "independent inspection", "independent observers", "independent human rights observers", "monitor conditions",
     "monitoring of prisons", "monitor prisons", "monitoring of detention", "prison monitoring",
     "monitoring of all places of detention", "monitoring system", "system of independent monitoring")
_cue("a_prevent", "prevent / stop", "prevent", "prevents", "preventing", "prevention", "end", "ends", "put an end",
     "stop", "cease", "halt", "eradicate", "eradicating", "eradication", "eliminate", "eliminating", "combat",
     "combating", "combatting", "fight", "fighting", "refrain", "refrain from", "abolish", "prohibit", "prohibition",
     "ban", "release", "protect", "protection", "ensure that no", "no longer", "curb", "curtail", "guarantee", "free",
     "stamp out", "respect", "safeguard", "safeguards", "abstain")
_cue("k_capacity", "capacity / resources", "capacity", "capacities", "resources", "adequate resources", "funding",
     "budget", "financial resources", "human resources", "staff", "staffing", "strengthen the capacity", "means")
_cue("k_recs", "recommendations", "recommendations", "recommendation", "recommended")
_cue("k_context_ref", "reference to a mechanism's findings", "as noted by", "noted by", "raised by",
     "as recommended by", "recommended by", "expressed by", "as pronounced by", "pronounced by", "highlighted by",
     "identified by", "concerns expressed by", "as requested by", "requested by", "by several special rapporteurs",
     "as emphasized by", "in line with the recommendation", "in line with recommendations")
_cue("k_temporal", "time reference", "after the", "since the", "ahead of the", "in the aftermath of", "aftermath of",
     "prior to the", "following the", "in the run-up to", "in the context of", "before the", "in advance of")
_cue("k_independence", "independence / impartiality", "independence", "independent", "impartiality", "impartial",
     "autonomy", "independence and impartiality", "impartiality and independence", "independent and impartial")
_cue("a_train", "training", "training", "train", "trained", "trainings", "human rights training",
     "training in human rights", "training on human rights", "programmes on human rights",
     "human rights programmes for", "capacity building", "capacity-building", "educate", "awareness training",
     "instruction", "courses", "manuals")
_cue("k_law", "law / legislation", "law", "laws", "legislation", "legal framework", "legislative", "act", "bill",
     "decree", "decrees", "provision{|s}", "code", "amend", "amendment{|s}", "amending", "repeal", "repealing",
     "revise", "revising", "revision", "review", "reviewing", "enact", "enacting", "adopt legislation", "legal",
     "legally", "regulation{|s}", "statute", "article")
_cue("k_restrict", "restrictions", "restrict", "restricting", "restriction{|s}", "restrictive", "restricted",
     "censorship", "censor", "censored", "control", "controls", "shut down", "limit", "limits", "limitation{|s}",
     "unduly", "undue", "obstacles", "impediments", "criminali{z|s}ation of", "blocked", "block", "ban on", "bans",
     "prohibitions", "crackdown", "repression", "repressive", "suppression", "suppress", "silence", "intimidate")
_cue("k_threat", "threats / harassment", "threat{|s}", "threatened", "intimidation", "harassment", "harass",
     "intimidate", "intimidating", "threatening", "acts of intimidation", "stigmati{z|s}ation")
_cue("k_attack", "attacks / violence", "attack{|s}", "attacked", "violent attacks", "physical attacks", "violence",
     "violent", "assault{|s}", "destruction", "destroy", "destroyed", "crimes against", "crimes and violations",
     "vandalism", "desecration", "looting", "arson", "burning", "damage", "persecution", "persecuted",
     "reprisals against", "acts of violence", "violence against", "murder{|s}", "murdered", "beaten", "beatings",
     "abduction{|s}", "abducted", "kidnapping{|s}", "kidnapped")
_cue("k_enabling", "enabling environment for civil society", "enabling environment", "safe and enabling environment",
     "civic space", "space for civil society", "operate freely", "work freely", "freely", "without fear",
     "without undue", "without interference", "independently", "safe environment", "free from", "able to carry out",
     "carry out their work", "carry out their activities", "legitimate work", "legitimate activities", "their work",
     "their activities")
# --- RF2 conduct ---
_cue("v_torture", "torture / ill-treatment", "forced confession", "coerced confession", "torture", "tortured",
     "torturing", "ill-treatment", "ill treatment", "ill-treatments", "mistreatment", "maltreatment", "ill-treat",
     "ill-treated", "cruel inhuman or degrading", "cruel inhuman and degrading", "inhuman or degrading",
     "inhuman and degrading", "degrading treatment", "cruel and inhuman", "acts of torture",
     "torture and ill-treatment", "cruel treatment", "forced confessions", "confessions obtained",
     "confessions extracted", "coerced confessions", "confessions under duress")
_cue("v_judicial_cp", "judicial corporal punishment", "flogging", "floggings", "whipping", "lashing", "lashes",
     "caning", "amputation{|s}", "stoning", "judicial corporal punishment",
     "corporal punishment as a {sentence|criminal sanction|judicial sanction}", "cross-amputation")
_cue("v_disappear", "enforced disappearance", "enforced disappearance{|s}", "forced disappearance{|s}",
     "involuntary disappearance{|s}", "disappearance{|s}", "disappeared", "abduction{|s} by security forces")
_cue("v_killing", "extrajudicial killing", "extrajudicial killing{|s}", "extra-judicial killing{|s}",
     "extrajudicial execution{|s}", "extra-judicial execution{|s}", "summary execution{|s}",
     "arbitrary execution{|s}", "extrajudicial summary or arbitrary execution{|s}",
     "extra-judicial summary or arbitrary execution{|s}", "extrajudicial summary and arbitrary execution{|s}",
     "unlawful killing{|s}", "targeted killing{|s}", "killing{|s}", "killed", "assassination{|s}", "massacre{|s}",
     "mass grave{|s}", "deaths in custody", "death in custody", "custodial death{|s}", "died in custody",
     "deaths in detention", "death squads", "deaths in police custody", "selective assassinations")
_cue("v_force", "excessive use of force", "excessive use of force", "excessive force",
     "disproportionate use of force", "disproportionate force", "use of force", "use of lethal force", "lethal force",
     "use of firearms", "firearms", "rules of engagement", "taser{|s}", "police brutality", "police violence",
     "violence by the police", "act with restraint", "violence by police", "abuses by police", "abuses by the police",
     "police abuse{|s}", "live ammunition", "less-lethal weapons", "electroshock weapons", "use of force by",
     "force against", "tear gas", "rubber bullets", "water cannon{|s}")
_cue("v_arbitrary", "arbitrary or secret detention", "administrative detainees", "legality of their detention",
     "legality of detention", "habeas corpus", "arbitrary detention{|s}", "arbitrary arrest{|s}",
     "arbitrarily detained", "arbitrarily arrested", "arbitrary arrests and detentions", "arbitrarily",
     "secret detention{|s}", "secret prison{|s}", "incommunicado", "detention without charge{|s}",
     "detained without charge", "held without charge", "without charge or trial", "unacknowledged detention",
     "detention without trial", "places of detention not officially recognized", "unofficial places of detention",
     "illegal detention", "unlawful detention", "arbitrary deprivation of liberty", "detained without trial",
     "arbitrary arrests", "arbitrary detentions", "without a warrant", "without warrant",
     "secret places of detention", "without a legal basis", "without legal basis", "de facto detention",
     "unofficial detention", "or released", "or release them", "or be released", "charge or release",
     "charged or released", "released or charged", "collective arrests", "mass arrests", "release all detainees",
     "release all those detained", "release all persons detained", "release of all detainees",
     "release all {the |}detainees", "release all those held")
_cue("v_arrest", "arrest / imprisonment", "arrest{|s}", "arrested", "arresting", "arrest and detention",
     "arrests and detentions", "imprisonment", "imprisoned", "imprisoning", "incarceration", "incarcerating",
     "incarcerate", "jailed", "jailing", "detaining", "detain", "detained", "criminal prosecutions",
     "prosecutions of", "detention of", "harassment and arrest", "prosecuting individuals")
_cue("v_political", "political prisoners", "politically motivated trials", "political trials",
     "politically motivated charges", "politically motivated prosecutions", "political prisoner{|s}",
     "prisoner{|s} of conscience", "political detainee{|s}", "for political reasons", "detained for exercising",
     "imprisoned for exercising", "detained for political", "detained solely for", "imprisoned solely for",
     "persons detained for political reasons")
_cue("v_political_weak", "political opponents / dissent", "political opponent{|s}", "political opposition",
     "opposition members", "members of the opposition", "opposition leader{|s}", "opposition parties",
     "opposition party", "opposition figures", "opposition activists", "political activist{|s}", "dissident{|s}",
     "political dissent", "political grounds", "politically motivated", "peaceful exercise",
     "critics of the government", "government critics", "peaceful critics", "political beliefs",
     "political opinion{|s}", "political views", "political affiliation", "opposition", "dissent", "dissenting")
_cue("v_serious", "serious human rights violations", "acts violating", "violating international human rights",
     "{serious|gross|grave|massive|flagrant} {human rights |}violation{|s}",
     "{serious|gross|grave} {human rights |}abuse{|s}", "human rights violation{|s}", "violation{|s} of human rights",
     "human rights abuse{|s}", "abuses of human rights", "violations committed", "abuses committed",
     "violations perpetrated", "crimes committed", "serious crimes", "grave crimes",
     "serious violations of international humanitarian law", "alleged violations", "violations by",
     "authors of violations", "violations of {all |international |}human rights", "human rights allegations",
     "allegations of human rights violations", "human rights violators", "violators of human rights",
     "perpetrators of violations")
_cue("v_atrocity", "atrocity crimes", "war crime{|s}", "crime{|s} against humanity", "genocide", "atrocit{y|ies}",
     "atrocity crimes", "ethnic cleansing", "crimes of genocide", "international crimes", "core international crimes",
     "mass atrocity crimes", "mass atrocities", "ethnically cleansed", "holocaust", "shoah")
_cue("v_security_forces", "security forces", "gendarmes", "policemen", "police men", "policewomen", "security forces",
     "security force", "security personnel", "security services", "security agents", "law enforcement officials",
     "law enforcement officers", "law enforcement agencies", "law enforcement", "law-enforcement", "police officers",
     "police", "armed forces", "military", "soldiers", "army", "state agents", "public officials", "gendarmerie",
     "intelligence services", "prison staff", "prison guards", "prison officers", "prison personnel", "border guards",
     "military personnel", "security and police forces", "defence forces", "members of the security forces",
     "police force{|s}", "police personnel", "officials", "state officials", "agents of the state",
     "law enforcement personnel", "law enforcing", "law enforcement authorities", "public order forces",
     "forces of order", "security and defence forces", "defence and security forces", "security and defense forces",
     "defense and security forces", "law enforcement bodies")
_cue("v_universal_jur", "universal jurisdiction", "universal jurisdiction")
_cue("v_trans_justice", "transitional justice", "transitional justice", "truth commission",
     "truth and reconciliation", "truth reconciliation", "reconciliation", "truth-seeking", "right to truth",
     "memoriali{z|s}ation", "commission for reconciliation", "truth justice and reparation", "truth and justice",
     "lessons learnt and reconciliation", "lessons learned and reconciliation", "llrc", "cavr", "historical memory",
     "dealing with the past", "national reconciliation", "truth justice reparation", "guarantees of non-recurrence",
     "guarantees of non-repetition")
_cue("v_denial", "denial / acknowledgement of past crimes", "denial", "deny", "denying", "acknowledge",
     "holocaust denial", "genocide denial", "acknowledgement", "acknowledgment", "recognition of the genocide",
     "revisionism", "historical revisionism")
_cue("v_glorify", "glorification of perpetrators", "glorification", "glorify", "glorifying", "commemoration{|s}",
     "heroi{z|s}ation", "heroi{z|s}ing", "honouring", "marches")
# --- RF3 institutions ---
_cue("i_nhri", "national human rights institution", "national human rights institution{|s}", "nhri{|s}",
     "human rights commission", "human rights commissions", "national human rights commission",
     "commission on human rights", "commission for human rights", "national commission for human rights",
     "national commission on human rights", "paris principles", "ombudsman", "ombudsperson", "ombudsman's office",
     "ombudsmen", "ombuds", "public defender", "people's advocate", "defender of rights", "defensor del pueblo",
     "human rights ombudsman", "mediator of the republic", "national human rights council",
     "international coordinating committee", "icc accreditation", "human rights institution{|s}",
     "national institution{|s} for human rights", "national institution for the promotion and protection",
     "protector of citizens", "human rights defender's office", "office of the human rights defender",
     "chancellor of justice", "procurator for human rights", "national institution for human rights",
     "office of the ombudsman", "provedor", "national human rights body", "national human rights mechanism",
     "national commission on the rights of the child", "children's ombudsman", "ombudsman for children",
     "commission on the rights of the child", "children's commissioner", "human rights defender institution",
     "institution of the human rights defender", "national human rights institute", "human rights institute")
_cue("i_nhri_weak", "accreditation", "a status", "a-status", "status a", "accreditation", "accredited",
     "national institution", "accreditation status")
_cue("i_npm", "national preventive mechanism", "national preventive mechanism{|s}", "npm",
     "national mechanism for the prevention of torture", "national prevention mechanism", "preventive mechanism",
     "national torture prevention mechanism")
_cue("i_judiciary", "judicial independence", "independence of the judiciary", "judicial independence",
     "independent judiciary", "independence of judges", "independence of the judicial system",
     "independence of the judicial", "independence of the courts", "independence and impartiality of the judiciary",
     "impartiality of the judiciary", "independent and impartial judiciary", "separation of powers",
     "judicial council", "council of the judiciary", "high judicial council", "appointment of judges",
     "tenure of judges", "irremovability", "dismissal of judges", "independence of lawyers",
     "independence of the legal profession", "independence of prosecutors", "independence of the prosecution",
     "military court{|s}", "military tribunal{|s}", "military justice", "state security court{|s}",
     "special court{|s}", "revolutionary court{|s}", "exceptional courts", "emergency courts",
     "civilians before military", "civilians in military courts", "independence of the justice",
     "independent and impartial", "fully independent judiciary", "independent judicial", "impartial judiciary",
     "security of tenure", "judicial appointments", "selection of judges", "removal of judges",
     "military jurisdiction", "courts martial", "court martial", "court-martial", "independent judges")
_cue("i_justice_actors", "judges / prosecutors / courts", "judiciary", "judicial system", "justice system", "judges",
     "prosecutors", "lawyers", "courts", "judicial", "judicial reform", "justice sector", "judicial sector",
     "judicial officers", "magistrates", "judicial personnel", "justice officials", "judicial authorities",
     "legal professionals", "public prosecutor{|s}", "prosecutor's office", "justice", "rule of law",
     "judicial institutions", "court{|s}")
_cue("i_judicial_generic", "court efficiency / legal aid", "court backlog{|s}", "backlog{|s}", "legal aid",
     "access to justice", "efficiency of the judiciary", "efficiency of the justice system", "case management",
     "delays in", "length of proceedings", "efficiency", "speedy trial", "undue delay", "free legal assistance",
     "legal assistance", "fair trial", "fair trials", "right to a fair trial", "due process", "fair trial guarantees")
_cue("i_civilian_control", "civilian control of security forces", "civilian control", "civilian oversight",
     "democratic control", "vetting", "vetted", "oversight of the security", "oversight of the police",
     "police oversight", "oversight body", "oversight bodies", "oversight mechanism{|s}",
     "independent police complaints", "police complaints", "security sector reform", "police complaint mechanism",
     "police complaints mechanism", "security sector", "reform of the security", "ssr",
     "removal of the military from civilian functions", "demilitari{z|s}ation", "demilitari{z|s}e",
     "external oversight", "military from civilian", "military personnel in civilian", "military in civilian",
     "involvement of the military in", "police reform", "reform of the police", "reform of the armed forces",
     "army reform", "defence sector reform", "defence and security sector{|s}", "security sectors",
     "responsibility and direct authority")
_cue("i_corruption", "corruption", "corruption", "anti-corruption", "anticorruption", "corrupt", "bribery", "graft",
     "illicit enrichment", "bribes", "anti corruption", "corrupt practices")
_cue("i_hr_content", "human rights / IHL content", "human rights training", "training in human rights",
     "training on human rights", "human rights law", "international human rights law", "human rights standards",
     "human rights norms", "human rights", "international standards", "code of conduct", "prohibition of torture",
     "istanbul protocol", "basic principles on the use of force", "code of conduct for law enforcement",
     "human rights principles", "human rights obligations", "human rights-based", "international norms",
     "rights of detainees", "rights of suspects", "human rights module{|s}", "international obligations", "norms",
     "obligations", "basic principles on the use of force and firearms",
     "basic principles on the use of force and firearms by law enforcement officials")
_cue("i_hre_school", "human rights education in schools", "human rights education", "school curricula",
     "school curriculum", "curricula", "curriculum", "schools", "educational programmes", "awareness campaign{|s}",
     "awareness-raising", "awareness raising", "public awareness", "sensitization", "sensitisation",
     "world programme for human rights education", "educational system", "education system", "textbooks",
     "human rights culture")
_cue("i_weapons_review", "legal review of weapons", "legal review of {new |}weapons", "article 36 review",
     "weapons review{|s}", "review of new weapons")
_cue("i_indiv_complaints", "individual complaint procedure", "individual complaint{|s}",
     "individual communication{|s}", "individual petition{|s}", "inter-state complaint{|s}",
     "competence of the committee{|s}", "competence of the committee against torture",
     "competence of the committee on enforced disappearances", "article 14 of icerd",
     "article 22 of the convention against torture", "article 22 of cat", "articles 31 and 32", "article 31 and 32",
     "declaration under article{|s}", "declarations under article{|s}", "declaration provided for in article",
     "receive and consider communications", "complaint mechanisms of", "individual complaints mechanism{|s}",
     "inquiry procedure", "african court", "inter-american court", "european court of human rights",
     "declaration under article 34", "article 34 of the protocol", "direct access to the court",
     "communications procedure under", "complaint procedures under", "individual complaint procedures",
     "articles 21 and 22", "article 21 and 22", "articles 20 21 and 22", "individual complaints procedure{|s}",
     "optional communications procedure", "african court on human and peoples' rights")
# --- RF4 / RF5 ---
_cue("m_extremism", "extremist / supremacist ideology", "extremism", "extremist", "extremists", "violent extremism",
     "radicali{z|s}ation", "radicali{z|s}ed", "supremacist", "supremacism", "white supremacy", "neo-nazi",
     "neo-nazis", "neo-nazism", "nazism", "nazi", "fascism", "fascist", "racist organi{z|s}ations", "racist groups",
     "racist organi{z|s}ation", "racist and extremist", "skinheads", "racist ideas", "racial superiority", "neo nazi",
     "racist parties", "racist political parties", "organi{z|s}ations that promote racial",
     "organi{z|s}ations which promote", "ultranationalist", "ultra-nationalist", "nationalist groups", "far-right",
     "far right", "right-wing extremism", "right wing extremism",
     "organi{z|s}ation{|s} {which|that} {promote|promotes|incite|incites}",
     "organi{z|s}ations and entities promoting", "racist platforms", "entities promoting",
     "organi{z|s}ations promoting", "organi{z|s}ations inciting")
_cue("m_grievance", "grievances / disloyalty branding", "disloyal", "collaborators", "branding",
     "linked to insurgents", "sympathi{z|s}ers", "supporters of", "enemies of the state", "traitors")
_cue("c_arms", "arms control", "small arms", "light weapons", "salw", "arms transfer{|s}", "arms export{|s}",
     "export control{|s}", "arms control", "stockpile{|s}", "weapons stockpile{|s}", "illicit arms",
     "illicit trade in arms", "proliferation of weapons", "proliferation of arms", "proliferation of small arms",
     "arms embargo", "sale of arms", "arms sales", "supply of arms", "arms supplies", "transfer of arms",
     "illicit weapons", "weapons in circulation", "arms trafficking", "trafficking in arms", "brokering", "arms to",
     "weapons to", "illicit trafficking of small arms", "circulation of weapons", "collection of weapons",
     "weapons collection")
_cue("c_ddr", "disarmament / demobilisation", "ddr", "disarmament demobili{z|s}ation and reintegration",
     "demobili{z|s}ation", "demobili{z|s}e", "demobili{z|s}ed", "disarmament and demobili{z|s}ation", "reinsertion",
     "dissolve the militias")
_cue("c_ddr_adult", "ex-combatants", "reintegration of ex-combatants", "former combatants", "ex-combatants",
     "adult combatants", "former fighters", "ex-fighters")
_cue("c_disarm_verb", "disarm / dismantle", "disarm", "disarming", "disarmed", "disarmament", "dismantle", "disband",
     "dismantling", "dissolve", "dissolution", "dissolving")
_cue("c_private_military", "private military / security companies", "private military",
     "private security compan{y|ies}", "private military compan{y|ies}", "mercenar{y|ies}",
     "military and security companies", "surveillance technology", "surveillance technologies", "spyware",
     "arms companies", "arms industry", "private military and security")
_cue("c_contractors", "contractors", "contractors", "private contractors", "privati{z|s}ation of conflicts")
_cue("c_orders", "unlawful orders", "superior orders", "manifestly unlawful order{|s}", "unlawful order{|s}",
     "orders of a superior", "obey orders", "disobey", "order from a superior", "orders from superiors")
# --- RF6 mitigating factors ---
_cue("s_special_proc", "special procedures", "special rapporteur on {the question of |}torture",
     "special rapporteur on extrajudicial summary or arbitrary executions", "special rapporteur on the situation of",
     "special rapporteur on {the |}{promotion and protection of the right to |}freedom of "
     "{opinion and |}expression", "special rapporteur on {the |}rights of indigenous peoples",
     "special rapporteur on {the |}situation of human rights",
     "special rapporteur on {the |}situation of human rights defenders", "special rapporteur on minority issues",
     "special rapporteur on freedom of religion or belief", "special rapporteur on human rights defenders",
     "special rapporteur on contemporary forms of racism", "independent expert on minority issues",
     "working group on enforced or involuntary disappearances", "working group on arbitrary detention",
     "working group on people of african descent", "working group of experts on people of african descent",
     "special rapporteur on the rights to freedom of peaceful assembly and of association",
     "special rapporteur on the independence of judges and lawyers", "special rapporteur on the promotion of truth",
     "asean intergovernmental commission on human rights", "asean human rights commission", "aichr",
     "inter-american commission on human rights", "african commission", "osce", "special procedure{|s}",
     "special rapporteur{|s}", "special rapporteurs", "mandate holder{|s}", "mandate-holder{|s}", "working group on",
     "independent expert{|s}", "thematic procedures", "thematic mechanisms", "thematic special procedures",
     "un human rights mechanisms", "united nations human rights mechanisms", "human rights mechanisms",
     "international human rights mechanisms", "international mechanisms", "un mechanisms",
     "united nations mechanisms", "human rights council mechanisms", "un special procedures",
     "un special rapporteur{|s}", "procedures of the human rights council", "mechanisms of the human rights council",
     "special mechanisms", "regional human rights mechanisms", "regional mechanisms",
     "international and regional mechanisms", "questionnaires", "african commission on human and peoples' rights",
     "inter-american commission", "rapporteur{|s}", "human rights machinery", "un human rights system",
     "united nations human rights system", "human rights system", "international human rights system")
_cue("s_hrc", "Human Rights Council", "human rights council")
_cue("s_invitation", "standing invitation / visits", "standing invitation{|s}", "open invitation{|s}",
     "permanent invitation{|s}", "open and standing invitation", "standing and open invitation", "visit request{|s}",
     "requests for visit{|s}", "request{|s} to visit", "requests for a visit", "country visit{|s}",
     "pending requests", "pending visit", "requested visits", "request for a visit", "outstanding requests",
     "outstanding visit", "requested to visit")
_cue("s_visit_weak", "visit / invite", "extend an invitation", "invitation{|s}", "invite", "to visit", "visit by",
     "visits by", "visit of", "accept the visit", "allow visits", "visit the country", "visit", "visits")
_cue("s_reporting", "treaty-body reporting / follow-up", "overdue report{|s}", "periodic report{|s}",
     "reporting obligation{|s}", "initial report", "submit {its |the |}report{|s}", "submission of report{|s}",
     "submission of {its |the |}{overdue |pending |periodic |}report{|s}", "outstanding reports", "pending reports",
     "national mechanism for reporting and follow-up", "national mechanism for reporting and follow up",
     "mechanism for reporting", "follow-up mechanism", "reporting and follow-up", "nmrf", "nmirf",
     "national reporting", "reporting mechanism", "mid-term report", "midterm report", "mid-term review",
     "report to the treaty bodies", "reports to the treaty bodies", "reporting to treaty bodies",
     "reporting to the treaty bodies", "reports to treaty bodies", "submit reports", "submitting reports",
     "reports due", "combined reports", "follow-up to recommendations", "follow up on recommendations",
     "implementation and follow-up", "tracking", "monitoring the implementation", "follow-up and implementation",
     "follow-up to {the |}upr", "follow up to {the |}upr", "upr follow-up", "follow-up of the upr",
     "follow-up report{|s}", "follow up report{|s}", "follow up {on |}{the |}upr recommendations",
     "follow-up {on |of |to |}{the |}upr recommendations", "mechanism{|s} to follow up", "follow up upr")
_cue("s_committees", "treaty bodies / committees", "treaty bod{y|ies}", "treaty monitoring bodies",
     "human rights committee", "committee against torture", "committee on the elimination of racial discrimination",
     "committee on enforced disappearances", "subcommittee on prevention of torture",
     "subcommittee on the prevention of torture", "spt", "concluding observations", "un treaty bodies",
     "united nations treaty bodies", "committees", "committee")
_cue("s_upr", "UPR process", "upr", "universal periodic review", "upr process", "upr recommendations", "this review",
     "the review", "current review", "next review", "next upr", "present review")
_cue("s_coi", "commission of inquiry / fact-finding", "commission of inquiry", "commissions of inquiry",
     "fact-finding mission{|s}", "fact finding mission{|s}", "fact-finding", "coi", "fact-finding commission")
_cue("s_coi_intl", "international inquiry", "international investigation", "independent international",
     "international independent", "international inquiry", "international commission of inquiry", "group of experts",
     "panel of experts", "special envoy", "independent international commission", "international commission",
     "international inquiry mechanism", "international credible")
_cue("s_tribunal", "international accountability mechanism", "independent investigation mechanism",
     "accountability mechanism{|s}", "iiim", "special tribunal", "special court for", "international tribunal{|s}",
     "ictr", "icty", "eccc", "extraordinary chambers", "hybrid court", "mixed tribunal", "hybrid tribunal",
     "international criminal tribunal{|s}", "residual mechanism", "special criminal court", "surrender",
     "bilateral immunity", "article 98", "international residual mechanism", "ad hoc tribunals",
     "special tribunal for lebanon")
_cue("s_reprisals", "reprisals for cooperating with the UN", "reprisal{|s}", "intimidation or reprisal{|s}",
     "acts of reprisal")
_cue("s_cooperate", "cooperate / engage with", "cooperate", "cooperates", "cooperating", "cooperation", "co-operate",
     "co-operation", "engage", "engagement", "engaging", "collaborate", "collaboration", "work with", "working with",
     "dialogue with", "interaction", "fully cooperate", "cooperate fully", "continue to cooperate", "interact",
     "work closely", "partnership with")
_cue("s_un_weak", "UN system / technical assistance", "technical assistance", "un agencies",
     "united nations agencies", "un system", "united nations system", "un country team",
     "united nations country team", "international partners", "development partners",
     "international organi{z|s}ations", "cooperating with the united nations", "cooperate with the united nations",
     "cooperation with the united nations", "cooperated with the un", "cooperation with the un",
     "united nations bodies")
_cue("s_ohchr", "OHCHR / UN presence", "ohchr", "office of the high commissioner",
     "high commissioner for human rights", "office of the united nations high commissioner for human rights",
     "high commissioner", "un field presence", "field presence", "country office", "un office",
     "united nations office", "un presence", "regional office", "human rights office", "un human rights office",
     "united nations presence", "office of the high commissioner for human rights", "ohchr office")
_cue("s_hrd", "human rights defenders", "human rights defender{|s}", "human right defenders",
     "defenders of human rights", "rights defenders", "women human rights defenders", "environmental defenders",
     "land defenders", "hrds", "hrd", "human rights activist{|s}", "activist{|s}", "civil society activist{|s}",
     "defenders", "environmental activists", "land rights activists", "trade unionists", "human rights workers")
_cue("s_journalists", "journalists / media", "press offences", "press offence", "press crimes", "broadcasting",
     "broadcasting licence", "broadcasting license", "broadcast media", "journalist{|s}", "media worker{|s}",
     "media professionals", "blogger{|s}", "reporters", "cyber-activists", "netizens", "writers", "media freedom",
     "freedom of the media", "freedom of the press", "press freedom", "independent media",
     "independence of the media", "media pluralism", "pluralism of the media", "free media", "free press",
     "independent press", "media outlets", "newspapers", "broadcasters", "electronic media", "insult law",
     "self-censorship", "defamation", "libel", "insult laws", "desacato", "lese majeste", "lèse majesté",
     "lese-majeste", "critical voices", "free and independent media", "freedom of media", "media law{|s}",
     "press law{|s}", "media laws", "media personnel", "editors", "publishers", "media independence",
     "independent journalists", "criminal defamation", "decriminali{z|s}e defamation", "plurality of media",
     "media landscape")
_cue("s_media_weak", "media", "media", "mass media")
_cue("s_expression", "freedom of expression", "freedom of expression", "freedom of opinion and expression",
     "freedom of opinion", "freedom of speech", "free speech", "right to freedom of expression",
     "freedoms of expression", "freedom of thought", "express their views", "right to free expression",
     "expression and opinion", "expression and association", "expression and assembly",
     "expression association and assembly", "expression association and peaceful assembly",
     "freedom of opinion expression", "freedoms of opinion", "opinion and expression", "critical opinions",
     "expressing their opinion", "express their opinions", "article 19")
_cue("s_info", "access to information", "freedom of information", "access to information", "right to information")
_cue("s_assembly", "freedom of assembly / association", "public assemblies", "freedom of public assembly",
     "freedom of assembly", "peaceful assembly", "peaceful assemblies", "freedom of association",
     "freedoms of association", "freedom of peaceful assembly", "freedoms of assembly", "right to assemble",
     "right of assembly", "assembly and association", "association and assembly", "association and peaceful assembly",
     "right to freedom of association", "right to peaceful assembly", "civic space", "public meetings",
     "assembly association", "association and of assembly", "of association and of assembly",
     "associations and assembly", "freedom to assemble", "right to protest", "right of public assembly",
     "public assembly", "right of peaceful assembly")
_cue("s_protest", "demonstrations / protesters", "demonstrations", "demonstrators", "protesters", "protestors",
     "peaceful protest{|s}", "protests", "public gatherings", "rallies", "peaceful demonstrations",
     "peaceful demonstrators", "protest{|s}")
_cue("s_civil_society", "civil society / NGOs", "civil society", "civil society organi{z|s}ations", "ngo{|s}",
     "non-governmental organi{z|s}ation{|s}", "nongovernmental organi{z|s}ation{|s}",
     "non governmental organi{z|s}ation{|s}", "csos", "cso", "associations", "trade union{|s}", "political parties",
     "human rights organi{z|s}ations", "human rights groups", "civil society actors", "civil society groups",
     "non-governmental", "unions", "community organi{z|s}ations", "independent organi{z|s}ations",
     "civil society representatives")
_cue("s_ngo_law", "NGO law / registration / foreign funding", "ngo law", "law on ngos", "law on associations",
     "law on non-governmental organi{z|s}ations", "associations law", "law on public associations",
     "registration of ngos", "registration of associations", "registration of civil society", "deregistration",
     "de-registration", "foreign funding", "funding from abroad", "foreign agent{|s}", "foreign agents law",
     "charities and societies proclamation", "charities proclamation", "undesirable organi{z|s}ations",
     "international funding", "foreign financing", "foreign donations", "law on non-profit",
     "non-profit organi{z|s}ations law", "ngo bill", "ngo act", "law on civil society", "expulsion of ngos",
     "expulsion of international ngos", "closure of ngos", "suspension of ngos")
_cue("s_ngo_weak", "registration / dissolution / expulsion", "register", "registration", "registered", "legal status",
     "legal personality", "dissolution of", "closure of", "suspension of", "suspend", "expel", "expelled",
     "expulsion{|s}", "foreign media", "international media", "international ngos", "international organi{z|s}ations",
     "international non-governmental organi{z|s}ations", "obtain legal status", "licensing", "licence", "license",
     "accreditation of", "legal recognition", "stigmati{z|s}ing", "criminali{z|s}ing the work",
     "criminali{z|s}ation of the work", "criminali{z|s}ation of")
_cue("s_dialogue", "peace process / dialogue", "peace process{|s}", "peace agreement{|s}", "peace accord{|s}",
     "peace talks", "peace negotiations", "ceasefire", "cease-fire", "cessation of hostilities",
     "comprehensive peace agreement", "national dialogue", "inclusive dialogue", "political dialogue",
     "inclusive political dialogue", "dialogue with the opposition", "peace agreements", "peace-building",
     "peacebuilding", "peace building", "lasting peace", "durable peace", "peace and reconciliation",
     "political settlement", "political solution", "peaceful settlement", "negotiated solution",
     "negotiated settlement", "peace and security agreement", "arusha agreement", "arusha peace", "peace framework",
     "peace deal", "peace efforts", "peace initiatives", "peaceful solution", "peaceful resolution",
     "lasting solution", "dialogue with armed groups", "sustainable peace", "armistice", "peace plan",
     "roadmap for peace", "build peace", "global political agreement", "political agreement", "ouagadougou",
     "linas-marcoussis", "addis ababa agreement", "framework agreement")
_cue("s_dialogue_weak", "dialogue / peace", "peace", "mediation", "dialogue", "negotiations", "negotiation")
_cue("s_refugee", "refugees / asylum / non-refoulement", "non-refoulement", "non refoulement", "nonrefoulement",
     "refoulement", "asylum", "refugee status", "push-back{|s}", "pushback{|s}", "push back{|s}",
     "forcible return{|s}", "forced return{|s}", "forcibly returned", "boat people", "rescue at sea",
     "rescued at sea", "rescue operations at sea", "international protection", "refugee protection",
     "right to seek asylum", "asylum procedure{|s}", "access to asylum", "refugee status determination",
     "asylum system", "asylum law", "asylum applications", "asylum claims", "principle of non-refoulement",
     "return to countries where", "risk of torture", "risk of being subjected", "high commissioner for refugees",
     "unhcr", "asylum-seeking", "asylum seeking")
_cue("s_refugee_weak", "refugees / deportation", "refugee{|s}", "asylum seeker{|s}", "asylum-seeker{|s}",
     "deportation{|s}", "deport", "deported", "extradition", "extradite", "returned to", "border{|s}",
     "stateless refugees", "expulsion of refugees", "expulsions", "detention of asylum")
_cue("s_early_warning", "early warning / atrocity prevention", "early warning", "early-warning",
     "genocide prevention", "prevention of genocide", "atrocity prevention", "prevention of mass atrocities", "r2p",
     "focal point on the responsibility to protect", "r2p focal point", "prevention of atrocities",
     "committee for the prevention of genocide", "national committee for the prevention of genocide",
     "prevent genocide", "prevent mass atrocities", "responsibility to protect principle",
     "principle of the responsibility to protect", "prevention of genocide and mass atrocities",
     "early warning system{|s}", "early warning mechanism{|s}")
# --- RF7 ---
_cue("e_emergency", "emergency / counter-terrorism laws", "state of emergency", "states of emergency",
     "emergency law{|s}", "emergency powers", "emergency decree{|s}", "emergency legislation",
     "emergency regulations", "emergency rule", "martial law", "derogation{|s}", "terrorism law{|s}", "terrorism act",
     "terrorism legislation", "anti-terrorism law{|s}", "anti-terrorism legislation", "counter-terrorism law{|s}",
     "counter-terrorism legislation", "counter-terrorism measures", "anti-terrorism measures",
     "counterterrorism measures", "counter terrorism measures", "anti-terror law{|s}", "anti-terrorism act",
     "counter-terrorism act", "national security law{|s}", "security law{|s}", "security legislation",
     "national security act", "internal security act", "public security law", "public order law",
     "law on public order", "sedition", "seditious", "state secrets", "extremism law", "anti-extremism",
     "exceptional measures", "genocide ideology", "divisionism", "public safety act", "preventive detention",
     "anti-terrorist law{|s}", "anti-terrorism laws", "law on combating terrorism", "law on counter-terrorism",
     "terrorism charges", "anti-terrorism proclamation", "emergency measures", "national security", "state security",
     "security legislation", "special powers", "exceptional laws", "emergency situation", "emergency decrees",
     "law on extremism", "extremism legislation", "anti-extremism legislation", "counter-extremism")
_cue("e_terror", "terrorism (generic)", "counter-terrorism", "counterterrorism", "counter terrorism",
     "anti-terrorism", "anti-terror", "antiterrorism", "anti-terrorist", "fight against terrorism",
     "combat terrorism", "combating terrorism", "countering terrorism", "terrorism", "terrorist", "terrorists",
     "terrorist acts", "war on terror", "while countering terrorism", "while combating terrorism",
     "in the fight against terrorism")
_cue("e_militia", "militias / paramilitaries", "private armies", "private army", "militia{|s}", "paramilitar{y|ies}",
     "paramilitary groups", "vigilante{|s}", "vigilante groups", "self-defen{c|s}e groups",
     "self-defen{c|s}e militias", "civil defen{c|s}e forces", "civilian defen{c|s}e forces", "auxiliary forces",
     "village guards", "armed civilians", "private armed groups", "pro-government militias",
     "pro-government armed groups", "civilian joint task force", "janjaweed", "imbonerakure", "shabiha",
     "self-defence committees", "local defence forces", "popular defence forces", "vigilantism", "armed militias",
     "rapid support forces", "civil patrols", "rondas", "self-defense forces")
_cue("e_internet", "internet / communication controls", "internet shutdown{|s}", "shutdown{|s}", "shutting down",
     "internet access", "access to the internet", "block websites", "blocking of websites", "blocked websites",
     "blocking websites", "internet freedom", "freedom on the internet", "surveillance", "communication{|s} controls",
     "filtering", "jamming", "internet censorship", "online censorship", "blocking", "interception of communications",
     "shut down the internet", "internet restrictions", "restrictions on the internet", "access to websites",
     "internet services", "telecommunications", "mobile networks", "communications blackout", "internet blackout",
     "monitoring of")
_cue("e_online", "online / internet", "internet", "online", "social media", "website{|s}", "cyber", "blogs",
     "social networks", "digital", "cyberspace", "cybercrime law", "cyber-crime law", "cybercrime", "cyber crime",
     "information technology", "the web")
_cue("e_hum_access", "humanitarian access", "humanitarian access", "unhindered humanitarian",
     "access to humanitarian", "humanitarian corridors", "humanitarian corridor", "access for humanitarian",
     "humanitarian convoys", "delivery of humanitarian", "access of humanitarian", "humanitarian space")
_cue("e_humanitarian_access", "humanitarian agencies", "humanitarian agencies", "humanitarian organi{z|s}ation{|s}",
     "humanitarian actors", "humanitarian workers", "humanitarian personnel", "humanitarian community", "icrc",
     "international committee of the red cross", "red cross", "relief organi{z|s}ations", "aid workers",
     "aid agencies", "humanitarian partners", "humanitarian ngos", "international humanitarian organi{z|s}ations",
     "humanitarian staff", "humanitarian and human rights organi{z|s}ations", "humanitarian agency")
_cue("e_humanitarian_aid", "humanitarian assistance", "humanitarian assistance", "humanitarian aid",
     "humanitarian relief", "relief supplies", "humanitarian", "humanitarian needs", "delivery of aid", "food aid",
     "emergency assistance", "relief", "aid")
_cue("e_hate_crime", "hate crimes / identity-based violence", "hate crime{|s}", "hate-crime{|s}", "hate-motivated",
     "hate motivated", "bias-motivated", "bias motivated", "racist attack{|s}", "racist violence",
     "racially motivated violence", "xenophobic attack{|s}", "xenophobic violence", "ethnic violence",
     "inter-ethnic violence", "interethnic violence", "sectarian violence", "communal violence",
     "inter-communal violence", "intercommunal violence", "religious violence", "violence against minorities",
     "attacks against minorities", "attacks on minorities", "mob violence", "lynching{|s}", "pogrom{|s}",
     "crimes motivated by", "motivated by hatred", "motivated by racial", "racist motive{|s}", "racist motivation",
     "xenophobic crimes", "anti-semitic attacks", "hate violence", "mob attacks", "hate-related", "bias crimes",
     "racially-motivated", "racist and xenophobic attacks", "racist and xenophobic violence", "ethnically motivated",
     "religiously motivated", "motivated by racism", "hatred-motivated", "racial violence", "ethnic conflict{|s}",
     "inter-ethnic conflict{|s}", "tribal conflicts", "tribal violence", "intercommunal clashes",
     "inter-communal clashes", "communal clashes", "ethnic clashes", "sectarian attacks", "religious attacks")
_cue("e_racist_incidents", "racially motivated incidents", "racially motivated", "racist crimes", "racist incidents",
     "racially motivated crimes", "racially motivated incidents", "racist acts", "acts of racism", "racist offences",
     "racially motivated offences", "racial incidents", "incidents of racism", "racially-motivated")
_cue("e_sexual_violence", "sexual violence", "sexual violence", "rape", "rapes", "sexual abuse", "sexual slavery",
     "sexual assault", "gender-based violence", "sexual and gender-based violence", "sgbv", "gbv",
     "sexual violations", "sexual crimes", "violence against women", "violence against women and girls",
     "violence against women and children", "sexual and gender based violence", "gender based violence", "raped",
     "sexual exploitation and abuse", "sexual harassment", "violence against girls", "violence against children")
_cue("e_crsv", "conflict-related sexual violence", "conflict-related sexual violence", "rape as a weapon of war",
     "weapon of war", "crime of war", "crimes of war", "sexual violence in conflict",
     "sexual violence in armed conflict", "conflict related sexual violence", "wartime sexual violence",
     "wartime rape", "victims of wartime")
_cue("e_wps", "women, peace and security", "resolution 1325", "security council resolution 1325", "1325",
     "women peace and security", "resolution 1820", "1820", "resolution 1888",
     "national action plan on women peace and security", "resolutions 1325", "unscr 1325", "scr 1325",
     "women in peace")
_cue("e_displacement", "displacement / evictions", "internally displaced", "internally displaced person{|s}",
     "idp{|s}", "displaced person{|s}", "displaced populations", "displaced people", "displaced", "displacement",
     "durable solution{|s}", "forced eviction{|s}", "forcible eviction{|s}", "voluntary return", "forcibly evicting",
     "safe return", "return of refugees", "return of displaced", "returnees", "forcible relocation{|s}",
     "forced relocation{|s}", "forcibly displaced", "forced displacement", "displacements", "forced removal{|s}",
     "forcibly evicted", "house demolitions", "destruction of homes", "demolition of homes", "demolitions",
     "return of idps", "sustainable return", "safe and dignified return", "dignified return", "right of return",
     "right to return", "refugee camps", "idp camps", "camps for displaced",
     "dismantling of {roma |informal |}settlements", "destruction of settlements", "expulsion{|s} of roma",
     "expulsion of migrant roma", "mass evictions", "land evictions", "return and reintegration",
     "voluntary repatriation")
_cue("e_camps", "camps / demolitions / evictions", "camps", "camp", "demolition{|s}", "demolish", "resettlement",
     "eviction{|s}", "evicted", "resettlement of", "relocation of", "resettlement sites", "resettlement areas",
     "relocation", "repatriation", "resettled", "relocated")
_cue("e_places_worship", "places of worship / cultural property", "places of worship", "place of worship", "churches",
     "mosques", "temples", "synagogues", "religious sites", "holy sites", "cultural heritage", "cultural property",
     "religious property", "cemeteries", "shrines", "monasteries", "religious buildings", "sacred sites", "church",
     "mosque", "temple", "synagogue", "religious and cultural sites", "cultural and religious sites",
     "religious heritage", "cultural sites")
_cue("e_hate_speech", "hate speech / inflammatory rhetoric", "hate speech", "hate speeches", "hateful speech",
     "speech that incites", "hate propaganda", "inflammatory rhetoric", "inflammatory statements",
     "inflammatory speech", "hate messages", "hostile rhetoric", "hostile language", "intolerant rhetoric",
     "intolerant discourse", "hate-speech", "hateful rhetoric", "discriminatory rhetoric",
     "discriminatory statements", "discriminatory speech", "dangerous speech", "war propaganda", "propaganda for war",
     "hostile language", "hate messages", "divisive rhetoric", "hateful messages", "hate-mongering", "hate mongering")
_cue("e_hate_speech_weak", "propaganda / public discourse", "political speech", "propaganda", "inflammatory",
     "political discourse", "public discourse", "statements by public officials", "racist and xenophobic",
     "xenophobic and racist", "racist expressions", "racist and anti-semitic expressions")
_cue("e_hate_speech_group", "racist / xenophobic speech", "racist or xenophobic speech",
     "racist or xenophobic political speech", "xenophobic political speech", "racist political speech",
     "racist propaganda", "racist speech", "racist rhetoric", "xenophobic rhetoric", "racist discourse",
     "xenophobic discourse", "racist statements", "racist and xenophobic statements", "racist remarks",
     "racist and xenophobic discourse", "racist content", "racist material", "racist and xenophobic rhetoric",
     "racist and xenophobic speech", "xenophobic speech", "xenophobic statements", "racist hate speech",
     "anti-semitic rhetoric", "anti-muslim rhetoric", "racially hostile", "racist expressions", "racist insults",
     "racist propaganda", "ethnic hatred", "racial hatred", "religious hatred", "national hatred",
     "racial and religious hatred", "national racial or religious hatred", "ethnic and religious hatred",
     "anti-roma rhetoric", "racist abuse", "ethnic slurs", "racial slurs", "racist propaganda",
     "xenophobic propaganda", "islamophobic propaganda", "racist xenophobic and islamophobic propaganda")
_cue("e_hate_weak", "hatred", "hatred", "hate", "intolerant", "hateful")
_cue("e_incitement", "incitement", "incitement{|s}", "incite", "incites", "inciting", "incitement to hatred",
     "incitement to violence", "incitement to discrimination", "incitement to racial hatred",
     "advocacy of national racial or religious hatred", "advocacy of hatred", "rabat plan of action", "rabat plan",
     "article 20 of the iccpr", "article 20 of the international covenant", "article 4 of icerd",
     "article 4 of the icerd", "article 4 of the convention on the elimination", "instigation")
# --- RF8 ---
_cue("r_elections_weak", "elections (mention)", "election{|s}", "electoral", "presidential election{|s}",
     "parliamentary election{|s}", "polls", "general elections", "local elections", "legislative elections",
     "municipal elections")
_cue("r_elections", "elections", "electoral process{|s}", "electoral commission", "electoral code",
     "electoral law{|s}", "electoral body", "electoral bodies", "census", "censuses", "free and fair",
     "electoral violence", "election-related violence", "post-election", "pre-election", "election observers",
     "electoral observation", "electoral reform{|s}", "electoral system", "electoral cycle", "electoral period",
     "election period", "electoral management", "independent electoral", "national electoral", "electoral calendar",
     "free fair and transparent", "free transparent and peaceful", "credible elections", "democratic elections",
     "hold elections", "holding of elections", "holding elections", "organi{z|s}e elections", "election results",
     "election observation", "election monitoring", "electoral observers", "intimidation of voters",
     "voter intimidation", "voter roll{|s}", "voter registration", "transparent elections", "fair elections",
     "peaceful elections", "free elections", "electoral framework", "electoral legislation", "elections in line with",
     "electoral reforms", "electoral dispute{|s}", "referendum")
_cue("r_vote", "vote", "vote", "voting", "voters", "ballot", "right to vote", "polling")
_cue("r_voter_ed", "voter education / gender quotas", "women to run", "run for elections", "run for election",
     "stand for election", "stand for elections", "encourage women", "voter education", "civic education",
     "quota{|s}", "gender quota{|s}", "women's participation", "participation of women", "representation of women",
     "women in politics", "women in decision-making", "women candidates", "female candidates",
     "persons with disabilities to vote", "prisoners' right to vote", "women's representation", "gender parity",
     "political participation of women", "women in public life")
_cue("r_coup", "unconstitutional change / coup", "constitutional order", "constitutional legality", "coup{|s}",
     "coup d'etat", "coup d'état", "unconstitutional change", "return to civilian rule", "military junta", "junta",
     "restoration of democracy", "return to democracy", "unconstitutional changes", "military coup",
     "seizure of power", "constitutional rule", "return to constitutional", "restoration of constitutional")
_cue("r_fpic", "free, prior and informed consent", "free prior and informed consent", "free and informed consent",
     "prior and informed consent", "fpic", "prior consultation", "right to consultation",
     "consultation with indigenous", "prior informed consent", "free prior informed consent",
     "right to prior consultation", "consultation and consent")
_cue("r_projects", "extractive / development projects", "extractive", "extractive industries", "extractive industry",
     "mining", "mines and", "concession{|s}", "development projects", "megaprojects", "mega-projects",
     "hydroelectric", "dam", "dams", "logging", "oil exploitation", "oil exploration", "land grabbing",
     "land acquisition{|s}", "investment projects", "infrastructure projects", "plantations", "agribusiness",
     "economic land concessions", "exploitation of natural resources", "extraction", "oil", "hydropower",
     "development project", "large-scale projects", "large scale projects", "projects affecting", "projects on their",
     "land grabs", "land-grabbing", "deforestation", "business activities", "companies")
# --- RF9 protected groups (the group gate) ---
_cue("g_minority", "minorities", "minorit{y|ies}", "national minorit{y|ies}", "ethnic minorit{y|ies}",
     "religious minorit{y|ies}", "linguistic minorit{y|ies}", "minority group{|s}", "minority communities",
     "minority languages", "minority language", "persons belonging to minorities",
     "persons belonging to national or ethnic", "national ethnic religious and linguistic minorities",
     "national or ethnic religious and linguistic minorities", "ethnic religious and linguistic minorities",
     "ethnic and religious minorities", "ethnic and linguistic minorities")
_cue("g_ethnic", "ethnic / racial groups", "ethnic", "ethnicity", "ethnicities", "ethnic group{|s}", "ethnic origin",
     "ethnic background", "ethnically", "inter-ethnic", "interethnic", "multi-ethnic", "multiethnic",
     "national origin", "national or ethnic origin", "race", "races", "racial", "racially", "racism", "racist",
     "racial discrimination", "racial equality", "colour", "descent", "work and descent", "xenophobia", "xenophobic",
     "anti-semitism", "antisemitism", "anti-semitic", "antisemitic", "islamophobia", "islamophobic", "anti-muslim",
     "anti-roma", "antigypsyism", "anti-gypsyism", "afrophobia", "tribalism", "ethnic groups", "nationalities",
     "ethnic communities", "caste", "castes", "caste-based", "untouchability", "dalit{|s}", "scheduled castes",
     "scheduled tribes", "buraku", "burakumin", "haratine{|s}", "slavery-descended", "descent-based",
     "racial and ethnic", "ethnic and racial", "racism and xenophobia", "racial discrimination and xenophobia",
     "anti-racism", "antiracism", "ethno-", "ethno-religious", "ethnoreligious", "national and ethnic",
     "ethnic and religious", "ethnic or religious", "racial or religious", "racial and religious", "color")
_cue("g_indigenous", "indigenous peoples", "indigenous", "indigenous peoples", "indigenous people",
     "indigenous communities", "indigenous persons", "aboriginal", "aborigines", "torres strait islander{|s}",
     "first nations", "first peoples", "native american{|s}", "native hawaiian{|s}", "maori", "sami", "saami",
     "inuit", "adivasi{|s}", "tribal", "tribal peoples", "tribes", "hill tribes", "pygm{y|ies}", "batwa", "twa",
     "san people", "orang asli", "amerindian{|s}", "maroon{|s}", "quilombola{|s}", "mapuche", "garifuna",
     "bedouin{|s}", "amazigh", "berber{|s}", "ogiek", "endorois", "masai", "maasai", "jumma", "montagnard{|s}",
     "highland peoples", "ethnic minority groups", "indigenous women", "indigenous children", "native peoples",
     "native title", "metis", "métis", "kanak", "chamorro", "ainu", "ryukyu", "okinawan{|s}", "indigenous and tribal",
     "indigenous population{|s}", "autochthonous", "hill tracts", "chittagong hill tracts", "pastoralists")
_cue("g_roma", "Roma / Travellers", "roma", "romani", "sinti", "gyps{y|ies}", "travellers", "traveller",
     "irish travellers", "ashkali", "roma and sinti", "roma community", "roma communities", "roma children",
     "roma women", "roma people", "roma population", "roms", "rom", "gens du voyage", "romanies",
     "egyptian communities")
_cue("g_african_descent", "people of African descent", "african descent", "people of african descent",
     "persons of african descent", "afro-descendant{|s}", "afrodescendant{|s}", "afro-descendent{|s}",
     "afro-colombian{|s}", "afro-brazilian{|s}", "afro-ecuadorian{|s}", "afro-peruvian{|s}", "afro-honduran{|s}",
     "afro-latino{|s}", "black people", "black persons", "black communities", "black minority",
     "international decade for people of african descent", "afro-descendants", "afro-costa rican{|s}",
     "afro-uruguayan{|s}", "afro-venezuelan{|s}", "afro-mexican{|s}", "afro-bolivian{|s}", "afro-panamanian{|s}",
     "afro-argentine{|s}", "afro-chilean{|s}", "afro-paraguayan{|s}", "afro", "black population")
_cue("g_religious", "freedom of religion / religious groups", "freedom of religion", "freedom of religion or belief",
     "religious freedom", "freedom of belief", "freedom of worship", "freedom of conscience and religion",
     "freedom of thought conscience and religion", "freedom of religion and belief", "right to freedom of religion",
     "religious freedoms", "religion", "religions", "religious", "religious groups", "religious communities",
     "religious community", "religious belief{|s}", "interfaith", "inter-faith", "interreligious", "inter-religious",
     "sectarian", "blasphemy", "apostasy", "defamation of religions", "conversion", "proselytism", "christian{|s}",
     "muslim{|s}", "jew{|s}", "jewish", "hindu{|s}", "buddhist{|s}", "sikh{|s}", "baha'i{|s}", "bahai{|s}", "baha'is",
     "ahmadi{|s}", "ahmadiyya", "ahmadis", "shia", "shi'a", "shiite{|s}", "sunni{|s}", "sufi{|s}", "copt{|s}",
     "coptic", "falun gong", "jehovah's witnesses", "jehovah witnesses", "evangelical{|s}", "protestant{|s}",
     "catholic{|s}", "orthodox", "yazidi{|s}", "alevi{|s}", "minority religions", "religious denominations",
     "denominations", "unregistered religious", "house churches", "worship", "freedom of conscience", "belief{|s}",
     "faith{|s}", "confessional", "religious or belief", "religion or belief", "religious affiliation",
     "religious identity", "religious practice", "practice their religion", "religious beliefs", "anti-conversion",
     "religious tolerance", "religious harmony", "religious diversity", "faiths")
_cue("g_named", "named ethnic or religious community", "rohingya{|s}", "uighur{|s}", "uyghur{|s}", "tibetan{|s}",
     "kurd{|s}", "kurdish", "baloch", "balochi", "hazara{|s}", "pashtun{|s}", "tamil{|s}", "karen", "kachin", "hmong",
     "papuan{|s}", "west papua", "darfuri{|s}", "nuba", "oromo{|s}", "ogoni", "anglophone{|s}", "serb{|s}",
     "croat{|s}", "bosniak{|s}", "albanian{|s}", "hungarian minority", "russian-speaking", "russian speakers",
     "crimean tatar{|s}", "tatar{|s}", "meskhetian{|s}", "armenian{|s}", "assyrian{|s}", "chaldean{|s}",
     "mandaean{|s}", "druze", "bidoon", "bidoun", "bedoon", "lhotshampa", "madhesi{|s}", "janajati{|s}", "hutu{|s}",
     "tutsi{|s}", "fulani", "peul", "baka", "herero", "khoisan", "basarwa", "chagossian{|s}", "palestinian{|s}",
     "arab minority", "arab citizens", "ahwazi{|s}", "azeri{|s}", "turkmen", "yezidi{|s}", "haitian descent",
     "dominicans of haitian descent", "persons of haitian descent", "arab israelis", "arab-israeli", "mongolian{|s}",
     "uzbek{|s}", "kyrgyz", "tajik{|s}", "lezgin{|s}", "chechen{|s}", "gagauz", "ruthenian{|s}", "sahrawi{|s}",
     "saharawi{|s}", "zaghawa", "masalit", "dinka", "nuer", "shilluk", "murle", "kokang", "kosovo serbs",
     "kosovo albanians", "hindus and christians", "copts", "nubian{|s}")
_cue("g_stateless", "statelessness / citizenship", "stateless", "statelessness", "stateless persons",
     "right to a nationality", "citizenship", "nationality", "naturali{z|s}ation", "denationali{z|s}ation",
     "arbitrary deprivation of nationality", "deprivation of citizenship", "citizenship law", "nationality law",
     "citizenship rights", "nationality rights", "stateless children", "undocumented", "non-citizens", "non citizens",
     "noncitizens")
_cue("g_language", "language / culture / identity", "language{|s}", "mother tongue{|s}", "linguistic", "bilingual",
     "culture{|s}", "cultural identity", "identity", "cultural rights", "traditions", "recognition", "recognise",
     "recognize", "recognized", "recognised", "constitutional recognition", "cultural", "heritage", "customary",
     "traditional", "intercultural education", "bilingual education", "native language{|s}", "multilingual",
     "way of life", "existence", "identities", "recognizing", "recognising")
_cue("g_land", "land / participation / socio-economic", "land{|s}", "ancestral land{|s}", "ancestral lands",
     "traditional lands", "territories", "territory", "land rights", "land claims", "land titles", "land tenure",
     "participation", "representation", "political participation", "public life", "decision-making", "employment",
     "education", "health", "housing", "poverty", "socio-economic", "socioeconomic", "economic and social",
     "access to", "living conditions", "inclusion", "integration", "integrate", "school{|s}", "segregation",
     "segregated", "affirmative action", "special measures", "temporary special measures", "social inclusion",
     "resources", "labour market", "health care", "healthcare", "social services", "basic services", "services",
     "economic", "development", "opportunities", "participate", "represented", "underrepresented",
     "under-represented", "public administration", "public service", "civil service", "police force",
     "political life", "economic life", "livelihood{|s}", "forests", "titling", "demarcation", "land restitution",
     "compensation for", "benefit-sharing", "benefit sharing", "school dropout", "dropout", "enrolment", "preschool",
     "kindergarten", "unemployment", "jobs", "water", "sanitation", "electricity")
_cue("g_plan", "plan / mechanism / tolerance", "national action plan", "action plan{|s}", "national plan", "strategy",
     "strategies", "national strategy", "policy", "policies", "programme{|s}", "program{|s}", "mechanism{|s}",
     "institution{|s}", "body", "commission", "council", "office", "focal point", "tolerance", "mutual understanding",
     "harmony", "coexistence", "co-existence", "social cohesion", "cohesion", "inter-community", "intercommunity",
     "intercultural dialogue", "interfaith dialogue", "inter-religious dialogue", "interreligious dialogue",
     "dialogue among", "dialogue between", "understanding", "data collection", "disaggregated data", "statistics",
     "collect data", "disaggregated", "multiculturalism", "intercultural", "cultural diversity", "diversity",
     "awareness", "respect for diversity", "mutual respect", "peaceful coexistence", "national unity", "unity",
     "integration policy", "institutional", "framework", "ombudsman for", "specialized body", "equality body", "data",
     "training", "campaigns", "education", "dialogue", "agency", "department", "ministry", "committee")
_cue("g_discrimination", "discrimination", "discrimination", "discriminatory", "discriminate", "discriminated",
     "non-discrimination", "anti-discrimination", "antidiscrimination", "equal treatment", "equality", "equal rights",
     "equal access", "exclusion", "excluded", "marginali{z|s}ation", "marginali{z|s}ed", "stigma",
     "stigmati{z|s}ation", "prejudice{|s}", "segregation", "stereotype{|s}", "stereotyping", "negative stereotypes",
     "derogatory", "racial segregation", "discriminatory practices", "discriminatory laws",
     "discriminatory legislation", "without discrimination", "regardless of", "irrespective of",
     "equal opportunities", "equal", "unequal")
_cue("g_regions", "regions", "regions", "provinces", "rest of the country", "other regions", "northern regions",
     "southern regions", "eastern regions", "western regions", "remote regions", "regional")
_cue("g_gap", "gaps between groups or regions", "gap{|s} between", "disparit{y|ies} between",
     "inequalit{y|ies} between", "inequit{y|ies} between", "regional disparit{y|ies}", "regional inequalit{y|ies}",
     "disparities among", "inequalities among", "imbalance{|s} between", "between regions", "among regions",
     "horizontal inequalit{y|ies}", "national average", "gaps", "gap", "disparit{y|ies}", "inequalit{y|ies}",
     "inequit{y|ies}", "imbalance{|s}", "narrow the gap", "close the gap", "closing the gap", "reduce the gap",
     "regional imbalance{|s}", "socio-economic gap{|s}")
_cue("g_gap_regional", "gaps between regions", "regional gap", "regional gaps", "between provinces",
     "across provinces", "poorer regions", "disadvantaged regions", "regional disparit{y|ies}",
     "regional inequalit{y|ies}", "between regions", "among regions", "between the regions", "across regions",
     "geographical regions", "lagging regions", "regional imbalance{|s}", "disparities between regions",
     "inequalities between regions")
# --- RF10-RF12 ---
_cue("x_sterilization", "forced sterilisation", "forced sterili{z|s}ation{|s}", "coerced sterili{z|s}ation{|s}",
     "forcible sterili{z|s}ation{|s}", "involuntary sterili{z|s}ation{|s}",
     "sterili{z|s}ation without {their |free and |full and |}{informed |}consent", "sterili{z|s}ation{|s}",
     "sterili{z|s}ed", "forced contraception", "forced abortion{|s}", "coercive sterili{z|s}ation{|s}",
     "non-consensual sterili{z|s}ation{|s}", "forced birth control", "forced family planning",
     "coercive birth control")
_cue("x_child_removal", "removal of a group's children / forced assimilation", "removal of children",
     "removed from their families", "forcible removal", "forcibly removed", "stolen generation{|s}",
     "residential school{|s}", "forced assimilation", "forcible assimilation", "assimilation policies",
     "assimilation policy", "child removals", "forced adoption{|s}", "forcible transfer of children",
     "removal of indigenous children", "indigenous children in care", "out-of-home care", "boarding schools",
     "assimilation")
_cue("x_genocidal", "genocidal conduct", "destruction of {the |}{group|community|people}", "extermination",
     "exterminate", "annihilation", "genocidal", "icj", "international court of justice", "provisional measures",
     "order of the international court of justice")
_cue("x_systematic", "widespread or systematic pattern", "widespread and systematic", "systematic and widespread",
     "widespread or systematic", "systematic or widespread", "systematic widespread", "widespread systematic",
     "systematic torture", "widespread torture", "systematic use of", "widespread use of", "systematic practice{|s}",
     "widespread practice{|s}", "systematic violations", "widespread violations",
     "systematic human rights violations", "widespread human rights violations", "systematic and gross",
     "widespread and gross", "systematic attacks", "widespread attacks", "pattern of", "patterns of", "campaign of",
     "campaigns of", "mass arrest{|s}", "mass detention{|s}", "mass killing{|s}", "mass disappearances",
     "mass executions", "collective arrests", "mass incarceration", "arrest campaigns", "mass arbitrary",
     "large-scale arrests", "large scale arrests", "on a large scale", "mass violations", "mass expulsion{|s}",
     "mass deportation{|s}", "mass human rights violations", "mass forced", "systematic persecution",
     "widespread persecution", "widespread abuses", "systematic abuses", "systematic targeting",
     "systematic repression", "widespread arbitrary", "systematic arbitrary", "systematic and widespread violations",
     "administrative practices of torture", "mass graves", "mass killings", "mass murder")
_cue("x_collective_pun", "collective punishment", "collective punishment{|s}", "collective punishments",
     "collective sanctions", "punitive demolitions", "punitive house demolitions", "house demolitions as punishment")
_cue("x_camps", "labour / re-education / prison camps", "labour camp{|s}", "labor camp{|s}", "re-education camp{|s}",
     "re-education through labour", "reeducation through labour", "re-education", "internment camp{|s}",
     "prison camps", "kwanliso", "reform through labour", "re-education through labor", "detention camps",
     "political camps", "black jails", "camps where", "vocational training centres",
     "vocational education and training centres")
_cue("x_political_camps", "political prison camps", "political prison camp{|s}", "camps for political prisoners",
     "camps where prisoners of conscience", "guilt-by-association", "guilt by association")
_cue("x_profiling_group", "racial or ethnic profiling", "racial profiling", "ethnic profiling",
     "racial or ethnic profiling", "ethnic or racial profiling", "profiling based on ethnicity",
     "profiling on the basis of race", "profiling on the basis of ethnicity")
_cue("x_collective", "discriminatory security measures", "profiling", "blockade", "checkpoints", "separation wall",
     "curfew{|s}", "punitive demolitions", "punitive house demolitions", "house demolitions as punishment",
     "the wall", "closure of gaza", "collective sanctions")
_cue("x_settlement", "settlements / demographic engineering", "settlement activities", "settlement activity",
     "illegal settlements", "settlers", "colonization", "colonisation", "colonies", "population transfer{|s}",
     "transfer of population{|s}", "transfer of its own civilian population", "demographic composition",
     "demographic change{|s}", "demographic character", "demographic engineering", "alter the demographic",
     "transmigration", "judaization", "judaisation", "resettling members", "ethnic composition", "villagization",
     "villagisation", "settlement construction", "construction of settlements", "expansion of settlements",
     "settlement expansion", "settlement building", "israeli settlements", "settlement policy", "demographic balance",
     "demographic structure", "changing the demographic", "demographic situation")
_cue("x_settlement_weak", "settlements", "settlement{|s}")
# --- RF13 / RF14 ---
_cue("w_ihl", "international humanitarian law", "international humanitarian law", "humanitarian law", "ihl",
     "laws of war", "law of armed conflict", "laws of armed conflict", "rules of war", "jus in bello",
     "customary international humanitarian law", "humanitarian international law", "principles of humanitarian law")
_cue("w_occupation", "occupation", "occupation", "occupied", "occupying power", "occupied territor{y|ies}",
     "occupied palestinian territory", "occupied arab territories", "occupied syrian golan", "occupied golan",
     "west bank", "east jerusalem", "gaza", "gaza strip", "occupied areas", "occupying forces", "annexation",
     "annexed", "occupied regions", "occupying state", "foreign occupation")
_cue("w_armed_conflict", "armed conflict", "armed conflict{|s}", "internal armed conflict",
     "non-international armed conflict", "armed hostilities", "hostilities", "civil war", "wartime", "conflict areas",
     "conflict zones", "conflict zone", "conflict area", "conflict-affected", "conflict affected", "insurgency",
     "insurgents", "rebel{|s}", "rebel groups", "rebellion", "military operations", "military offensive",
     "counter-insurgency", "counterinsurgency", "armed clashes", "combat operations", "theatre of operations",
     "battle", "battlefield", "areas affected by conflict", "areas affected by the conflict",
     "affected by armed conflict", "affected by the armed conflict", "situations of armed conflict",
     "in situations of conflict", "security operations", "military campaign", "air campaign", "ongoing conflict",
     "current conflict", "war-affected", "war affected", "war zone{|s}")
_cue("w_conflict_weak", "conflict (generic)", "war", "during the conflict", "conflict", "conflicts",
     "conflict-related", "fighting", "clashes", "armed violence", "armed attacks", "crisis in", "violence in")
_cue("w_post_conflict", "post-conflict", "post-conflict", "post conflict", "postconflict", "after the conflict",
     "post-war", "post war", "end of the conflict", "aftermath of the conflict", "emerging from conflict",
     "after the war", "past conflict", "former conflict", "past conflicts", "legacy of the conflict")
_cue("w_armed_groups", "armed groups / parties to the conflict", "armed group{|s}", "non-state armed group{|s}",
     "non-state armed actors", "armed actors", "armed movement{|s}", "armed opposition", "armed opposition groups",
     "parties to the conflict", "belligerents", "combatant{|s}", "warring parties", "boko haram", "al-shabaab",
     "al shabaab", "isil", "isis", "daesh", "lra", "lord's resistance army", "fdlr", "m23", "farc", "eln", "taliban",
     "houthi{|s}", "seleka", "ex-seleka", "anti-balaka", "al-qaida", "al qaida", "al-qaeda", "ltte",
     "illegal armed groups", "armed elements", "parties in the conflict", "rebel forces", "armed rebel groups",
     "non-state actors")
_cue("w_hostilities", "conduct of hostilities", "protection of civilians", "protect civilians",
     "protect the civilian population", "civilian casualties", "civilian deaths", "civilian objects",
     "civilian infrastructure", "non-combatants", "protected persons", "indiscriminate", "indiscriminately",
     "disproportionate attacks", "aerial bombardment{|s}", "bombardment{|s}", "bombing{|s}", "air strikes",
     "airstrikes", "shelling", "barrel bombs", "sniper{|s}", "distinction and proportionality",
     "principles of distinction", "principle of distinction", "human shields", "siege{|s}", "besieged", "starvation",
     "blockade of", "attacks on civilians", "attacks against civilians", "targeting of civilians",
     "proportionality and precaution", "military necessity", "civilian targets", "feasible precautions",
     "precautions in attack", "use of civilians")
_cue("w_civilians", "civilians", "civilian population{|s}", "civilians", "civilian victims", "precaution{|s}",
     "civilian areas", "residential areas", "populated areas", "civilian")
_cue("w_child_soldiers", "children and armed conflict", "child soldier{|s}", "recruitment of children",
     "recruitment and use of children", "child recruitment", "recruitment of minors", "recruitment of child",
     "use of children in", "children associated with armed forces", "children associated with armed groups",
     "children associated with", "associated with armed forces", "conscription of children", "recruit children",
     "recruiting children", "underage recruitment", "minimum age for recruitment", "minimum age of recruitment",
     "paris principles and commitments", "paris commitments", "safe schools declaration", "safe schools",
     "attacks on schools", "attacks against schools", "attacks on hospitals", "attacks against hospitals",
     "military use of schools", "action plan to end and prevent", "paris principles on children",
     "paris principles on the involvement", "recruited by", "child combatants", "underage soldiers",
     "children in the armed forces", "children from armed groups", "children from armed forces",
     "recruitment of persons under", "recruitment of under-18", "recruitment of children under",
     "recruitment of girls", "release of children", "former child soldiers", "children formerly associated",
     "recruitment and use of child", "child recruits", "voluntary recruitment", "demobili{z|s}ed children",
     "demobili{z|s}ation of children", "demobili{z|s}e children", "child ex-combatants",
     "demobili{z|s}ation of child", "release and reintegration of children")
_cue("w_weapons", "prohibited weapons", "landmine{|s}", "land mines", "anti-personnel mine{|s}",
     "antipersonnel mines", "cluster munition{|s}", "cluster bomb{|s}", "chemical weapon{|s}",
     "biological weapon{|s}", "incendiary weapons", "explosive remnants of war", "unexploded ordnance", "uxo",
     "mine clearance", "demining", "de-mining", "white phosphorus", "depleted uranium", "explosive weapons",
     "explosive weapons in populated areas", "poison gas", "toxic chemicals as weapons", "mines", "mine action",
     "mine victims", "mine-affected", "landmine victims", "victims of mines", "unexploded", "remnants of war",
     "chemical attacks", "sarin")
_cue("w_missing", "missing persons", "missing persons", "missing person", "the missing", "fate of the missing",
     "fate and whereabouts", "whereabouts", "prisoners of war", "detainees in conflict", "exhumation{|s}",
     "identification of remains", "mortal remains", "committee on missing persons", "missing people",
     "families of the missing", "relatives of the missing")
_cue("p_peacekeeping", "peacekeeping / peace operations", "peacekeeper{|s}", "peacekeeping", "peace-keeping",
     "peacekeeping operation{|s}", "peacekeeping mission{|s}", "peace operation{|s}", "un mission{|s}",
     "united nations mission{|s}", "unamid", "monusco", "monuc", "minusma", "minusca", "unmiss", "unmil", "unoci",
     "minustah", "unficyp", "unifil", "amisom", "amis", "african union mission", "hybrid operation",
     "african union-united nations", "au/un", "au-un", "unmis", "unama", "unami", "unsmil", "undof", "peace mission",
     "international forces", "international force", "multinational force", "unmit", "binub", "bnub", "unipsil",
     "unamsil", "unmik", "eulex", "unpos", "unsom", "misca", "afisma", "ecomib", "ecowas mission", "un peacekeepers",
     "blue helmets", "peace support operation{|s}")
_cue("p_contribute", "contributing to operations abroad", "troop-contributing", "troop contributing",
     "contribute troops", "contribution to peacekeeping", "contributions to peacekeeping",
     "contribute to peacekeeping", "participation in peacekeeping", "participate in peacekeeping", "deployed abroad",
     "troops abroad", "contingents", "peacekeeping abroad", "peacekeeping missions abroad", "contributing country",
     "contributing countries", "deployed in", "deployment of", "sexual exploitation and abuse by peacekeepers",
     "its peacekeepers", "its troops")
_cue("p_safety", "safety of aid and peace operations", "safety of humanitarian", "security of humanitarian",
     "security of aid", "safety of aid", "attacks on humanitarian", "attacks against humanitarian", "attacks on aid",
     "attacks against aid", "attacks on peacekeepers", "attacks against peacekeepers", "attacks on united nations",
     "attacks against united nations", "safety and security of", "safety of", "security of",
     "protection of humanitarian", "protection of aid", "killing of aid", "killings of aid", "attacks on un",
     "attacks against un", "safety of un", "security of un", "safety and security", "security situation",
     "safe environment for", "security conditions")
_cue("p_access", "access and movement of operations", "freedom of movement of", "obstruct", "obstruction",
     "obstructing", "hinder", "hindering", "restrictions on the movement", "safe and unimpeded", "unimpeded",
     "unfettered", "full access", "safe access", "free access", "access to all", "access to affected",
     "access to the affected", "access to populations", "access to people", "unhindered access",
     "unrestricted access", "freedom of movement", "movement of", "rapid safe and unhindered", "safe unhindered",
     "unhindered", "timely access", "full and unhindered", "full unhindered", "immediate access",
     "access to those in need", "access to areas", "access to the population", "access to detainees",
     "access to all detainees", "access to prisons", "access to all places of detention", "access to detention")
# --- RF1 instability ---
_cue("y_humanitarian_emergency", "humanitarian emergency under way", "humanitarian crisis", "humanitarian emergency",
     "humanitarian situation", "famine", "food crisis", "emergency relief", "humanitarian response",
     "affected population{|s}", "affected by the crisis", "victims of the earthquake", "earthquake", "cyclone",
     "hurricane", "tsunami", "floods", "ebola", "epidemic", "cholera", "post-earthquake", "severe drought", "drought",
     "humanitarian emergencies", "complex emergency", "emergency situation", "humanitarian disaster",
     "humanitarian crises")
_cue("y_protest", "mass protest", "protest movement{|s}", "popular uprising", "uprising", "mass protests",
     "arab spring", "revolution", "post-election violence", "post-electoral violence", "post-electoral crisis",
     "post-election crisis", "events of", "unrest")
_cue("y_separatism", "separatism", "separatist{|s}", "separatism", "secession", "secessionist{|s}")
# --- topics that are not atrocity-relevant by default ---
_cue("n_death_penalty", "death penalty", "death penalty", "death penalties", "capital punishment",
     "death sentence{|s}", "sentenced to death", "executions", "execution", "executed", "moratorium", "death row",
     "abolition", "abolish the death penalty", "abolitionist", "capital offences", "capital crimes",
     "mandatory death", "hanging{|s}", "commute", "capital offenses", "death-penalty", "public executions")
_cue("n_mass_trials", "mass or summary trials", "mass trial{|s}", "summary trial{|s}", "unfair trial{|s}",
     "mass death sentences", "mass sentencing", "summary proceedings", "collective trials", "group trials")
_cue("n_detention_conditions", "detention conditions", "prison conditions", "conditions of detention",
     "detention conditions", "overcrowding", "prison overcrowding", "pre-trial detention", "pretrial detention",
     "prison system", "penitentiary", "prisons", "prison", "alternatives to detention", "alternative sentences",
     "non-custodial", "remand", "prison population", "correctional", "detention facilities", "detention centres",
     "detention centers", "conditions in prisons", "conditions in detention", "places of detention", "detention",
     "detainees", "prisoners", "inmates", "conditions of imprisonment", "living conditions in prisons",
     "penitentiary system", "custody")
_cue("n_domestic_violence", "domestic violence", "domestic violence", "domestic abuse", "family violence",
     "intimate partner", "marital rape", "violence in the family", "violence within the family", "shelters",
     "shelter{|s}", "honour killing{|s}", "honor killing{|s}", "honour crimes", "honor crimes", "crimes of honour",
     "crimes committed in the name of honour", "femicide", "feminicide", "dowry", "spousal", "violence in the home",
     "domestic and sexual violence", "intra-family violence", "intrafamily violence", "so-called honour",
     "crimes of honor", "killings in the name of honour", "honour-related")
_cue("n_harmful", "FGM / child marriage / child rights", "female genital mutilation", "fgm", "fgm/c",
     "genital mutilation", "child marriage{|s}", "early marriage{|s}", "forced and early marriage",
     "early and forced marriage", "child labour", "child labor", "birth registration", "corporal punishment",
     "juvenile justice", "juvenile", "juveniles", "children in conflict with the law", "in conflict with the law",
     "minimum age of criminal responsibility", "age of criminal responsibility", "street children", "child abuse",
     "child pornography", "sexual exploitation of children", "harmful practices", "harmful traditional practices",
     "polygamy", "witchcraft", "albinism", "albinos", "child prostitution", "child sex tourism", "bullying",
     "corporal punishment of children", "early and forced marriages", "child, early and forced marriage",
     "child early and forced marriage", "sexual abuse of children", "abuse of children",
     "violence against children in", "breast ironing", "child trafficking", "sale of children", "online child sexual",
     "child sexual abuse", "child sexual exploitation")
_cue("n_trafficking", "trafficking", "trafficking", "trafficking in persons", "human trafficking",
     "trafficking in human beings", "trafficked", "smuggling", "forced labour", "forced labor", "bonded labour",
     "bonded labor", "slavery", "servitude", "modern slavery", "exploitation", "traffickers", "trafficking in women",
     "trafficking of women", "trafficking in women and children", "trafficking of persons", "debt bondage",
     "sexual exploitation", "prostitution", "sex tourism")
_cue("n_lgbti", "LGBTI", "sexual orientation", "gender identity", "lgbt", "lgbti", "lgbtiq", "lgbtq", "lgbt+",
     "lgbtqi", "lgbtqi+", "lgbti+", "same-sex", "same sex", "homosexual{|s}", "homosexuality", "transgender",
     "intersex", "gay", "lesbian{|s}", "bisexual", "sexual minorities", "sogi", "gender expression", "trans persons",
     "sexual orientation and gender identity", "lesbian gay bisexual", "gay men", "sexual and gender minorities",
     "conversion therapy", "conversion practices", "sex characteristics")
_cue("n_women", "women / gender", "women", "woman", "girls", "gender", "gender equality", "female", "women's",
     "wives", "mothers", "maternal", "women and girls", "women and children")
_cue("n_vulnerable", "vulnerable groups", "vulnerable groups", "vulnerable group", "most vulnerable",
     "vulnerable persons", "vulnerable people", "vulnerable populations", "marginalized groups",
     "disadvantaged groups", "vulnerable sectors", "vulnerable segments", "persons with disabilities",
     "people with disabilities", "disabilit{y|ies}", "older persons", "elderly", "children", "child", "youth",
     "migrants", "migrant", "foreigners", "non-nationals", "domestic workers", "persons living with hiv", "hiv",
     "vulnerable", "the poor", "rural areas", "rural", "young people", "adolescents", "minors", "boys")
_cue("n_generic", "generic formula", "promote and protect human rights", "promotion and protection of human rights",
     "mainstream human rights", "implement all recommendations", "accepted recommendations",
     "sustainable development goals", "sdgs", "millennium development goals", "mdgs", "good governance",
     "human rights of all", "all human rights", "human rights situation", "human rights in the country",
     "enjoyment of human rights", "realization of human rights", "full enjoyment", "best practices",
     "international community", "share its experience", "share experiences", "good practices")
_cue("n_development", "development / social rights", "poverty", "poverty reduction", "economic development",
     "right to education", "right to health", "health care", "healthcare", "water", "sanitation", "housing",
     "right to food", "food security", "climate change", "environment", "disaster{|s}", "disaster risk reduction",
     "unemployment", "social security", "labour", "labor", "business and human rights", "ruggie",
     "guiding principles on business", "informal settlements", "quality of education", "primary education",
     "secondary education", "maternal mortality", "infant mortality", "hiv/aids", "malaria", "tuberculosis",
     "social protection", "minimum wage", "pensions")
_cue("n_religious_leaders", "religious leaders (as partners)", "religious leaders",
     "traditional and religious leaders", "religious and traditional leaders", "community and religious leaders",
     "religious and community leaders", "traditional leaders", "faith-based organi{z|s}ations",
     "faith based organi{z|s}ations", "religious authorities", "religious institutions", "religious education",
     "religious schools", "religious and civil society", "civil society and religious", "religious organi{z|s}ations",
     "religious bodies", "religious figures", "religious marriages", "religious courts", "religious and customary",
     "customary and religious", "religious or customary", "customary or religious", "religious law", "religious laws",
     "sharia", "personal status", "religious and cultural practices", "cultural and religious practices",
     "cultural practices")
_cue("n_neutral", "neutral phrase", "rehabilitation centre", "rehabilitation centres", "rehabilitation center",
     "rehabilitation centers", "youth centres", "election to the human rights council", "election to the council",
     "conflict of interest{|s}", "conflicts of interest", "land conflicts", "conflict resolution",
     "conflict with the law", "work-life", "armed robbery", "arms race", "blasphemy law{|s}",
     "separatist organi{z|s}ations", "gun crime", "gun control", "firearms licensing", "human race",
     "data protection", "race to", "political will", "elections to the human rights council",
     "candidature to the human rights council", "candidacy", "membership of the human rights council",
     "reconciliation of work and family", "reconcile work and family", "reconciling work and family",
     "reconciliation of family and work", "reconciliation of professional", "reconciling professional",
     "reconciliation between work", "work and family life", "good faith", "in good faith", "nuclear disarmament",
     "general and complete disarmament", "nuclear weapons", "drug trafficking", "war on drugs", "road safety",
     "mine workers", "mining sector workers", "national identity card{|s}", "identity card{|s}", "identity documents",
     "domestic legislation on violence", "conflict prevention", "prevention of conflicts", "social media campaigns",
     "media campaigns", "awareness campaigns through the media", "sexual and reproductive",
     "sexual and reproductive health", "conscientious objection", "conscientious objector{|s}", "council of europe")
# fmt: on


def _expand(pattern: str) -> list[str]:
    parts = re.split(r"(\{[^}]*\})", pattern)
    choices = [p[1:-1].split("|") if p.startswith("{") else [p] for p in parts]
    out = []
    for combo in itertools.product(*choices):
        s = " ".join("".join(combo).split())
        if s:
            out.append(s)
    return out


def _build_lexicon() -> tuple[dict[str, str], dict[str, str]]:
    phrase_to_cue: dict[str, str] = {}
    labels: dict[str, str] = {}
    for cid, label, patterns in _CUE_TABLE:
        labels[cid] = label
        for pat in patterns:
            for phrase in _expand(pat):
                phrase_to_cue.setdefault(phrase, cid)  # first cue listed wins for a shared phrase
    return phrase_to_cue, labels


PHRASES, CUES = _build_lexicon()  # phrase -> cue id; cue id -> human label


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
        add(8, "8.11", "v_glorify")
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
            add(8, "8.7", hs or hs_weak, "hate speech as an offence")
        if ("e_hate_speech_group" in cues) or group:
            add(9, "9.1", hs or hs_weak)
    if "e_incitement" in cues:
        add(7, "7.14", "e_incitement")
        add(8, "8.7", "e_incitement")
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
        add(8, "8.8", elections)
    if ("r_coup" in cues) and not (("k_temporal" in cues) and ("a_investigate" in cues)):
        add(1, "1.4", "r_coup")
        add(8, "8.4", "r_coup")
    if ("r_fpic" in cues) or (("r_projects" in cues) and group):
        if "r_projects" in cues:
            add(8, "8.10", "r_projects", "projects affecting a protected group")
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
