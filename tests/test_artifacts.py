"""Model artifacts: arrays plus a manifest; anything altered, missing or foreign is refused with a ModelError."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from upr_lens import config
from upr_lens.classify.artifacts import MANIFEST, read_artifact, write_artifact
from upr_lens.classify.pipeline import Classifier
from upr_lens.classify.risk_model import RiskFactorModel
from upr_lens.errors import ModelError

MODELS = Path(__file__).resolve().parents[1] / "models"


@pytest.fixture()
def models_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "models"
    folder.mkdir()
    for name in ("manifest.json", "risk_factors.npz", "action.npz", "issues.npz"):
        shutil.copy(MODELS / name, folder / name)
    return folder


def test_the_committed_models_are_arrays_and_a_manifest_only():
    names = {p.name for p in MODELS.iterdir() if p.is_file()}
    assert not {n for n in names if n.endswith((".joblib", ".pkl", ".pickle"))}
    manifest = json.loads((MODELS / MANIFEST).read_text())
    assert set(manifest["models"]) == {"risk_factors", "action", "issues"}
    for entry in manifest["models"].values():
        assert {"sha256", "arrays", "library_versions", "training_data", "metrics", "settings"} <= set(entry)


def test_the_package_default_is_the_shipped_models_folder(monkeypatch):
    monkeypatch.delenv(config.MODELS_ENV, raising=False)
    assert config.models_dir().resolve() == MODELS.resolve()
    monkeypatch.setenv(config.MODELS_ENV, "/somewhere/else")
    assert config.models_dir() == Path("/somewhere/else")
    assert config.models_dir("given") == Path("given")


def test_a_copied_folder_loads_and_predicts_like_the_original(models_copy):
    text = ["Investigate and prosecute those responsible for enforced disappearances"]
    assert Classifier.load(models_copy).classify(text) == Classifier.load(MODELS).classify(text)


def test_an_altered_array_file_is_refused(models_copy):
    path = models_copy / "risk_factors.npz"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="SHA-256 differs"):
        RiskFactorModel.load(models_copy)


def test_a_replaced_array_file_with_a_matching_digest_but_other_arrays_is_refused(models_copy):
    """Someone rewrites both the file and its digest: the declared arrays still have to match."""
    path = models_copy / "risk_factors.npz"
    np.savez_compressed(path, coef=np.zeros((3, 3), np.float32))
    manifest = json.loads((models_copy / MANIFEST).read_text())
    from upr_lens.classify.artifacts import file_sha256

    manifest["models"]["risk_factors"]["sha256"] = file_sha256(path)
    (models_copy / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(ModelError, match="differ from the manifest"):
        RiskFactorModel.load(models_copy)


@pytest.mark.parametrize(
    "tamper, message",
    [
        (lambda m: m.update(format="joblib"), "unsupported manifest format"),
        (lambda m: m["models"].pop("issues"), "no entry for the 'issues' model"),
        (lambda m: m["models"]["action"].update(file="../elsewhere.npz"), "expected 'action.npz'"),
        (lambda m: m["models"]["risk_factors"].update(lexicon_digest="0" * 16), "another rule lexicon"),
        (lambda m: m["models"]["action"]["arrays"]["coef"].update(shape=[1, 5]), "the manifest says"),
    ],
)
def test_a_tampered_manifest_is_refused(models_copy, tamper, message):
    manifest = json.loads((models_copy / MANIFEST).read_text())
    tamper(manifest)
    (models_copy / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(ModelError, match=message):
        Classifier.load(models_copy)


def test_a_manifest_that_is_not_json_is_refused(models_copy):
    (models_copy / MANIFEST).write_text("{not json")
    with pytest.raises(ModelError, match="not a readable manifest"):
        Classifier.load(models_copy)


def test_an_array_file_holding_pickled_objects_is_never_unpickled(tmp_path):
    """An .npz whose array needs pickle (it could run code) is refused before anything is built from it."""
    write_artifact(tmp_path, "demo", {"x": np.arange(3)}, settings={}, metrics={}, training_data={})
    path = tmp_path / "demo.npz"
    with open(path, "wb") as handle:
        np.savez(handle, x=np.array([{"a": 1}], dtype=object))
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    from upr_lens.classify.artifacts import file_sha256

    manifest["models"]["demo"]["sha256"] = file_sha256(path)
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(ModelError, match="not a readable array file"):
        read_artifact(tmp_path, "demo")


def test_object_arrays_cannot_be_written(tmp_path):
    with pytest.raises(TypeError):
        write_artifact(tmp_path, "bad", {"x": np.array([object()])}, settings={}, metrics={}, training_data={})


@pytest.mark.parametrize("missing", ["issues.npz", "manifest.json"])
def test_a_missing_model_is_an_error_not_empty_columns(models_copy, tmp_path, missing):
    (models_copy / missing).unlink()
    with pytest.raises(ModelError, match="missing"):
        Classifier.load(models_copy)
    csv = tmp_path / "in.csv"
    csv.write_text("text\nEnd impunity for torture by the police\n")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "upr_lens.cli.main",
            "classify",
            "--input",
            str(csv),
            "--output",
            str(tmp_path / "o.csv"),
            "--models-dir",
            str(models_copy),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    assert missing in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "o.csv").exists()
