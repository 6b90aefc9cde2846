"""The risk layer decides exactly as the golden file recorded before the lexicon/decision refactor."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import require_shared

sys.path.insert(0, str(Path(__file__).parent / "golden"))
import decisions as golden  # noqa: E402


@pytest.mark.slow
def test_decisions_match_the_golden_file():
    shared = require_shared()
    for path, _ in golden.source_paths(shared):
        require_shared(*path.relative_to(shared).parts)
    texts = golden.real_texts(shared)
    expected = golden.read_golden()
    actual = golden.decisions(texts)
    differing = golden.differences(expected, actual)
    shown = []
    for key in differing[:5]:
        shown.append(
            f"{texts.get(key, '<text not in ../shared>')[:160]!r}\n    golden: {expected.get(key)}\n"
            f"    now:    {actual.get(key)}"
        )
    assert not differing, f"{len(differing)} decisions differ from the golden file:\n" + "\n".join(shown)
