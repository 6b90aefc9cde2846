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


def five_steps(con, state: str):
    """One row per cycle and step: recommended (ids), recommending States, supported / noted / pending, and
    whether the step was asked in the previous cycle too (repeated)."""
    import pandas as pd

    from upr_lens import store

    recs = store.recommendations_frame(con, state=state)
    rows = []
    cycles = sorted(c for c in recs["cycle"].dropna().unique()) if not recs.empty else []
    asked_before: set[int] = set()
    for cycle in cycles:
        in_cycle = recs[recs["cycle"] == cycle]
        hits = {step.number: in_cycle[in_cycle["text"].map(lambda t, s=step: bool(s.pattern.search(t or "")))]
                for step in STEPS}
        for step in STEPS:
            matched = hits[step.number]
            states = {s for lst in matched["recommending_iso3"] if hasattr(lst, "__len__") for s in lst}
            counts = matched["position"].value_counts()
            rows.append({
                "cycle": int(cycle), "step": step.number, "name": step.name,
                "recommended": len(matched), "recommending_states": len(states),
                "supported": int(counts.get("supported", 0) + counts.get("partially supported", 0)),
                "noted": int(counts.get("noted", 0)), "pending": int(counts.get("pending", 0)),
                "repeated": bool(len(matched)) and step.number in asked_before,
                "examples": "; ".join(f"{r.symbol or ''} {r.rec_id}".strip() for r in matched.head(3).itertuples()),
            })
        asked_before = {n for n, m in hits.items() if len(m)}
    return pd.DataFrame(rows)
