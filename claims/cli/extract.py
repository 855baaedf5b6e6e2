"""claims extract: what the detector finds in an article, without writing anything."""

from __future__ import annotations

from typing import Annotated

import typer

from claims.cli.output import FormatOption, ListFormat, plural, print_csv, print_json, print_table

CANDIDATE_COLUMNS = ["text", "kind", "score", "kept", "claimant", "sentence", "start", "end", "entities", "reasons"]


def extract(
    file: Annotated[str, typer.Argument(help="The article as a UTF-8 text file, or - for standard input.")],
    show_all: Annotated[bool, typer.Option("--all", help="Every sentence with its score, kept or not.")] = False,
    output_format: FormatOption = ListFormat.table,
) -> None:
    """Show the claims found in an article with their scores; nothing is stored.

    Example: claims extract article.txt --all
    """
    from claims.cli.inputs import read_text
    from claims.errors import InvalidInput
    from claims.article import read_header
    from claims.extract import find_claims

    text = read_text(file)
    if not text.strip():
        raise InvalidInput("the article is empty")
    _, body_start = read_header(text)
    records = [
        {
            "text": c.text,
            "kind": c.kind,
            "score": round(c.score, 4),
            "kept": c.kept,
            "claimant": c.claimant,
            "sentence": c.sentence,
            "start": c.start,
            "end": c.end,
            "entities": [{"name": e.name, "label": e.label} for e in c.entities],
            "reasons": list(c.reasons),
        }
        for c in find_claims(text, start=body_start, include_all=show_all)
    ]
    if output_format is ListFormat.json:
        print_json(records)
    elif output_format is ListFormat.csv:
        print_csv(records, CANDIDATE_COLUMNS)
    else:
        print_table(
            plural(sum(r["kept"] for r in records), "claim") + (f" in {len(records)} sentences" if show_all else ""),
            ["Score", "Kept", "Kind", "Claim", "Claimant", "Entities", "Why"],
            (
                (
                    f"{r['score']:.2f}", "yes" if r["kept"] else "no", r["kind"], r["text"], r["claimant"],
                    ", ".join(e["name"] for e in r["entities"]), "; ".join(r["reasons"]),
                )
                for r in records
            ),
        )
