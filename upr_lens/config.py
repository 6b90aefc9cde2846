"""Where upr_lens finds its files: trained models, the demo corpus, and the shared data used for training.

Every path is resolved in one order: an explicit option (a CLI flag or a function argument), then an
environment variable, then the package's default. Trained models, the demo corpus and the demo review ship
inside the package (``upr_lens.trained_models`` is the repository's ``models/`` folder, ``upr_lens.demo_corpus``
its ``corpora/synthetic/``, ``upr_lens.demo_review`` its ``corpora/slovenia-cycle4/``), so a wheel installed
anywhere finds them. The shared data (the labelled development set, UPR Info rows) does not ship: its default
is ``../shared`` seen from the current folder, which is where it lies beside a checkout.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from upr_lens.errors import InputError, ModelError

MODELS_ENV = "UPR_LENS_MODELS"
DEMO_CORPUS_ENV = "UPR_LENS_DEMO_CORPUS"
DEMO_REVIEW_ENV = "UPR_LENS_DEMO_REVIEW"
SHARED_ENV = "UPR_LENS_SHARED"

MODELS_PACKAGE = "upr_lens.trained_models"
DEMO_CORPUS_PACKAGE = "upr_lens.demo_corpus"
DEMO_REVIEW_PACKAGE = "upr_lens.demo_review"


def _package_folder(package: str) -> Path:
    """The folder of a data package shipped with upr_lens (installed as files, not zipped)."""
    try:
        folder = resources.files(package)
    except ModuleNotFoundError as exc:
        raise ModelError(f"the package data {package} is not installed: reinstall upr_lens") from exc
    if not isinstance(folder, Path):
        raise ModelError(f"the package data {package} is not a folder on disk ({folder}): install upr_lens unzipped")
    return folder


def _chosen(option: str | Path | None, env: str) -> Path | None:
    if option is not None and str(option) != "":
        return Path(option)
    value = os.environ.get(env, "")
    return Path(value) if value else None


def models_dir(option: str | Path | None = None) -> Path:
    """The folder of trained models: *option*, else ``$UPR_LENS_MODELS``, else the models shipped in the package."""
    return _chosen(option, MODELS_ENV) or _package_folder(MODELS_PACKAGE)


def packaged_models_dir() -> Path:
    """The models shipped in the package (what :func:`models_dir` gives without option or environment)."""
    return _package_folder(MODELS_PACKAGE)


def own_labels_csv() -> Path:
    """The project's own hand labels for the risk-factor model (shipped with the models)."""
    return packaged_models_dir() / "labels" / "own-labels.csv"


def demo_corpus_dir(option: str | Path | None = None) -> Path:
    """The demo corpus: *option*, else ``$UPR_LENS_DEMO_CORPUS``, else the synthetic corpus shipped in the package."""
    return _chosen(option, DEMO_CORPUS_ENV) or _package_folder(DEMO_CORPUS_PACKAGE)


def demo_review_dir(option: str | Path | None = None) -> Path:
    """The real review `upr-lens demo` runs on by default: *option*, else ``$UPR_LENS_DEMO_REVIEW``, else
    Slovenia's cycle-4 documents shipped in the package (``upr_lens.demo_review``, ``corpora/slovenia-cycle4/``)."""
    return _chosen(option, DEMO_REVIEW_ENV) or _package_folder(DEMO_REVIEW_PACKAGE)


def shared_dir(option: str | Path | None = None) -> Path:
    """The shared data folder: *option*, else ``$UPR_LENS_SHARED``, else ``../shared`` from the current folder."""
    return _chosen(option, SHARED_ENV) or Path.cwd().parent / "shared"


def shared_file(*parts: str, shared: str | Path | None = None) -> Path:
    """A file of the shared data, or an :class:`InputError` saying how to point at it."""
    path = shared_dir(shared).joinpath(*parts)
    if not path.is_file():
        raise InputError(
            f"{path} not found: the training data lives in the shared folder; pass its location with --shared "
            f"or set {SHARED_ENV}, or give the file itself"
        )
    return path
