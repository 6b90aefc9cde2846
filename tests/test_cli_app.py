"""The CLI as a whole: its entry points, and how errors reach the person at the terminal."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from upr_lens.cli._app import INTERRUPTED, ErrorMappingGroup
from upr_lens.errors import DocumentError, InputError, ModelError, StoreError

COMMANDS = {"ingest", "recommendations", "query", "state", "export", "documents", "import-uprinfo", "classify",
            "train", "evaluate", "profile", "compare", "import-treaties", "link", "follow-up", "crosscheck", "demo",
            "upgrade"}


def test_module_entry_point_lists_every_command():
    run = subprocess.run([sys.executable, "-m", "upr_lens.cli.main", "--help"], capture_output=True, text=True,
                         env={**os.environ, "COLUMNS": "200"})
    assert run.returncode == 0, run.stderr
    listed = {line.split()[1] for line in run.stdout.splitlines() if line.startswith("│ ") and len(line.split()) > 2}
    assert COMMANDS <= listed, COMMANDS - listed


def test_console_script_points_at_the_app():
    from importlib.metadata import entry_points

    from upr_lens.cli.main import app

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "upr-lens"]
    assert script.value == "upr_lens.cli.main:app"
    assert script.load() is app


def test_follow_up_group_has_its_two_commands(cli):
    result = cli("follow-up", "--help")
    assert result.exit_code == 0
    assert "set" in result.stdout and "history" in result.stdout


def _app_raising(error: BaseException) -> typer.Typer:
    app = typer.Typer(cls=ErrorMappingGroup, add_completion=False, pretty_exceptions_enable=False)

    @app.command()
    def fail() -> None:
        raise error

    @app.command()
    def succeed() -> None:
        typer.echo("fine")

    return app


@pytest.mark.parametrize("error", [InputError("unknown State: 'Atlantis'"), StoreError("x.duckdb: locked"),
                                   ModelError("no trained models\n  in /tmp/m"), DocumentError("empty file")])
def test_an_expected_error_is_one_line_and_exit_1(error):
    result = CliRunner().invoke(_app_raising(error), ["fail"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {' '.join(str(error).split())}"]
    assert result.stdout == ""


def test_anything_else_is_a_bug_and_keeps_its_traceback():
    result = CliRunner().invoke(_app_raising(ZeroDivisionError("internal")), ["fail"])
    assert isinstance(result.exception, ZeroDivisionError)
    assert "error:" not in result.stderr


def test_a_plain_value_error_is_not_taken_for_user_error():
    result = CliRunner().invoke(_app_raising(ValueError("cannot reshape array")), ["fail"])
    assert isinstance(result.exception, ValueError) and not isinstance(result.exception, InputError)
    assert "error:" not in result.stderr


def test_ctrl_c_exits_130():
    result = CliRunner().invoke(_app_raising(KeyboardInterrupt()), ["fail"])
    assert result.exit_code == INTERRUPTED == 130
    assert "interrupted" in result.stderr


def test_input_error_is_still_a_value_error_for_library_callers():
    assert issubclass(InputError, ValueError)
    assert not issubclass(StoreError, ValueError)


def test_a_damaged_store_table_surfaces_as_a_bug(cli, store_copy):
    """A store whose table vanished is not something the user typed: the DuckDB error and its traceback show."""
    import duckdb

    con = duckdb.connect(str(store_copy))
    con.execute("DROP TABLE recommendation_states")
    con.close()
    result = cli("recommendations", "--db", store_copy)
    assert result.exit_code == 1
    assert isinstance(result.exception, duckdb.Error)
    assert "error:" not in result.stderr
