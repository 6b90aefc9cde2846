"""Trained-model artifacts that cannot run code: arrays in ``.npz`` files plus one JSON manifest.

A models folder holds ``manifest.json`` and one ``NAME.npz`` per model. The manifest records, per model, the
artifact format, the file's SHA-256, the name, dtype and shape of every array, the library versions that
trained it, the digests of the rule lexicon and of the training data, its metrics and its settings. Arrays are
read with ``allow_pickle=False`` and checked against the manifest, so loading a models folder from anywhere
never executes code; a missing, altered or mismatched artifact is a :class:`~upr_lens.errors.ModelError`.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from upr_lens.errors import ModelError

FORMAT = "upr_lens-model-arrays/1"
MANIFEST = "manifest.json"
_ALLOWED_KINDS = np.dtype("?").kind + "iufU"  # bool, integers, floats, unicode text: nothing that can hold objects


@dataclass(frozen=True)
class Artifact:
    """One trained model as stored: its arrays and its manifest entry."""

    name: str
    arrays: dict[str, np.ndarray]
    settings: dict[str, Any]
    entry: dict[str, Any] = field(repr=False)

    @property
    def sha256(self) -> str:
        return str(self.entry["sha256"])


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def training_data_digests(*paths: str | Path | None) -> dict[str, str]:
    """File name -> SHA-256 of each training file given (what the manifest records as the training data)."""
    return {Path(p).name: file_sha256(p) for p in paths if p is not None and Path(p).exists()}


def library_versions() -> dict[str, str]:
    """Versions of the libraries whose numerics shape a trained model."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for package in ("upr_lens", "numpy", "scipy", "scikit-learn", "pandas", "spacy"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    return found


def _atomic_write(path: Path, write) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        write(temp)
        os.chmod(temp, 0o644)  # mkstemp makes the file private; a models folder is meant to be shared
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def read_manifest(models_dir: str | Path) -> dict[str, Any]:
    """The manifest of a models folder, checked for its format; a :class:`ModelError` if absent or unreadable."""
    path = Path(models_dir) / MANIFEST
    if not path.is_file():
        raise ModelError(f"{path} is missing: {models_dir} is not a folder of trained models (run `upr-lens train`)")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: not a readable manifest ({exc})") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        found = manifest.get("format") if isinstance(manifest, dict) else type(manifest).__name__
        raise ModelError(f"{path}: unsupported manifest format {found!r} (expected {FORMAT!r})")
    if not isinstance(manifest.get("models"), dict):
        raise ModelError(f"{path}: the manifest lists no models")
    return manifest


def write_artifact(
    models_dir: str | Path,
    name: str,
    arrays: Mapping[str, np.ndarray],
    *,
    settings: Mapping[str, Any],
    metrics: Mapping[str, Any],
    training_data: Mapping[str, str],
    lexicon_digest: str | None = None,
) -> Path:
    """Write ``NAME.npz`` and its manifest entry (other models' entries are kept); returns the array file."""
    folder = Path(models_dir)
    folder.mkdir(parents=True, exist_ok=True)
    checked = {key: np.asarray(value) for key, value in arrays.items()}
    for key, value in checked.items():
        if value.dtype.kind not in _ALLOWED_KINDS:
            raise TypeError(f"array {key!r} has dtype {value.dtype}: only numbers, booleans and text are stored")
    target = folder / f"{name}.npz"
    _atomic_write(target, lambda temp: _savez(temp, checked))
    try:
        manifest = read_manifest(folder)
    except ModelError:
        manifest = {"format": FORMAT, "models": {}}
    manifest["models"][name] = {
        "file": target.name,
        "sha256": file_sha256(target),
        "arrays": {key: {"dtype": value.dtype.str, "shape": list(value.shape)} for key, value in checked.items()},
        "library_versions": library_versions(),
        "lexicon_digest": lexicon_digest,
        "training_data": dict(training_data),
        "metrics": dict(metrics),
        "settings": dict(settings),
    }
    text = json.dumps(manifest, indent=1, sort_keys=True, default=_json_default) + "\n"
    _atomic_write(folder / MANIFEST, lambda temp: Path(temp).write_text(text, encoding="utf-8"))
    return target


def _savez(path: str, arrays: dict[str, np.ndarray]) -> None:
    with open(path, "wb") as handle:  # a handle, so numpy does not append ".npz" to the temporary name
        np.savez_compressed(handle, **arrays)  # type: ignore[arg-type]


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")


