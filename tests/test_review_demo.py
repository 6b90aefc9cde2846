"""The real review shipped for `upr-lens demo` (Slovenia, cycle 4): where it is found and what is ingested."""

from __future__ import annotations

from conftest import CORPUS

from upr_lens import config
from upr_lens.report.review_demo import BAD_FILE, review_files

SLOVENIA = {"g2502644.pdf", "g2505828.pdf", "upr48-slovenia-thematic-list-of-recommendatio.docx"}


def test_demo_review_dir_option_then_environment_then_the_shipped_review(tmp_path, monkeypatch):
    monkeypatch.delenv(config.DEMO_REVIEW_ENV, raising=False)
    shipped = config.demo_review_dir()
    assert {p.name for p in shipped.iterdir() if p.suffix in (".pdf", ".docx")} == SLOVENIA
    monkeypatch.setenv(config.DEMO_REVIEW_ENV, str(tmp_path / "env"))
    assert config.demo_review_dir() == tmp_path / "env"
    assert config.demo_review_dir(tmp_path / "opt") == tmp_path / "opt"


def test_review_files_are_the_review_then_the_bad_file(tmp_path):
    files = review_files(CORPUS.parent / "slovenia-cycle4", CORPUS)
    assert [p.name for p in files] == [*sorted(SLOVENIA), BAD_FILE]
    assert [p.name for p in review_files(CORPUS.parent / "slovenia-cycle4", tmp_path)] == sorted(SLOVENIA)
