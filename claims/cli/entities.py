"""claims entities: who and what the claims name, with how many claims and where they stand."""

from __future__ import annotations

from typing import Annotated

import typer

from claims.cli.context import app_context
from claims.cli.paging import (
    Column,
    FormatOption,
    Noun,
    PagedFormat,
    Paging,
    paged,
    print_listing,
)
from claims.vocabulary import Status


@paged
def entities(
    ctx: typer.Context,
    label: Annotated[
        str | None,
        typer.Option(
            "--label", "-l", help="Only this kind of entity: organization, person, place, money, percent, date."
        ),
    ] = None,
    output_format: FormatOption = PagedFormat.table,
    *,
    paging: Paging,
) -> None:
    """List the organisations, people, places, amounts and dates the claims name, most-named first,
    each with its number of claims by status. `claims list --entity NAME` shows the claims themselves.

    Example: claims entities --label organization --format csv
    """
    from claims.parsing import parse_label
    from claims.services.listing import count_entities, entity_records

    wanted = parse_label(label) if label is not None else None
    with app_context(ctx).reading() as connection:
        records = entity_records(connection, label=wanted, window=paging.window)
        print_listing(
            (r | r["by_status"] for r in records) if output_format is PagedFormat.csv else records,
            total=None if paging.everything else count_entities(connection, label=wanted),
            noun=Noun("entity", "entities"),
            paging=paging,
            output_format=output_format,
            columns=["name", "label", "claims", *(s.value for s in Status)],
            table=[
                Column("Entity", lambda r: r["name"], flexible=True),
                Column("Label", lambda r: r["label"]),
                Column("Claims", lambda r: r["claims"], right=True),
                Column(
                    "Statuses",
                    lambda r: ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in r["by_status"].items() if n),
                    flexible=True,
                ),
            ],
        )