def read_artifact(models_dir: str | Path, name: str, *, lexicon_digest: str | None = None) -> Artifact:
    """Load and check one model's arrays; any mismatch with the manifest is a :class:`ModelError`."""
    folder = Path(models_dir)
    manifest = read_manifest(folder)
    entry = manifest["models"].get(name)
    where = folder / MANIFEST
    if not isinstance(entry, dict):
        raise ModelError(f"{where}: no entry for the {name!r} model (run `upr-lens train`)")
    if entry.get("file") != f"{name}.npz":
        raise ModelError(f"{where}: the {name!r} entry names file {entry.get('file')!r}, expected '{name}.npz'")
    path = folder / f"{name}.npz"
    if not path.is_file():
        raise ModelError(f"{path} is missing (run `upr-lens train`)")
    if file_sha256(path) != entry.get("sha256"):
        raise ModelError(f"{path}: its SHA-256 differs from the manifest's: the file was altered or replaced")
    if lexicon_digest is not None and entry.get("lexicon_digest") != lexicon_digest:
        raise ModelError(f"{path}: trained with another rule lexicon; retrain (`upr-lens train`)")
    declared = entry.get("arrays")
    if not isinstance(declared, dict):
        raise ModelError(f"{where}: the {name!r} entry does not list its arrays")
    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays = {key: stored[key] for key in stored.files}
    except (OSError, ValueError) as exc:  # ValueError: an array that would need pickle, or a damaged file
        raise ModelError(f"{path}: not a readable array file ({exc})") from exc
    if set(arrays) != set(declared):
        raise ModelError(f"{path}: arrays {sorted(arrays)} differ from the manifest's {sorted(declared)}")
    for key, value in arrays.items():
        spec = declared[key]
        if not isinstance(spec, dict) or value.dtype.str != spec.get("dtype") or list(value.shape) != spec.get("shape"):
            raise ModelError(f"{path}: array {key!r} is {value.dtype.str}{list(value.shape)}, the manifest says {spec}")
    settings = entry.get("settings")
    if not isinstance(settings, dict):
        raise ModelError(f"{where}: the {name!r} entry has no settings")
    return Artifact(name, arrays, settings, entry)


def block_model_arrays(art: dict[str, Any]) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """A model over hashed feature blocks (the dict ``uprinfo_models._Head`` reads) as stored: arrays and settings.

    A block's bucket map (2**20 entries, -1 where unseen) is stored as the sorted list of buckets it keeps."""
    arrays: dict[str, np.ndarray] = {}
    settings: dict[str, Any] = {"blocks": []}
    for i, block in enumerate(art["blocks"]):
        arrays[f"block{i}_buckets"] = np.flatnonzero(block["colmap"] >= 0).astype(np.int32)
        arrays[f"block{i}_idf"] = np.asarray(block["idf"], dtype=np.float32)
        settings["blocks"].append({"groups": list(block["groups"]), "weight": float(block["weight"])})
    for key, value in art.items():
        if key in ("blocks", "info"):  # info goes to the manifest as the model's metrics
            continue
        if isinstance(value, np.ndarray):
            arrays[key] = value
        else:
            settings[key] = list(value) if isinstance(value, tuple) else value
    return arrays, settings


def block_model(stored: Artifact) -> dict[str, Any]:
    """The in-memory model from a stored artifact (inverse of :func:`block_model_arrays`)."""
    from . import text_features

    arrays, settings = stored.arrays, stored.settings
    art: dict[str, Any] = {key: value for key, value in settings.items() if key != "blocks"}
    art["blocks"] = []
    for i, block in enumerate(settings["blocks"]):
        buckets = arrays[f"block{i}_buckets"]
        idf = arrays[f"block{i}_idf"]
        if len(buckets) != len(idf) or (
            len(buckets)
            and (buckets.min() < 0 or buckets.max() >= 1 << text_features.N_BITS or (np.diff(buckets) <= 0).any())
        ):
            raise ModelError(f"{stored.name}: block {i} buckets are not sorted distinct hash buckets matching its idf")
        colmap = np.full(1 << text_features.N_BITS, -1, dtype=np.int32)
        colmap[buckets] = np.arange(len(buckets), dtype=np.int32)
        groups = tuple(block["groups"])
        art["blocks"].append({"groups": groups, "colmap": colmap, "idf": idf, "weight": block["weight"]})
    art.update({key: value for key, value in arrays.items() if not key.startswith("block")})
    art["info"] = stored.entry.get("metrics", {})
    art["sha256"] = stored.sha256
    return art
