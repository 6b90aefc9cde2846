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


def require_chromium() -> str:
    """The headless browser for HTML checks, or skip (fail in CI) when it is not installed."""
    import shutil

    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        message = "chromium is not installed (Debian package chromium; .ci/run installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


def chromium_flags(tmp_path: Path) -> list[str]:
    """Headless Chromium without network side-traffic, with its own profile folder under *tmp_path*."""
    return ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'chromium-profile'}"]


def rendered_dom(page: Path, tmp_path: Path) -> str:
    """The DOM of the HTML file *page* after headless Chromium has loaded it (skip, or fail in CI, without it)."""
    import subprocess

    browser = require_chromium()
    return subprocess.run([browser, *chromium_flags(tmp_path), "--dump-dom", page.as_uri()], capture_output=True,
                          text=True, timeout=120).stdout


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


def _orphans_in(path: Path) -> list:
    """Orphan rows of the upr_lens store at *path*; [] for anything that is not a readable upr_lens store
    (tests make damaged, foreign and locked files on purpose)."""
    import duckdb

    from upr_lens.store.integrity import orphans
    from upr_lens.store.schema import existing_tables

    try:
        with open(path, "rb") as handle:
            if handle.read(12)[8:12] != b"DUCK":
                return []
        con = duckdb.connect(str(path), read_only=True,
                             config={"autoload_known_extensions": False, "autoinstall_known_extensions": False})
    except (OSError, duckdb.Error):
        return []
    try:
        return orphans(con) if {"recommendations", "documents"} <= existing_tables(con) else []
    except duckdb.Error:
        return []
    finally:
        con.close()


@pytest.fixture(autouse=True)
def _every_store_a_test_leaves_has_no_orphans(request):
    """After every test, each store in its tmp_path passes `upr-lens check` (issue 12: no row points at a
    deleted recommendation). A test that leaves orphans on purpose says so with ``orphans_expected``."""
    if "tmp_path" not in request.fixturenames or request.node.get_closest_marker("orphans_expected"):
        yield
        return
    folder = request.getfixturevalue("tmp_path")  # taken now: by teardown the fixture is gone (its folder stays)
    yield
    found = {str(path): rows for path in folder.rglob("*.duckdb") if (rows := _orphans_in(path))}
    assert not found, f"orphan rows left in the test's stores: {found}"
