"""Issue 12, outputs: nothing from a document is interpreted in the terminal, CSV cells cannot run as
spreadsheet formulas (unless --raw-cells), output paths are checked before any work, filters are literal."""

from __future__ import annotations

import io
import os

import pandas as pd
import pytest
from conftest import CORPUS, require_shared

# a cell starting with CR is checked in test_neutralising_leaves_numbers_alone: Python's csv writer does not
# quote a bare CR, so reading such a file back splits the row
FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\tTab"]
MARKUP = "Guarantee [/b] the rights [red]of all[/red] [with regards to forced disappearance]"


def _set_texts(db, texts: list[str]) -> list[str]:
    """Give the first recommendations of the store *db* these texts; returns their rec_keys."""
    from upr_lens import store

    con = store.connect(db)
    try:
        keys = [k for (k,) in con.execute(
            "SELECT rec_key FROM recommendations ORDER BY symbol, paragraph, item LIMIT ?", [len(texts)]).fetchall()]
        for key, text in zip(keys, texts):
            con.execute("UPDATE recommendations SET text = ? WHERE rec_key = ?", [text, key])
    finally:
        con.close()
    return keys


# ------------------------------------------------------------------------------------------ terminal


def test_stored_text_with_markup_is_shown_as_printed(cli, store_copy):
    _set_texts(store_copy, [MARKUP])
    result = cli("query", "--db", store_copy, "--text", "Guarantee")
    assert result.exit_code == 0, (result.stderr, result.exception)
    flat = " ".join(result.stdout.replace("│", " ").split())
    for words in ("[/b]", "[red]of all[/red]", "[with regards to forced"):
        assert words in flat


@pytest.mark.slow
def test_a_real_report_keeps_its_bracketed_words(cli, tmp_path):
    """A/HRC/21/6 115.33 prints "[with regards to forced disappearance]": the table shows it."""
    report = require_shared("upr", "reports", "bahrain2012.pdf")
    db = tmp_path / "bahrain.duckdb"
    assert cli("ingest", report, "--db", db, "-q").exit_code == 0
    result = cli("query", "--db", db, "--text", "Accelerate legislative amendments")
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.replace("│", " ").split())
    assert "[with regards to forced disappearance]" in flat


def test_control_characters_in_stored_text_are_shown_visibly(cli, store_copy):
    _set_texts(store_copy, ["Adopt \x1b[31mred\x1b[0m laws"])
    result = cli("query", "--db", store_copy, "--text", "mred")
    assert result.exit_code == 0, result.stderr
    assert "\x1b[31m" not in result.stdout
    assert "\\x1b[31m" in result.stdout


@pytest.mark.parametrize("name", ["a[red]b.duckdb", "esc\x1b[2Jape.duckdb", "new\nline.duckdb"])
def test_file_names_are_shown_visibly_in_messages(cli, tmp_path, name):
    result = cli("query", "--db", tmp_path / name)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert "\x1b" not in result.stderr
    if "[red]" in name:
        assert "a[red]b.duckdb" in result.stderr
    else:
        assert repr(str(tmp_path / name)) in result.stderr


# ------------------------------------------------------------------------------------------ CSV cells


def _cells(path) -> list[list[str]]:
    """Every cell of a CSV file exactly as written (csv module: a CR inside a quoted cell is kept)."""
    import csv

    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def _starts_with_formula(value) -> bool:
    return isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r")


def test_export_neutralises_formula_cells_and_raw_cells_keeps_them(cli, store_copy, tmp_path):
    _set_texts(store_copy, FORMULAS)
    out = tmp_path / "out.csv"
    result = cli("export", "--db", store_copy, "--out", out)
    assert result.exit_code == 0, result.stderr
    cells = _cells(out)
    assert not any(_starts_with_formula(v) for row in cells for v in row)
    texts = [row[cells[0].index("text")] for row in cells]
    for formula in FORMULAS:
        assert "'" + formula in texts
    raw = tmp_path / "raw.csv"
    assert cli("export", "--db", store_copy, "--out", raw, "--raw-cells").exit_code == 0
    texts = pd.read_csv(raw, dtype=str, keep_default_na=False)["text"].tolist()
    assert FORMULAS[0] in texts and "-2+3" in texts


def test_query_csv_neutralises_and_numbers_are_untouched(cli, store_copy):
    _set_texts(store_copy, FORMULAS)
    result = cli("query", "--db", store_copy, "--format", "csv", "--limit", "0")
    assert result.exit_code == 0, result.stderr
    frame = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)
    assert "'@SUM(1+1)" in frame["text"].tolist()
    assert not any(_starts_with_formula(v) for v in frame["text"])
    assert set(frame["cycle"]) <= {"1", "2", "3", "4"}  # numeric columns as they were


