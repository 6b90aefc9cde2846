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
