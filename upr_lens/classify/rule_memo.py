"""The codebook decision of :func:`upr_lens.classify.risk_decisions.decide_cues`, with each rule's hits memoised
on the only cues that rule reads.

Each rule function of ``risk_decisions.RULES`` reads the cue ids and cue-family constants it names and the
:class:`~upr_lens.classify.risk_decisions.CueContext` fields it uses (each field reads the cues named where
``CueContext.of`` computes it). Both are found in the module's source, so they follow the rules when the rules
change. A rule's hits for a cue set are then its hits for the set's intersection with what it reads: texts whose
cue sets differ only in cues a rule does not read share that rule's work. :func:`decide` returns exactly what
``decide_cues`` returns (checked over the cue sets of every UPR Info text and 40,000 random or altered ones
by tests/test_rule_memo.py).
"""

from __future__ import annotations

import ast
import inspect
from functools import lru_cache

from . import risk_decisions as rd
from .risk_decisions import RuleHit

__all__ = ["decide", "rule_reads", "cache_clear"]

_LIMIT = 65_536  # memo entries per rule before its memo starts again
_MEMO: list[dict[frozenset[str], tuple[RuleHit, ...]]] = [{} for _ in rd.RULES]


def cache_clear() -> None:
    for memo in _MEMO:
        memo.clear()


def _families() -> dict[str, frozenset[str]]:
    """Module constants of risk_decisions that are tuples of cue ids (GROUPS, VIOLATIONS ...)."""
    return {name: frozenset(value) for name, value in vars(rd).items()
            if isinstance(value, tuple) and value and all(isinstance(x, str) and x in rd.CUES for x in value)}


def _named(node: ast.AST, families: dict[str, frozenset[str]]) -> tuple[set[str], set[str], set[str]]:
    """(cue ids named, plain names used, attributes of ``c`` used) anywhere in *node*."""
    cues: set[str] = set()
    names: set[str] = set()
    fields: set[str] = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in rd.CUES:
            cues.add(n.value)
        elif isinstance(n, ast.Name):
            if n.id in families:
                cues |= families[n.id]
            names.add(n.id)
        elif isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "c":
            fields.add(n.attr)
    return cues, names, fields


@lru_cache(maxsize=1)
def rule_reads() -> tuple[frozenset[str], ...]:
    """For each rule of ``risk_decisions.RULES``: the cues its hits can depend on (all cues when the source cannot
    be read, which only turns the memo into a per-cue-set one)."""
    try:
        tree = ast.parse(inspect.getsource(rd))
    except (OSError, TypeError):
        return tuple(frozenset(rd.CUES) for _ in rd.RULES)
    families = _families()
    functions = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    # CueContext.of: local name -> the cues it reads (following the locals it uses), then field -> cues
    of = functions["of"]
    local_exprs: dict[str, ast.AST] = {}
    result_call = None
    for stmt in of.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            local_exprs[stmt.targets[0].id] = stmt.value
        elif isinstance(stmt, ast.Return) and isinstance(stmt.value, ast.Call):
            result_call = stmt.value
    if result_call is None:
        return tuple(frozenset(rd.CUES) for _ in rd.RULES)

    def reads(node: ast.AST, seen: frozenset[str] = frozenset()) -> set[str]:
        cues, names, _ = _named(node, families)
        for name in names & local_exprs.keys() - seen:
            cues |= reads(local_exprs[name], seen | {name})
        return cues

    field_reads = {kw.arg: reads(kw.value) for kw in result_call.keywords if kw.arg}
    out = []
    for rule in rd.RULES:
        cues, _, fields = _named(functions[rule.__name__], families)
        for field in fields - {"cues", "has", "first"}:
            if field not in field_reads:  # a field this analysis does not know: read everything
                cues = set(rd.CUES)
                break
            cues |= field_reads[field]
        out.append(frozenset(cues))
    return tuple(out)


def decide(cues: frozenset[str]) -> tuple[RuleHit, ...]:
    """What ``risk_decisions.decide_cues(cues)`` returns, each rule's part memoised on the cues it reads."""
    context = None
    hits: list[RuleHit] = []
    for rule, read, memo in zip(rd.RULES, rule_reads(), _MEMO, strict=True):
        key = cues & read
        got = memo.get(key)
        if got is None:
            if context is None:
                context = rd.CueContext.of(cues)
            got = tuple(rule(context))
            if len(memo) >= _LIMIT:
                memo.clear()
            memo[key] = got
        hits.extend(got)
    # decide_cues' last step (accountability for sexual violence counted under RF7), in the same terms
    crsv = next((h.cue for h in hits if h.rf == 7 and h.indicator == "7.9"), None)
    if crsv is not None and not any(h.rf == 2 for h in hits):
        if context is None:
            context = rd.CueContext.of(cues)
        if context.investigate:
            hits.append(RuleHit(2, "2.3", context.investigate, f"accountability for {{{crsv}}}"))
    return tuple(hits)
