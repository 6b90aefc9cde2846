"""The rule lexicon as data: cue ids, labels and phrases from ``upr_lens/data/risk_cues.jsonl``.

One JSON object per line, one line per cue (like spaCy's EntityRuler patterns, grouped by cue)::

    {"id": "t_genocide", "label": "Genocide Convention", "section": "treaties that count",
     "risk_factors": [3], "phrases": ["genocide convention", "convention on genocide"]}

* ``id`` - the cue id the decision rules use: a kind letter (see :data:`KINDS`), "_", then lower-case words;
* ``label`` - the human gloss shown in reasons;
* ``section`` - the codebook section the cue is listed under, ``risk_factors`` - that section's risk factors
  (documentation for people reading the file; decisions come from the rules in ``risk_rules``);
* ``phrases`` - the surface forms, lower-case and single-spaced as :func:`risk_rules.normalize` leaves text.

The loader refuses a file with a missing, unknown or mistyped key, an unknown kind or risk factor, a repeated
cue id, or a phrase listed twice (under two cues or under one). The order of lines and phrases is kept.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..package_data import PackageDataError, read_data_text

CUES_FILE = "risk_cues.jsonl"
KINDS = {
    "a": "what the State is asked to do",
    "c": "arms control and disarmament",
    "e": "emergency, conflict and hate conduct",
    "g": "groups and group-related grievances",
    "i": "institutions",
    "k": "context words",
    "m": "ideology and grievance branding",
    "n": "topics not atrocity-relevant by default",
    "p": "peace operations",
    "r": "elections and political transitions",
    "s": "mechanisms, civic space and cooperation",
    "t": "treaties",
    "v": "serious violations",
    "w": "armed conflict",
    "x": "atrocity-specific conduct",
    "y": "situations under way",
}
RISK_FACTORS = frozenset(range(1, 15))
_FIELDS = {"id": str, "label": str, "section": str, "risk_factors": list, "phrases": list}
_CUE_ID = re.compile(r"[a-z]_[a-z0-9_]+")


@dataclass(frozen=True)
class Cue:
    id: str
    label: str
    section: str
    risk_factors: tuple[int, ...]
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class CueLexicon:
    cues: tuple[Cue, ...]

    @property
    def phrase_to_cue(self) -> dict[str, str]:
        """Phrase -> cue id, in file order."""
        return {phrase: cue.id for cue in self.cues for phrase in cue.phrases}

    @property
    def labels(self) -> dict[str, str]:
        """Cue id -> label, in file order."""
        return {cue.id: cue.label for cue in self.cues}

    def digest(self) -> str:
        """sha1 over the sorted (phrase, cue id) pairs: what a trained model records to detect another lexicon."""
        h = hashlib.sha1()
        for phrase, cid in sorted(self.phrase_to_cue.items()):
            h.update(f"{phrase}\t{cid}\n".encode())
        return h.hexdigest()[:16]


def parse_cues(text: str, where: str = CUES_FILE) -> CueLexicon:
    """Validate the JSONL text of a cue lexicon; raise :class:`PackageDataError` naming the line at fault."""
    cues: list[Cue] = []
    owner: dict[str, str] = {}  # phrase -> id of the cue that lists it
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            cue = _parse_cue(line, owner, {c.id for c in cues})
        except ValueError as e:
            raise PackageDataError(f"{where}, line {lineno}: {e}") from e
        cues.append(cue)
    if not cues:
        raise PackageDataError(f"{where}: no cues")
    return CueLexicon(tuple(cues))


def _parse_cue(line: str, owner: dict[str, str], known_ids: set[str]) -> Cue:
    """One validated cue; records its phrases in ``owner``. ValueError says what is wrong."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise ValueError(f"not JSON ({e.msg})") from e
    if not isinstance(obj, dict):
        raise ValueError("a cue must be a JSON object")
    missing = [k for k in _FIELDS if k not in obj]
    if missing:
        raise ValueError(f"missing keys {missing}")
    unknown = sorted(set(obj) - set(_FIELDS))
    if unknown:
        raise ValueError(f"unknown keys {unknown}")
    for key, kind in _FIELDS.items():
        if not isinstance(obj[key], kind):
            raise ValueError(f"{key!r} must be a {kind.__name__}")
    cid = obj["id"]
    if not _CUE_ID.fullmatch(cid) or cid[0] not in KINDS:
        raise ValueError(f"bad cue id {cid!r}: a kind letter ({''.join(KINDS)}), '_', then lower-case words")
    if cid in known_ids:
        raise ValueError(f"cue {cid!r} is listed twice")
    if not obj["label"].strip() or not obj["section"].strip():
        raise ValueError("'label' and 'section' must not be empty")
    factors = obj["risk_factors"]
    if not all(isinstance(rf, int) and not isinstance(rf, bool) and rf in RISK_FACTORS for rf in factors):
        raise ValueError(f"unknown risk factor in {factors!r}: risk factors are 1-14")
    phrases = obj["phrases"]
    if not phrases:
        raise ValueError(f"cue {cid!r} has no phrases")
    for phrase in phrases:
        if not isinstance(phrase, str) or not phrase or phrase != " ".join(phrase.lower().split()):
            raise ValueError(f"phrase {phrase!r} of {cid!r} must be non-empty, lower-case and single-spaced")
        if phrase in owner:
            other = owner[phrase]
            where = f"under {other!r} and {cid!r}" if other != cid else f"twice under {cid!r}"
            raise ValueError(f"phrase {phrase!r} is listed {where}: a phrase belongs to one cue")
        owner[phrase] = cid
    return Cue(cid, obj["label"], obj["section"], tuple(factors), tuple(phrases))


def load_cues(path: Path | None = None) -> CueLexicon:
    """The cue lexicon from ``path``, or the one shipped in the package."""
    text, where = read_data_text(CUES_FILE, path)
    return parse_cues(text, where)


@lru_cache(maxsize=1)
def packaged_cues() -> CueLexicon:
    """The packaged cue lexicon, loaded and validated once per process."""
    return load_cues()
