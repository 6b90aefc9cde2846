"""Shared fixtures: where ../shared is, and how to behave when it is absent.

Outside CI a real-data test skips when ../shared is missing (saying why); in CI (CI=true) it fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("UPR_LENS_SHARED", REPO.parent / "shared"))


def require_shared(*parts: str) -> Path:
    """Path under ../shared, or skip (fail in CI) when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is absent: real-data tests need the ../shared folder beside the repository"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    return require_shared()


# ------------------------------------------------------------------------- stores for the CLI tests

CORPUS = REPO / "corpora" / "synthetic"


@pytest.fixture(scope="session")
def expected() -> dict:
    """The synthetic corpus' ground truth, written by its generator (corpora/synthetic/EXPECTED.json)."""
    import json

    return json.loads((CORPUS / "EXPECTED.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def synthetic_store(tmp_path_factory) -> Path:
    """The synthetic corpus ingested once per session (read it only; copy it to change it)."""
    from upr_lens.ingest import ingest

    db = tmp_path_factory.mktemp("synthetic") / "synthetic.duckdb"
    results = ingest([CORPUS], db)
    failed = [r.error for r in results if not r.ok]
    assert len(failed) == 1 and "not a UPR document" in failed[0], failed  # the meeting notes, on purpose
    return db


@pytest.fixture(scope="session")
def classified_store(tmp_path_factory, synthetic_store) -> Path:
    """The synthetic store with every recommendation classified by the committed models (read it only)."""
    import shutil

    from upr_lens import store
    from upr_lens.classify.pipeline import classify_store

    db = tmp_path_factory.mktemp("classified") / "classified.duckdb"
    shutil.copy(synthetic_store, db)
    con = store.connect(db)
    try:
        classify_store(con)
    finally:
        con.close()
    return db


@pytest.fixture()
def store_copy(tmp_path, synthetic_store) -> Path:
    """A private copy of the synthetic store, for commands that write."""
    import shutil

    return Path(shutil.copy(synthetic_store, tmp_path / "store.duckdb"))


@pytest.fixture(scope="session")
def cli():
    """Run `upr-lens ARGS...` in-process; returns typer's Result (exit_code, stdout, stderr, exception)."""
    from typer.testing import CliRunner

    from upr_lens.cli.main import app

    runner = CliRunner(env={"COLUMNS": "250"})

    def run(*args):
        return runner.invoke(app, [str(a) for a in args])

    return run
