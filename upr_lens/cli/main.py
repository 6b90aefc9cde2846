"""`upr-lens`: a thin command-line face over the library. Heavy imports happen inside commands.

The app and its error mapping live in :mod:`upr_lens.cli._app`; the commands, one module per group:

=====================  =====================================================
module                 commands
=====================  =====================================================
``ingest``             ingest
``recommendations``    recommendations (query), export, documents
``states``             state
``profiles``           profile, compare
``models``             classify, train, evaluate
``imports``            import-uprinfo, import-treaties, crosscheck
``tracking``           link, follow-up set / history
``demo``               demo
``upgrade``            upgrade
``session``            session run / report
``sdg``                import-sdg-explorer
``check``              check
=====================  =====================================================
"""

from __future__ import annotations

from upr_lens.cli import (
    check,
    demo,
    imports,
    ingest,
    models,
    profiles,
    recommendations,
    sdg,
    session,
    states,
    tracking,
    upgrade,
)
from upr_lens.cli._app import app

app.command()(ingest.ingest)
app.command()(recommendations.recommendations)
app.command("query", help="Filter recommendations (the same as `recommendations`).")(recommendations.recommendations)
app.command()(states.state)
app.command()(recommendations.export)
app.command()(recommendations.documents)
app.command("import-uprinfo")(imports.import_uprinfo)
app.command()(models.classify)
app.command()(models.train)
app.command()(models.evaluate)
app.command()(profiles.profile)
app.command()(profiles.compare)
app.command("import-treaties")(imports.import_treaties)
app.command()(tracking.link)
app.add_typer(tracking.followup_app, name="follow-up")
app.command()(imports.crosscheck)
app.command()(demo.demo)
app.command()(upgrade.upgrade)
app.add_typer(session.session_app, name="session")
app.command("import-sdg-explorer")(sdg.import_sdg_explorer)
app.command()(check.check)

__all__ = ["app", "main"]


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
