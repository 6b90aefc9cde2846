"""The package as pyproject.toml builds it: every package listed, runtime files shipped as package data."""

from __future__ import annotations

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib", reason="tomllib needs Python 3.11")

REPO = Path(__file__).resolve().parents[1]


def test_every_subpackage_of_upr_lens_is_listed_for_the_wheel():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "upr_lens").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert {"upr_lens.trained_models", "upr_lens.demo_corpus", "upr_lens.demo_review"} <= listed


def test_the_runtime_files_are_declared_as_package_data():
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert setuptools["package-dir"] == {
        "upr_lens.trained_models": "models",
        "upr_lens.demo_corpus": "corpora/synthetic",
        "upr_lens.demo_review": "corpora/slovenia-cycle4",
    }
    globs = setuptools["package-data"]
    models = REPO / "models"
    shipped_models = {p.relative_to(models) for g in globs["upr_lens.trained_models"] for p in models.glob(g)}
    # everything the model card refers to ships with it (arrays, manifest, labels, the reliability plot)
    assert shipped_models == {p.relative_to(models) for p in models.rglob("*")
                              if p.is_file() and p.name != "__init__.py" and "__pycache__" not in p.parts}
    assert {"manifest.json", "risk_factors.npz", "action.npz", "issues.npz", "reliability.png"} <= \
        {p.name for p in shipped_models}
    corpus = REPO / "corpora" / "synthetic"
    shipped_corpus = {p.name for g in globs["upr_lens.demo_corpus"] for p in corpus.glob(g)}
    assert shipped_corpus == {p.name for p in corpus.iterdir() if p.name != "__init__.py" and p.is_file()}
    review = REPO / "corpora" / "slovenia-cycle4"
    shipped_review = {p.name for g in globs["upr_lens.demo_review"] for p in review.glob(g)}
    assert shipped_review == {p.name for p in review.iterdir() if p.name != "__init__.py" and p.is_file()}
    assert shipped_review == {"g2502644.pdf", "g2505828.pdf", "upr48-slovenia-thematic-list-of-recommendatio.docx"}


def test_the_shipped_folders_are_importable_data_packages():
    from importlib import resources

    assert (resources.files("upr_lens.trained_models") / "manifest.json").is_file()
    assert (resources.files("upr_lens.demo_corpus") / "EXPECTED.json").is_file()
    assert (resources.files("upr_lens.demo_review") / "g2502644.pdf").is_file()
