"""The Typer app every command is registered on, and the one place where errors become exit codes.

An :class:`~upr_lens.errors.UprLensError` (bad input, unusable store or document, missing model) is the
user's to fix: one line ``error: <message>`` on stderr, exit code 1. Ctrl-C exits with 130. Anything else
is a bug and surfaces with its traceback.
"""

from __future__ import annotations

import typer
from typer.core import TyperGroup

from upr_lens.errors import UprLensError

INTERRUPTED = 130  # the shell's code for a process stopped by Ctrl-C (128 + SIGINT)


def one_line(error: BaseException) -> str:
    """The message of *error* on one line."""
    return " ".join(str(error).split()) or type(error).__name__


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
