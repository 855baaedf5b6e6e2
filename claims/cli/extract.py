"""claims extract: what the detector finds in an article, without writing anything."""

from __future__ import annotations

from typing import Annotated

import typer

from claims.cli.output import FormatOption, ListFormat, plural, print_records, score_cell

CANDIDATE_COLUMNS = ["text", "kind", "score", "kept", "claimant", "sentence", "start", "end", "entities", "reasons"]


def extract(
    file: Annotated[str, typer.Argument(help="The article as a UTF-8 text file, or - for standard input.")],
    show_all: Annotated[bool, typer.Option("--all", help="Every sentence with its score, kept or not.")] = False,
    output_format: FormatOption = ListFormat.table,
) -> None:
    """Show the claims found in an article with their scores; nothing is stored.

    Example: claims extract article.txt --all
    """
    from claims.article import check_article
    from claims.cli.inputs import read_text
    from claims.extract import find_claims
    from claims.records import candidate_record

    text = check_article(read_text(file))
    records = [candidate_record(candidate) for candidate in find_claims(text, include_all=show_all)]
    print_records(
        records,
        output_format,
        columns=CANDIDATE_COLUMNS,
        title=plural(sum(r["kept"] for r in records), "claim") + (f" in {len(records)} sentences" if show_all else ""),
        headings=["Score", "Kept", "Kind", "Claim", "Claimant", "Entities", "Why"],
        row=lambda r: (
            score_cell(r["score"]),
            "yes" if r["kept"] else "no",
            r["kind"],
            r["text"],
            r["claimant"],
            ", ".join(e["name"] for e in r["entities"]),
            "; ".join(r["reasons"]),
        ),  # fmt: skip
    )
