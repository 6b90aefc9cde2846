"""The 14 risk factors of the UN Framework of Analysis for Atrocity Crimes (2014) and their indicators.

Factor names and indicator numbering follow the Framework (as laid out in ``atrocity/risk_factors.json``);
the short descriptions are our own wording, written for reasons and reports. Indicator ids that the
JSON marks as not yet checked against the official text (RF1-RF6, 7.11-7.14, RF10-RF12, 13.10, RF14)
carry ``verified=False``: rely on the factor label there, and treat the indicator id as provisional.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

__all__ = [
    "Indicator",
    "RiskFactor",
    "RISK_FACTORS",
    "FACTOR_IDS",
    "factor",
    "indicator",
    "indicators_of",
    "factor_of_indicator",
    "is_indicator",
    "describe",
    "check_against_json",
]


@dataclass(frozen=True)
class Indicator:
    id: str  # "7.14"
    factor: int  # 7
    description: str  # own short wording
    verified: bool = True  # id checked against the official text (codebook note)


@dataclass(frozen=True)
class RiskFactor:
    id: int
    name: str
    scope: str  # "common", "genocide", "crimes against humanity", "war crimes"
    description: str
    indicators: tuple[Indicator, ...]

    @property
    def label(self) -> str:
        return f"RF{self.id}"

    def indicator_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.indicators)


# (factor id, name, scope, own description, [(indicator number, own description), ...])
# As flagged in risk_factors.json: only 7.1-7.10, 8.x, 9.x and 13.1-13.9 are checked against the official text.
_UNVERIFIED = {"7.11", "7.12", "7.13", "7.14", "13.10"}
_UNVERIFIED_FACTORS = {1, 2, 3, 4, 5, 6, 10, 11, 12, 14}

_TABLE: list[tuple[int, str, str, str, list[tuple[str, str]]]] = [
    (
        1,
        "Situations of armed conflict or other forms of instability",
        "common",
        "The State is under strain from war, crisis or upheaval, which makes mass violence easier to set off.",
        [
            ("1.1", "War between States or an internal armed conflict is under way."),
            (
                "1.2",
                "A security crisis: broken peace deals, spill-over from a neighbour, terrorism, "
                "threats of intervention.",
            ),
            ("1.3", "A humanitarian emergency, e.g. after a disaster or in an epidemic."),
            ("1.4", "Instability after a coup or another abrupt, unconstitutional change of power."),
            ("1.5", "Instability from power struggles or a rising armed, nationalist or radical opposition."),
            ("1.6", "Tension caused by authoritarian rule or harsh treatment of political opponents."),
            ("1.7", "Strain from scarce resources or disputes over their use."),
            ("1.8", "A severe national economic crisis."),
            ("1.9", "Extreme poverty, mass unemployment or deep gaps between identity groups or regions."),
            ("1.10", "Mass protest or resistance against State authority or policy."),
            ("1.11", "Exclusion of, or tension around, identity groups, including extremist forms."),
        ],
    ),
    (
        2,
        "Record of serious violations of international human rights and humanitarian law",
        "common",
        "Grave abuses, past or present, that were not prevented, punished or dealt with, signalling more may come.",
        [
            (
                "2.1",
                "Serious violations or restrictions of rights or IHL are happening or happened, "
                "above all in a pattern.",
            ),
            ("2.2", "Atrocity crimes, or incitement to them, took place in the past."),
            ("2.3", "Serious violations or atrocity crimes go uninvestigated and unpunished (impunity)."),
            ("2.4", "Authorities do not use the means they have to stop grave violations they can foresee."),
            ("2.5", "Support continues to groups accused of grave crimes, or their acts are not condemned."),
            ("2.6", "Past crimes are denied, justified or told in a one-sided way."),
            ("2.7", "No, or a politicised, process of reconciliation or transitional justice after conflict."),
            ("2.8", "Impunity breeds wide distrust of institutions or between groups."),
        ],
    ),
    (
        3,
        "Weakness of State structures",
        "common",
        "Gaps in law, courts, security-sector control, oversight and resources that leave people unprotected.",
        [
            ("3.1", "The legal framework is weak, e.g. key human rights or IHL treaties not ratified or incorporated."),
            ("3.2", "Courts, police and rights institutions lack resources, training or representativeness."),
            ("3.3", "Courts are not independent or impartial."),
            ("3.4", "Security forces escape effective civilian control."),
            ("3.5", "Corruption or poor governance is widespread."),
            ("3.6", "Oversight bodies and remedies for victims are missing or weak."),
            ("3.7", "Armed and security actors do not know or are not trained in human rights and IHL."),
            ("3.8", "No capacity to check that weapons and methods of warfare respect IHL."),
            ("3.9", "Too little money, national or international, for reform and capacity building."),
            ("3.10", "Too few resources for general measures to protect the population."),
        ],
    ),
    (
        4,
        "Motives or incentives",
        "common",
        "Reasons, interests or ideologies that could drive people to commit or tolerate atrocity crimes.",
        [
            ("4.1", "Political aims, chiefly winning or keeping power."),
            ("4.2", "Economic interests, e.g. shielding elites or controlling how wealth is shared."),
            ("4.3", "Strategic or military aims, such as taking land or resources."),
            ("4.4", "Other aims, including making an area identity-homogeneous."),
            ("4.5", "A group or people is seen as a threat or as disloyal."),
            ("4.6", "A group or people is seen as backing armed opponents."),
            ("4.7", "Supremacist or extremist identity-based ideologies."),
            ("4.8", "Old grievances or impunity are exploited for political ends."),
            ("4.9", "Unresolved trauma from past violence: loss, displacement, injustice, wish for revenge."),
        ],
    ),
    (
        5,
        "Capacity to commit atrocity crimes",
        "common",
        "The people, weapons, money, logistics and outside backing needed to carry out mass violence.",
        [
            ("5.1", "Personnel, weapons and ammunition, or the funds to get them, are at hand."),
            ("5.2", "Means to move and deploy people and to distribute arms."),
            ("5.3", "Ability to recruit and mobilise large numbers of supporters."),
            ("5.4", "Entrenched habits of obedience and group conformity."),
            ("5.5", "Other armed forces or armed groups are present or linked to would-be perpetrators."),
            ("5.6", "Businesses that could supply goods, services or technical help to perpetrators."),
            ("5.7", "Funding or political protection from powerful domestic actors."),
            ("5.8", "Arms, money, training or other support from abroad."),
        ],
    ),
    (
        6,
        "Absence of mitigating factors",
        "common",
        "Missing brakes on violence: weak civil society and media, little international engagement or refuge.",
        [
            ("6.1", "People at risk have no means, allies or resources to protect themselves."),
            ("6.2", "Civil society is weak and the media are not free, plural or independent."),
            ("6.3", "Little international civil-society attention or foreign media access."),
            ("6.4", "Little or no UN, international NGO or regional presence, or no access to affected people."),
            ("6.5", "Not a member, or an inactive one, of organisations with binding obligations."),
            ("6.6", "The State is isolated, with few outside ties."),
            ("6.7", "Little engagement with UN and regional human rights mechanisms."),
            ("6.8", "Parties to a conflict will not talk, compromise or accept outside help."),
            ("6.9", "Other States or organisations fail to help, or to act when the State fails its people."),
            ("6.10", "People fleeing danger find no refuge: closed borders, forced returns, hostile treatment."),
            ("6.11", "No early-warning arrangement to spot and prevent atrocity risk."),
        ],
    ),
    (
        7,
        "Enabling circumstances or preparatory action",
        "common",
        "Steps and conditions that open the way to atrocity crimes or suggest they are being prepared.",
        [
            ("7.1", "Emergency, counter-terrorism or security laws that erode basic rights."),
            ("7.2", "Key institutions suspended, packed or rebalanced, e.g. groups losing representation."),
            ("7.3", "Security forces strengthened, reorganised or deployed against people or groups."),
            ("7.4", "Large stocks of weapons or other harmful means are built up."),
            ("7.5", "Militias or paramilitary groups are set up or backed."),
            ("7.6", "Tight control or shutdown of communication channels, including the internet."),
            ("7.7", "NGOs, international bodies, media or aid actors expelled, barred or heavily restricted."),
            ("7.8", "Growing violence against, or measures singling out, protected groups or populations."),
            ("7.9", "Rising serious violence against women and children, including sexual violence."),
            ("7.10", "Forced displacement, segregation, camps or life-threatening living conditions."),
            ("7.11", "Destruction or looting of essential goods or of cultural and religious property."),
            ("7.12", "People or property marked by group membership."),
            ("7.13", "Identity, history or grievances increasingly politicised."),
            ("7.14", "Hate speech, inflammatory rhetoric or propaganda against groups or people."),
        ],
    ),
    (
        8,
        "Triggering factors",
        "common",
        "Events that can suddenly worsen a tense situation or spark violence.",
        [
            ("8.1", "Sudden deployment of security forces or outbreak of fighting."),
            ("8.2", "Conflict or tension spilling over from a neighbouring country."),
            ("8.3", "International steps perceived as a threat to sovereignty."),
            ("8.4", "Abrupt or unconstitutional change of government or of the groups in power."),
            (
                "8.5",
                "Attacks on leaders, public figures or members of rival groups, and other grave violence (terrorism).",
            ),
            ("8.6", "Religious events, or acts seen as insulting a religion."),
            ("8.7", "Incitement or hate propaganda against particular groups or people."),
            ("8.8", "Censuses, elections and their key stages, or moves that destabilise them."),
            ("8.9", "Sudden economic or job-market shocks."),
            ("8.10", "New resource finds or extraction projects that threaten livelihoods of groups."),
            ("8.11", "Anniversaries of past crimes or glorification of their perpetrators."),
            ("8.12", "Accountability steps, above all when they are seen as unfair."),
        ],
    ),
    (
        9,
        "Intergroup tensions or patterns of discrimination against protected groups",
        "genocide",
        "Prejudice, discrimination and friction aimed at national, ethnic, racial or religious groups.",
        [
            ("9.1", "Protected groups are discriminated against, segregated or excluded in law, policy or practice."),
            ("9.2", "The existence or identity (language, culture, status) of protected groups is denied."),
            ("9.3", "Past atrocity crimes against protected groups went unpunished."),
            ("9.4", "Friction with or among protected groups over land, resources, gaps, participation or security."),
            ("9.5", "Tension between other groups that may take on an ethnic or religious character."),
            ("9.6", "No national mechanism or initiative to manage identity-based tension."),
        ],
    ),
    (
        10,
        "Signs of an intent to destroy in whole or in part a protected group",
        "genocide",
        "Facts suggesting someone means to destroy, wholly or partly, a national, ethnic, racial or religious group.",
        [
            ("10.1", "Statements or documents showing intent or incitement to destroy a protected group."),
            ("10.2", "Members of a protected group are killed in a way that could destroy it."),
            ("10.3", "Organised or massive violence or discrimination against a protected group's members."),
            ("10.4", "Preventing births in, or forcibly removing the children of, a protected group."),
            ("10.5", "Degrading, terrorising violence meant to break up or change a protected group."),
            ("10.6", "Public celebration of domination over a protected group."),
            ("10.7", "Attacks on a protected group's homes, livelihoods or cultural and religious sites."),
        ],
    ),
    (
        11,
        "Signs of a widespread or systematic attack against any civilian population",
        "crimes against humanity",
        "Signs that abuses against civilians are massive, repeated or organised.",
        [
            ("11.1", "Repeated violence against civilians or an identifiable group and their property."),
            ("11.2", "Violence spreads to more people, places or kinds of acts."),
            ("11.3", "Violence against civilians becomes more organised or coordinated."),
            ("11.4", "Media or other channels used to stir up violence."),
            ("11.5", "Killings, torture, disappearances, mass detention or forced transfer on a large scale."),
            ("11.6", "Large public or private resources go into violence against civilians."),
            ("11.7", "State bodies or senior leaders take part in violence against civilians."),
        ],
    ),
    (
        12,
        "Signs of a plan or policy to attack any civilian population",
        "crimes against humanity",
        "Signs of a State or organisational policy, formal or not, behind violence against civilians.",
        [
            ("12.1", "Documents or statements that reveal a plan to attack civilians."),
            (
                "12.2",
                "Security measures that treat parts of the population differently, "
                "e.g. profiling, collective punishment.",
            ),
            ("12.3", "Measures changing the ethnic, religious or political make-up of an area (e.g. settlements)."),
            ("12.4", "New parallel structures or armed units apt to be turned on civilians."),
            ("12.5", "Significant resources set aside for such violence."),
            ("12.6", "Personnel, training or logistics prepared in advance for operations against civilians."),
            ("12.7", "Violence follows a coordinated pattern across places or perpetrators."),
            ("12.8", "Authorities encourage or knowingly tolerate attacks on civilians."),
        ],
    ),
    (
        13,
        "Serious threats to those protected under international humanitarian law",
        "war crimes",
        "Conduct in armed conflict that endangers civilians and others protected by IHL.",
        [
            ("13.1", "Parties fragment or their command chains break down."),
            ("13.2", "Mistrust between parties after broken commitments."),
            ("13.3", "Parties to the conflict radicalise."),
            ("13.4", "Ethnicity or religion becomes the test of loyalty to a side."),
            ("13.5", "The enemy or groups are dehumanised, or their traditions and institutions disrespected."),
            ("13.6", "Sharp curbs on the rights of persons protected by IHL."),
            ("13.7", "Plans or talk threatening violence against protected persons."),
            ("13.8", "Obstruction of supplies, facilities or aid that protected persons need."),
            ("13.9", "Preparations to move or confine large numbers of people, or for medical experiments."),
            ("13.10", "Development, stockpiling or use of weapons banned by international law."),
        ],
    ),
    (
        14,
        "Serious threats to humanitarian or peacekeeping operations",
        "war crimes",
        "Conduct that endangers humanitarian and peacekeeping staff and operations protected by IHL.",
        [
            ("14.1", "Aid or peace operations seen as partial or as a threat."),
            ("14.2", "Rhetoric casting aid or peacekeeping staff as enemies or targets."),
            ("14.3", "Plans or threats to attack aid or peacekeeping staff or operations."),
            ("14.4", "Attacks on aid or peacekeeping staff, premises, equipment or vehicles."),
            ("14.5", "Movement of, or access by, aid or peace operations blocked."),
            ("14.6", "Aid supplies looted, seized or diverted."),
            ("14.7", "Misuse of protective emblems or of humanitarian identity."),
            ("14.8", "Attacks on aid or peacekeeping staff go unpunished."),
        ],
    ),
]


def _build() -> tuple[RiskFactor, ...]:
    out = []
    for fid, name, scope, desc, inds in _TABLE:
        indicators = tuple(
            Indicator(
                id=iid,
                factor=fid,
                description=idesc,
                verified=not (iid in _UNVERIFIED or fid in _UNVERIFIED_FACTORS),
            )
            for iid, idesc in inds
        )
        out.append(RiskFactor(id=fid, name=name, scope=scope, description=desc, indicators=indicators))
    return tuple(out)


RISK_FACTORS: tuple[RiskFactor, ...] = _build()
FACTOR_IDS: tuple[int, ...] = tuple(f.id for f in RISK_FACTORS)
_BY_ID = {f.id: f for f in RISK_FACTORS}
_IND = {i.id: i for f in RISK_FACTORS for i in f.indicators}


def factor(fid: int | str) -> RiskFactor:
    """Risk factor by id: 7, "7" or "RF7"."""
    if isinstance(fid, str):
        fid = int(fid.upper().removeprefix("RF"))
    try:
        return _BY_ID[fid]
    except KeyError:
        raise KeyError(f"no risk factor {fid!r} (ids are 1-14)") from None


def indicator(iid: str) -> Indicator:
    try:
        return _IND[iid]
    except KeyError:
        raise KeyError(f"no indicator {iid!r}") from None


def is_indicator(iid: str) -> bool:
    return iid in _IND


def indicators_of(fid: int) -> tuple[Indicator, ...]:
    return factor(fid).indicators


def factor_of_indicator(iid: str) -> int:
    return int(iid.split(".", 1)[0])


@cache
def describe(iid: str) -> str:
    """'7.14 hate speech ...' style one-liner for an indicator id or a factor id ('RF7' / '7')."""
    if "." in iid:
        ind = indicator(iid)
        return f"{ind.id} {ind.description}"
    f = factor(iid)
    return f"{f.label} {f.name}"


def check_against_json(path) -> list[str]:
    """Problems found comparing this table with ``risk_factors.json`` (ids and names only); [] if none."""
    import json
    from pathlib import Path

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    problems = []
    for item in data:
        f = _BY_ID.get(int(item["id"]))
        if f is None:
            problems.append(f"factor {item['id']} missing")
            continue
        if f.name != item["name"]:
            problems.append(f"factor {f.id}: name differs")
        ids = [i["id"] for i in item["indicators"]]
        if list(f.indicator_ids()) != ids:
            problems.append(f"factor {f.id}: indicator ids differ")
        for i in item["indicators"]:
            if i["id"] in _IND and _IND[i["id"]].verified != bool(i.get("verified", True)):
                problems.append(f"indicator {i['id']}: verified flag differs")
    if len(data) != len(RISK_FACTORS):
        problems.append("factor count differs")
    return problems
