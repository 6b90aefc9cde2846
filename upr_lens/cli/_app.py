"""The Typer app every command is registered on, and the one place where errors become exit codes.

An :class:`~upr_lens.errors.UprLensError` (bad input, unusable store or document, missing model) is the
user's to fix: one line ``error: <message>`` on stderr, exit code 1. A DuckDB error that escapes a
command (a store damaged where the checks on opening could not see) is one line too, naming the store.
Ctrl-C exits with 130. Anything else is a bug and surfaces with its traceback. Messages are printed as
plain text (never read as markup), on one line, with control characters shown visibly.
"""

from __future__ import annotations

import typer
from typer.core import TyperGroup

from upr_lens.errors import UprLensError

INTERRUPTED = 130  # the shell's code for a process stopped by Ctrl-C (128 + SIGINT)


def one_line(error: BaseException) -> str:
    """The message of *error* on one line, control characters (ANSI escapes) shown visibly."""
    text = " ".join(str(error).split()) or type(error).__name__
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
    return text


def report_error(message: str) -> None:
    typer.secho(f"error: {message}", fg="red", err=True)


class ErrorMappingGroup(TyperGroup):
    """A command group that turns the library's expected errors into one line and an exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UprLensError as error:
            report_error(one_line(error))
            raise typer.Exit(1) from None
        except Exception as error:
            from upr_lens.store import is_damage

            if not is_damage(error):
                raise
            report_error(f"damaged store (found while reading it: {one_line(error)}): restore it from a copy or "
                         f"re-create it with `upr-lens ingest` into a new file")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            typer.secho("interrupted", fg="yellow", err=True)
            raise typer.Exit(INTERRUPTED) from None


app = typer.Typer(
    cls=ErrorMappingGroup,
    help="upr_lens: extract, classify and track UN Universal Periodic Review recommendations "
    "through an atrocity-prevention lens.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
