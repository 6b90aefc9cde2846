"""The per-rule memo of the codebook decision (upr_lens.classify.rule_memo) decides exactly as the rules do."""

from __future__ import annotations

import random

import pandas as pd
from conftest import require_shared

from upr_lens.classify import risk_decisions as rd
from upr_lens.classify import risk_rules as rr
from upr_lens.classify import rule_memo


def test_each_rule_reads_the_cues_it_names():
    reads = dict(zip((r.__name__ for r in rd.RULES), rule_memo.rule_reads(), strict=True))
    assert {"r_elections", "r_coup", "k_temporal", "g_ethnic"} <= reads["rf8_rules"]  # g_ethnic: through c.group
    assert "t_rome" in reads["treaty_rules"] and "t_icc" in reads["treaty_rules"]  # through c.rome / c.rel
    assert "r_coup" not in reads["treaty_rules"]
    assert all(len(r) < len(rd.CUES) for r in reads.values())  # the source was read: no rule reads everything


def test_memoised_decisions_equal_the_rules_on_real_and_random_cue_sets():
    frame = pd.read_csv(require_shared("upr", "reference", "uprinfo-sessions-1-20.csv"), usecols=["Text"])
    sets = [frozenset(rr.match_cues(t)) for t in frame["Text"].astype(str).drop_duplicates()]
    cues = sorted(rd.CUES)
    rnd = random.Random(7)
    sets += [frozenset(rnd.sample(cues, rnd.randint(1, 12))) for _ in range(30_000)]
    for real in sets[:10_000]:  # real sets with a few cues added and removed
        changed = set(real) | set(rnd.sample(cues, rnd.randint(0, 3)))
        for cue in rnd.sample(sorted(changed), min(len(changed), rnd.randint(0, 2))):
            changed.discard(cue)
        sets.append(frozenset(changed))
    rule_memo.cache_clear()
    differing = [s for s in sets if rule_memo.decide(s) != rd.decide_cues(s)]
    assert not differing, f"{len(differing)} cue sets decided differently, e.g. {sorted(differing[0])}"
