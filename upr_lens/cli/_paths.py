"""Default paths of the commands, computed in this one place (from the repository checkout, for now)."""

from __future__ import annotations

from pathlib import Path

_REPOSITORY = Path(__file__).resolve().parents[2]


def default_models_dir() -> Path:
    """The folder of trained models: the repository's models/."""
    return _REPOSITORY / "models"


def demo_corpus_dir() -> Path:
    """The synthetic corpus the demo ingests."""
    return _REPOSITORY / "corpora" / "synthetic"


def shared_dir() -> Path:
    """The shared data beside the repository (training and evaluation data)."""
    return _REPOSITORY.parent / "shared"


def uprinfo_csv() -> Path:
    """The UPR Info export the action/issue models are trained and tested on."""
    return shared_dir() / "upr" / "reference" / "uprinfo-sessions-1-20.csv"


def risk_factor_dev_csv() -> Path:
    """The hand-labeled risk-factor development set."""
    return shared_dir() / "atrocity" / "risk-factor-dev.csv"