def test_neutralising_leaves_numbers_alone():
    from upr_lens.csvio import neutralise_cell, neutralise_frame

    assert neutralise_cell("-5") == "-5" and neutralise_cell("+1.5e3") == "+1.5e3"
    assert neutralise_cell("-2+3") == "'-2+3" and neutralise_cell("=1") == "'=1"
    assert neutralise_cell("\rX") == "'\rX" and neutralise_cell("\tX") == "'\tX" and neutralise_cell("") == ""
    frame = pd.DataFrame({"n": [-5, 3], "x": [-1.5, 2.0], "t": ["-", "ok"]})
    out = neutralise_frame(frame)
    assert out["n"].tolist() == [-5, 3] and out["x"].tolist() == [-1.5, 2.0]
    assert out["t"].tolist() == ["'-", "ok"]


def test_classify_output_is_neutralised_unless_raw_cells(cli, tmp_path):
    source = tmp_path / "in.csv"
    pd.DataFrame({"text": ["=HYPERLINK(\"http://x\")", "Ratify the Convention against Torture"],
                  "n": ["-5", "7"]}).to_csv(source, index=False)
    out = tmp_path / "out.csv"
    result = cli("classify", "--input", source, "--output", out)
    assert result.exit_code == 0, (result.stderr, result.exception)
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert frame["text"].tolist()[0] == "'=HYPERLINK(\"http://x\")"
    assert frame["n"].tolist() == ["-5", "7"]
    raw = tmp_path / "raw.csv"
    assert cli("classify", "--input", source, "--output", raw, "--raw-cells").exit_code == 0
    assert pd.read_csv(raw, dtype=str)["text"].tolist()[0] == "=HYPERLINK(\"http://x\")"


def test_raw_cells_is_documented(cli):
    for command in ("export", "query", "classify"):
        result = cli(command, "--help")
        assert "--raw-cells" in result.stdout and "apostrophe" in " ".join(result.stdout.split())


# ------------------------------------------------------------------------------------------ output paths


@pytest.fixture()
def read_only_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    yield folder
    folder.chmod(0o700)


def _one_line_error(result, *words):
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), result.stderr
    for word in words:
        assert word in result.stderr


def test_output_paths_are_checked_before_any_work(cli, classified_store, tmp_path, read_only_folder):
    if os.geteuid() == 0:  # root writes anywhere: only the missing folder can be checked
        bad_folders = [tmp_path / "missing"]
    else:
        bad_folders = [tmp_path / "missing", read_only_folder]
    source = tmp_path / "in.csv"
    source.write_text("text\nRatify the Convention\n", encoding="utf-8")
    for folder in bad_folders:
        why = "no such folder" if folder.name == "missing" else "permission denied"
        _one_line_error(cli("export", "--db", classified_store, "--out", folder / "x.csv"), why)
        _one_line_error(cli("profile", "Andorra", "--db", classified_store, "--html", folder / "p.html"), why)
        _one_line_error(cli("classify", "--input", source, "--output", folder / "c.csv"), why)
        _one_line_error(cli("compare", "Andorra", "--db", classified_store, "--png", folder / "h.png"), why)
        _one_line_error(cli("crosscheck", "--db", classified_store, "--regex-parse", source,
                            "--out", folder / "d.csv"), why)


# ------------------------------------------------------------------------------------------ filters


def test_text_filter_is_literal(cli, store_copy):
    _set_texts(store_copy, ["Reach 100% enrolment", "Use snake_case"])
    percent = pd.read_csv(io.StringIO(cli("query", "--db", store_copy, "--text", "%", "--format", "csv").stdout))
    assert len(percent) == 1 and "100%" in percent["text"].iloc[0]
    underscore = cli("query", "--db", store_copy, "--text", "_", "--format", "csv", "--limit", "0")
    assert len(pd.read_csv(io.StringIO(underscore.stdout))) == 1


def test_negative_limit_is_one_line(cli, synthetic_store):
    _one_line_error(cli("query", "--db", synthetic_store, "--limit", "-5"), "negative")


def test_decision_is_case_insensitive(cli, synthetic_store):
    lower = cli("query", "--db", synthetic_store, "--decision", "noted", "--format", "csv", "--limit", "0")
    upper = cli("query", "--db", synthetic_store, "--decision", "NOTED", "--format", "csv", "--limit", "0")
    assert upper.exit_code == 0, upper.stderr
    assert lower.stdout == upper.stdout and len(pd.read_csv(io.StringIO(upper.stdout))) > 0


def test_the_demo_corpus_is_where_the_tests_expect_it():
    assert (CORPUS / "EXPECTED.json").exists()
