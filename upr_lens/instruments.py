"""The instrument registry: the treaties upr_lens recognises, from ``upr_lens/data/instruments.json``.

One registry serves treaty follow-up (:mod:`upr_lens.track.treaties`), the five steps, cross-cycle links and
the risk rules (each instrument names the cue of the risk-rule lexicon it belongs to). The file is a JSON
object ``{"description": ..., "instruments": [...], "not_instruments": [...]}``; an instrument is::

    {"id": "CAT", "name": "Convention against Torture and ...", "short": "CAT", "abbreviations": ["CAT", "UNCAT"],
     "adopted": 1984, "names": ["(?:United Nations |UN )?Convention against Torture ..."], "risk_cue": "t_cat"}

``abbreviations`` are printed forms (case-sensitive; "-" also matches "", " "); ``names`` are regular
expressions matched case-insensitively, where a space stands for any white space and " ?" for optional white
space (see :func:`name_regex`); misspellings belong there too. ``not_instruments`` lists abbreviations that
look like an instrument's but are not one (ICPD is a conference, not the Enforced Disappearance Convention).

The loader refuses a file with a missing, unknown or mistyped key, a repeated id, an abbreviation (or id or
short name, compared without case, spaces and hyphens) claimed by two instruments, a name pattern that does
not compile, or an instrument that claims or whose name matches a ``not_instruments`` abbreviation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .package_data import PackageDataError, read_data_text

INSTRUMENTS_FILE = "instruments.json"
_ID = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*")
_CUE_ID = re.compile(r"[a-z]_[a-z0-9_]+")
_FIELDS: dict[str, tuple[type, ...]] = {
    "id": (str,), "name": (str,), "short": (str,), "abbreviations": (list,), "adopted": (int, type(None)),
    "names": (list,), "risk_cue": (str, type(None)),
}  # fmt: skip


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    short: str  # how reports and reason strings print it
    abbreviations: tuple[str, ...] = ()  # printed abbreviations (case-sensitive; "-" also matches "", " ")
    adopted: int | None = None
    names: tuple[str, ...] = field(default=(), repr=False)  # name patterns (regex, case-insensitive)
    risk_cue: str | None = None  # the risk-rule cue this instrument belongs to


@dataclass(frozen=True)
class InstrumentRegistry:
    instruments: tuple[Instrument, ...]
    not_instruments: dict[str, str]  # abbreviation -> what it stands for

    @property
    def by_id(self) -> dict[str, Instrument]:
        return {inst.id: inst for inst in self.instruments}


def fold(key: str) -> str:
    """An id or abbreviation compared without case, spaces and hyphens ("op-cat" -> "OPCAT")."""
    return re.sub(r"[\s\-‐–]", "", key).upper()


def name_regex(pattern: str) -> str:
    """A name pattern as a regex: a space matches any white space (line breaks included), " ?" optional space."""
    return pattern.replace(" ?", r"\s*").replace(" ", r"\s+")


def parse_instruments(text: str, where: str = INSTRUMENTS_FILE) -> InstrumentRegistry:
    """Validate the JSON text of an instrument registry; raise :class:`PackageDataError` saying what is wrong."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise PackageDataError(f"{where}: not JSON ({e.msg}, line {e.lineno})") from e
    try:
        return _registry(doc)
    except ValueError as e:
        raise PackageDataError(f"{where}: {e}") from e


