"""claims score: the detector's verdict on sentences, one per line, for measuring it."""

from __future__ import annotations

import enum
import json
import os
import sys
from typing import Annotated

import typer

from claims.batches import batched

# Lines scored per batch: large enough to keep the scorer busy, small enough to stream.
_BATCH = 1000


class ScoreFormat(str, enum.Enum):
    tsv = "tsv"
    json = "json"


def score(
    file: Annotated[
        str, typer.Argument(help="Sentences, one per line, as a UTF-8 file, or - for standard input.")
    ] = "-",
    output_format: Annotated[ScoreFormat, typer.Option("--format", "-f", help="tsv or json.")] = ScoreFormat.tsv,
) -> None:
    """Score each input line as a sentence on its own: one output line per input line, in order,
    `score<TAB>1|0<TAB>sentence`, where 1 means kept as a claim at the default threshold.
    This is how the detector is measured; nothing is stored and no database is opened.

    Example: cut -f2 labelled.tsv | claims score | cut -f1,2
    """
    from claims.cli.inputs import read_lines
    from claims.extract import score_sentences
    from claims.limits import printable

    write = sys.stdout.write
    try:
        if output_format is ScoreFormat.json:
            write("[")
        separator = "\n"
        for lines in batched(read_lines(file), _BATCH):
            scored = zip(score_sentences(lines), lines, strict=False)
            if output_format is ScoreFormat.tsv:
                write("".join(f"{value:.4f}\t{int(kept)}\t{printable(line)}\n" for (value, kept), line in scored))
                continue
            for (value, kept), line in scored:
                write(
                    separator
                    + json.dumps({"score": round(value, 4), "kept": kept, "sentence": line}, ensure_ascii=False)
                )
                separator = ",\n"
        if output_format is ScoreFormat.json:
            write("]\n" if separator == "\n" else "\n]\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # `claims score big.txt | head` stops reading early: the reader's choice, not an error.
        # Point stdout at /dev/null so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
