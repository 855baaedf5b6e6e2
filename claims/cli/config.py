"""claims config: the organisation's settings in claims.toml."""

from __future__ import annotations

import typer

from claims.cli.context import app_context
from claims.cli.output import say

config_app = typer.Typer(help="Show the organisation's settings (claims.toml).", no_args_is_help=True)


@config_app.command("show")
def show(ctx: typer.Context) -> None:
    """Show the settings ClaimReview export uses; the first one missing or wrong is an error naming it.

    The file is claims.toml in the working directory, or the one the global --config names
    (`claims --config FILE config show`). For example:

        [organisation]
        name = "Example Fact Check"
        url = "https://factcheck.example.org"

        [claimreview]
        review_url = "https://factcheck.example.org/checks/{id}-{slug}"
        best_rating = 5
        worst_rating = 1

        [claimreview.ratings]   # the verdicts published, with their rating
        confirmed = { value = 5, name = "True" }
        refuted = { value = 1, name = "False" }
        mixed = { value = 3, name = "Mixed" }

    Example: claims --config ../desk/claims.toml config show
    """
    from claims.config import review_settings

    settings = review_settings(app_context(ctx).config_path)
    rows = [
        ("organisation.name", settings.organisation_name),
        ("organisation.url", settings.organisation_url),
        ("claimreview.review_url", settings.review_url),
        ("claimreview.best_rating", settings.best_rating),
        ("claimreview.worst_rating", settings.worst_rating),
        *(
            (f"claimreview.ratings.{status.value}", f"{rating.value} ({rating.name})")
            for status, rating in settings.ratings.items()
        ),
    ]
    say(f"# Settings from {settings.path}")
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        say(f"{name.ljust(width)}  {value}")