def _registry(doc: Any) -> InstrumentRegistry:
    if not isinstance(doc, dict):
        raise ValueError("the registry must be a JSON object")
    unknown = sorted(set(doc) - {"description", "instruments", "not_instruments"})
    if unknown:
        raise ValueError(f"unknown keys {unknown}")
    if not isinstance(doc.get("instruments"), list) or not doc["instruments"]:
        raise ValueError("'instruments' must be a non-empty list")
    if not isinstance(doc.get("not_instruments", []), list):
        raise ValueError("'not_instruments' must be a list")
    not_instruments: dict[str, str] = {}
    for entry in doc.get("not_instruments", []):
        if not (isinstance(entry, dict) and set(entry) == {"abbreviation", "meaning"}
                and all(isinstance(v, str) and v.strip() for v in entry.values())):  # fmt: skip
            raise ValueError(f"a not_instruments entry needs a non-empty 'abbreviation' and 'meaning': {entry!r}")
        not_instruments[entry["abbreviation"]] = entry["meaning"]
    instruments: list[Instrument] = []
    owner: dict[str, str] = {}  # folded id / short / abbreviation -> instrument id
    for n, obj in enumerate(doc["instruments"], 1):
        inst = _instrument(obj, n)
        for key in {fold(k) for k in (inst.id, inst.short, *inst.abbreviations)}:
            if key in owner and owner[key] != inst.id:
                raise ValueError(
                    f"{key!r} is claimed by {owner[key]} and {inst.id}: an abbreviation names one instrument"
                )
            owner[key] = inst.id
        for abbreviation in not_instruments:
            if fold(abbreviation) in owner and owner[fold(abbreviation)] == inst.id:
                raise ValueError(f"{inst.id} claims {abbreviation!r}, which is listed as not an instrument")
            for pattern in inst.names:
                if re.fullmatch(name_regex(pattern), abbreviation, re.I):
                    raise ValueError(f"a name of {inst.id} matches {abbreviation!r}, which is not an instrument")
        instruments.append(inst)
    return InstrumentRegistry(tuple(instruments), not_instruments)


def _instrument(obj: Any, n: int) -> Instrument:
    if not isinstance(obj, dict):
        raise ValueError(f"instrument {n}: must be a JSON object")
    label = f"instrument {n} ({obj.get('id')!r})"
    missing = [k for k in _FIELDS if k not in obj]
    if missing:
        raise ValueError(f"{label}: missing keys {missing}")
    unknown = sorted(set(obj) - set(_FIELDS))
    if unknown:
        raise ValueError(f"{label}: unknown keys {unknown}")
    for key, kinds in _FIELDS.items():
        if not isinstance(obj[key], kinds) or isinstance(obj[key], bool):
            raise ValueError(f"{label}: {key!r} has the wrong type")
    if not _ID.fullmatch(obj["id"]):
        raise ValueError(f"{label}: an id is upper-case letters and digits joined by '-'")
    if not obj["name"].strip() or not obj["short"].strip():
        raise ValueError(f"{label}: 'name' and 'short' must not be empty")
    for key in ("abbreviations", "names"):
        if not all(isinstance(v, str) and v.strip() for v in obj[key]):
            raise ValueError(f"{label}: {key!r} must be non-empty strings")
    for pattern in obj["names"]:
        try:
            re.compile(name_regex(pattern), re.I)
        except re.error as e:
            raise ValueError(f"{label}: name pattern {pattern!r} does not compile ({e})") from e
    if obj["risk_cue"] is not None and not _CUE_ID.fullmatch(obj["risk_cue"]):
        raise ValueError(f"{label}: 'risk_cue' must be a cue id such as 't_cat'")
    if obj["adopted"] is not None and not 1800 <= obj["adopted"] <= 2100:
        raise ValueError(f"{label}: 'adopted' must be a year")
    return Instrument(obj["id"], obj["name"], obj["short"], tuple(obj["abbreviations"]), obj["adopted"],
                      tuple(obj["names"]), obj["risk_cue"])  # fmt: skip


def load_instruments(path: Path | None = None) -> InstrumentRegistry:
    """The instrument registry from ``path``, or the one shipped in the package."""
    text, where = read_data_text(INSTRUMENTS_FILE, path)
    return parse_instruments(text, where)


@lru_cache(maxsize=1)
def packaged_instruments() -> InstrumentRegistry:
    """The packaged registry, loaded and validated once per process."""
    return load_instruments()
