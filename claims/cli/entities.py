"""claims entities: who and what the claims name, with how many claims and where they stand."""

from __future__ import annotations

from typing import Annotated

import typer

from claims.cli.context import app_context
from claims.cli.output import FormatOption, ListFormat, print_csv, print_json, print_table


def entities(
    ctx: typer.Context,
    label: Annotated[
        str | None,
        typer.Option(
            "--label", "-l", help="Only this kind of entity: organization, person, place, money, percent, date."
        ),
    ] = None,
    output_format: FormatOption = ListFormat.table,
) -> None:
    """List the organisations, people, places, amounts and dates the claims name, most-named first,
    each with its number of claims by status. `claims list --entity NAME` shows the claims themselves.

    Example: claims entities --label organization --format csv
    """
    from claims.models import Status
    from claims.records import entity_record
    from claims.services.common import parse_label
    from claims.services.entities import entity_counts

    wanted = parse_label(label) if label is not None else None
    with app_context(ctx).session() as session:
        records = [entity_record(entity) for entity in entity_counts(session, label=wanted)]
    if output_format is ListFormat.json:
        print_json(records)
    elif output_format is ListFormat.csv:
        print_csv(({**r, **r["by_status"]} for r in records), ["name", "label", "claims", *(s.value for s in Status)])
    else:
        print_table(
            f"{len(records)} {'entity' if len(records) == 1 else 'entities'}",
            ["Entity", "Label", "Claims", "Statuses"],
            (
                (r["name"], r["label"], r["claims"], ", ".join(f"{n} {s}" for s, n in r["by_status"].items() if n))
                for r in records
            ),
        )
