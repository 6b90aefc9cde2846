"""The UN Secretary-General's five national steps (2017 report on R2P and accountability, para. 45).

For each State and cycle: was the step recommended, by how many States, what was the response, and was
it asked again (recommended in the previous cycle too). The cues below are upr_lens's own wording of what
a recommendation asking for each step says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .treaty_mentions import instrument_names_regex

# the key instruments of step 2 (ids of the instrument registry, upr_lens/data/instruments.json)
KEY_INSTRUMENTS = ("ROME", "GENOCIDE", "GC1949", "AP-I", "AP-II", "AP-III", "REF1951", "REF1967", "ATT")


@dataclass(frozen=True)
class Step:
    number: int
    name: str
    pattern: re.Pattern[str]


_I = re.I
STEPS: tuple[Step, ...] = (
    Step(1, "national R2P focal point", re.compile(
        r"focal\s+point.{0,80}(?:responsibility\s+to\s+protect|R2P|atrocit|genocide)|"
        r"(?:responsibility\s+to\s+protect|R2P).{0,80}focal\s+point", _I)),
    Step(2, "key instruments ratified; atrocity crimes and incitement criminalized", re.compile(
        r"(?:ratif|accede|accession|become\s+(?:a\s+)?party|adhere|sign).{0,120}"
        r"(?:" + instrument_names_regex(KEY_INSTRUMENTS) + r"|International\s+Criminal\s+Court|\bICC\b|Genocide|"
        r"Additional\s+Protocols?|Status\s+of\s+Refugees|1951\s+Convention|1967\s+Protocol)|"
        r"(?:criminali[sz]|define|incorporate|penali[sz]).{0,80}"
        r"(?:genocide|war\s+crimes|crimes\s+against\s+humanity|incitement\s+to\s+(?:genocide|violence|hatred))", _I)),
    Step(3, "open (standing) invitation to the special procedures", re.compile(
        r"(?:standing|open)\s+(?:and\s+permanent\s+)?invitation", _I)),
    Step(4, "regular atrocity risk assessment", re.compile(
        r"(?:risk\s+assessment|early\s+warning).{0,80}(?:atrocit|genocide|mass\s+violence|crimes\s+against)|"
        r"(?:atrocit|genocide).{0,80}(?:risk\s+assessment|early\s+warning)", _I)),
    Step(5, "domestic accountability mechanisms (parliament, NHRI, national committee)", re.compile(
        r"national\s+human\s+rights\s+institution|\bNHRI\b|Paris\s+Principles|ombuds(?:man|person)|"
        r"national\s+(?:committee|commission|mechanism)\s+(?:for|on)\s+(?:the\s+)?prevention\s+of\s+genocide|"
        r"parliament\w*\s+(?:committee|oversight).{0,40}human\s+rights", _I)),
)


def steps_in(text: str) -> tuple[int, ...]:
    """Which of the five steps a recommendation asks for."""
    return tuple(step.number for step in STEPS if step.pattern.search(text or ""))


def five_steps(con, state: str, recs=None):
    """One row per cycle and step: recommended (ids), recommending States, supported / noted / pending, and
    whether the step was asked in the previous cycle too (repeated). *recs*: the State's recommendations
    (``store.recommendations_frame(con, state=state)``) when the caller has them already."""
    import pandas as pd

    from upr_lens import store

    if recs is None:
        recs = store.recommendations_frame(con, state=state)
    rows = []
    cycles = sorted(c for c in recs["cycle"].dropna().unique()) if not recs.empty else []
    # plain lists: one pass of each step's pattern over the texts, no per-row pandas access
    cycle_of = recs["cycle"].tolist() if cycles else []
    position_of = recs["position"].tolist() if cycles else []
    iso3_of = recs["recommending_iso3"].tolist() if cycles else []
    label_of = [f"{s or ''} {i}".strip() for s, i in zip(recs["symbol"], recs["rec_id"])] if cycles else []
    texts = recs["text"].tolist() if cycles else []
    found = {step.number: [n for n, t in enumerate(texts) if step.pattern.search(t or "")] for step in STEPS}
    asked_before: set[int] = set()
    for cycle in cycles:
        hits = {number: [n for n in rows_ if cycle_of[n] == cycle] for number, rows_ in found.items()}
        for step in STEPS:
            matched = hits[step.number]
            states = {s for n in matched if hasattr(iso3_of[n], "__len__") for s in iso3_of[n]}
            counts = {p: sum(position_of[n] == p for n in matched) for p in
                      ("supported", "partially supported", "noted", "pending")}
            rows.append({
                "cycle": int(cycle), "step": step.number, "name": step.name,
                "recommended": len(matched), "recommending_states": len(states),
                "supported": counts["supported"] + counts["partially supported"],
                "noted": counts["noted"], "pending": counts["pending"],
                "repeated": bool(len(matched)) and step.number in asked_before,
                "examples": "; ".join(label_of[n] for n in matched[:3]),
            })
        asked_before = {n for n, m in hits.items() if len(m)}
    return pd.DataFrame(rows)
