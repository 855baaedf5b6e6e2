"""claims editor: who is on the desk, and what each may do."""

from __future__ import annotations

from typing import Annotated

import typer

from claims.cli.context import app_context
from claims.cli.output import FormatOption, ListFormat, plural, print_records, say, short_time

editor_app = typer.Typer(help="Manage the desk's editors and their roles.", no_args_is_help=True)

EDITOR_COLUMNS = ["name", "role", "added_by", "created_at"]
NameArgument = Annotated[
    str, typer.Argument(help='The editor\'s name (their database login on a desk with identity = "database").')
]
RoleHelp = (
    "reporter (sources, claims, evidence, notes), editor (also reviews and verdicts) or chief (also manages editors)."
)


@editor_app.command("add")
def add(
    ctx: typer.Context,
    name: NameArgument,
    role: Annotated[str, typer.Option("--role", help=RoleHelp)] = "editor",
) -> None:
    """Add an editor to the desk; the first one added is its chief.

    From then on only a chief adds editors, and only registered editors can change anything.

    Example: claims editor add bo --role editor
    """
    from claims.services.editors import add_editor, parse_role

    context = app_context(ctx)
    wanted = parse_role(role)
    with context.session(write=True) as session:
        editor = add_editor(session, name=name, role=wanted, by=context.editor)
    first = " (the first editor on the desk is its chief)" if editor.role != wanted.value else ""
    say(f"Added {editor.name} as {editor.role}{first}.")


@editor_app.command("list")
def list_editors(ctx: typer.Context, output_format: FormatOption = ListFormat.table) -> None:
    """List the desk's editors and their roles.

    Example: claims editor list
    """
    from claims.records import editor_record
    from claims.services.editors import list_editors as find_editors

    with app_context(ctx).session() as session:
        records = [editor_record(editor) for editor in find_editors(session)]
    print_records(
        records,
        output_format,
        columns=EDITOR_COLUMNS,
        title=plural(len(records), "editor"),
        headings=["Name", "Role", "Added by", "Since"],
        row=lambda r: (r["name"], r["role"], r["added_by"], short_time(r["created_at"])),
    )


@editor_app.command("set-role")
def set_role(
    ctx: typer.Context,
    name: NameArgument,
    role: Annotated[str, typer.Argument(help=RoleHelp, show_default=False)],
) -> None:
    """Change an editor's role (chiefs only). The desk always keeps at least one chief.

    Example: claims editor set-role bo chief
    """
    from claims.services.editors import parse_role
    from claims.services.editors import set_role as change_role

    context = app_context(ctx)
    wanted = parse_role(role)
    with context.session(write=True) as session:
        editor = change_role(session, name=name, role=wanted, by=context.editor)
    say(f"{editor.name} is now {editor.role}.")


@editor_app.command("remove")
def remove(ctx: typer.Context, name: NameArgument) -> None:
    """Take an editor off the desk (chiefs only): their past work stays, they can do nothing new.
    The desk always keeps at least one chief.

    Example: claims editor remove bo
    """
    from claims.services.editors import remove_editor

    context = app_context(ctx)
    with context.session(write=True) as session:
        editor = remove_editor(session, name=name, by=context.editor)
    say(f"Removed {editor.name} from the desk; their past work stays theirs.")


@editor_app.command("history")
def history(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Argument(help="Only this editor (default: everyone).", show_default=False)
    ] = None,
    output_format: FormatOption = ListFormat.table,
) -> None:
    """Every change to the desk's editor list: who was added, given another role, or removed, by whom.

    Example: claims editor history bo
    """
    from claims.records import editor_event_record
    from claims.services.editors import editor_history

    with app_context(ctx).session() as session:
        records = [editor_event_record(event) for event in editor_history(session, name=name)]
    print_records(
        records,
        output_format,
        columns=["id", "name", "old_role", "role", "by", "created_at"],
        title="Editor list history",
        headings=["When", "Editor", "Was", "Now", "By"],
        row=lambda r: (short_time(r["created_at"]), r["name"], r["old_role"] or "", r["role"] or "removed", r["by"]),
    )
