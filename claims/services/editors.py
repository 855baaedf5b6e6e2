"""The desk's editor registry and what each role may do.

While the registry is empty, one editor works alone and may do everything (and publishes a
verdict by giving it). The first editor added becomes a chief; from then on every writing
command needs a registered editor whose role allows it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claims.domain.editors import EditorChange, adding, changing_role, removing
from claims.domain.rules import Actor, require
from claims.errors import ClaimsError, InvalidInput, NotAllowed, NotFound
from claims.models import Editor, EditorEvent, Role, utcnow
from claims.services.common import parse_choice


def parse_role(value: str) -> Role:
    return parse_choice(Role, value, noun="role")


def registry_in_use(session: Session) -> bool:
    """Whether the desk keeps an editor registry, and so the role and two-person rules apply."""
    return bool(session.scalar(select(func.count()).select_from(Editor).where(Editor.removed_at.is_(None))))


def find_editor(session: Session, name: str) -> Editor | None:
    """NAME on the desk's list, unless they were removed."""
    return session.scalars(select(Editor).where(Editor.name == name, Editor.removed_at.is_(None))).one_or_none()


def acting_editor(session: Session, name: str) -> Actor:
    """NAME as the rules see them: their role, and whether the desk keeps a registry at all."""
    found = find_editor(session, name)
    return Actor(name, Role(found.role) if found is not None else None, found is not None or registry_in_use(session))


def authorize(session: Session, editor: str, needed: Role, *, doing: str) -> None:
    """Refuse an editor the registry does not know, or whose role is below what DOING needs."""
    require(acting_editor(session, editor), needed, doing=doing)


def require_editor_name(session: Session, name: str) -> str:
    """A colleague's name as given (to assign work to them), refused if the registry does not know it."""
    name = name.strip()
    if not name:
        raise InvalidInput("the editor's name is empty")
    if registry_in_use(session) and find_editor(session, name) is None:
        raise NotFound(f"no editor named {name} on the desk (see `claims editor list`)")
    return name


def add_editor(session: Session, *, name: str, role: Role, by: str) -> Editor:
    """Register an editor. The first one, on an empty registry, is a chief whatever role was asked.
    A removed editor added again comes back with their name and past work."""
    name = name.strip()
    change = adding(name, role, acting_editor(session, by), current=_role_of(session, name))
    assert change.role is not None
    editor = session.scalars(select(Editor).where(Editor.name == change.name)).one_or_none()
    if editor is None:
        editor = Editor(name=change.name, role=change.role.value, added_by=by)
        session.add(editor)
    else:
        editor.role, editor.added_by, editor.removed_at, editor.removed_by = change.role.value, by, None, None
    _record(session, change)
    session.flush()
    return editor


def list_editors(session: Session, *, removed: bool = False) -> Sequence[Editor]:
    query = select(Editor).order_by(Editor.name)
    return session.scalars(query if removed else query.where(Editor.removed_at.is_(None))).all()


def set_role(session: Session, *, name: str, role: Role, by: str) -> Editor:
    """Change an editor's role; the desk always keeps at least one chief to manage it."""
    name = name.strip()
    change = changing_role(
        name, role, acting_editor(session, by), current=_role_of(session, name), chiefs=_chiefs(session)
    )
    editor = find_editor(session, name)
    assert editor is not None and change.role is not None
    editor.role = change.role.value
    _record(session, change)
    session.flush()
    return editor


def remove_editor(session: Session, *, name: str, by: str) -> Editor:
    """Take an editor off the desk: their past work stays theirs, and they can do nothing new."""
    name = name.strip()
    removing(name, acting_editor(session, by), current=_role_of(session, name), chiefs=_chiefs(session))
    editor = find_editor(session, name)
    assert editor is not None
    editor.removed_at, editor.removed_by = utcnow(), by
    _record(session, EditorChange(name, Role(editor.role), None, by))
    session.flush()
    return editor


def editor_history(session: Session, *, name: str | None = None) -> Sequence[EditorEvent]:
    query = select(EditorEvent).order_by(EditorEvent.id)
    if name is not None:
        query = query.where(EditorEvent.name == name.strip())
    return session.scalars(query).all()


def _record(session: Session, change: EditorChange) -> None:
    session.add(
        EditorEvent(
            name=change.name,
            old_role=change.old_role.value if change.old_role is not None else None,
            role=change.role.value if change.role is not None else None,
            by=change.by,
        )
    )


def _role_of(session: Session, name: str) -> Role | None:
    found = find_editor(session, name)
    return Role(found.role) if found is not None else None


def _chiefs(session: Session) -> int:
    query = select(func.count()).select_from(Editor).where(Editor.role == Role.CHIEF.value, Editor.removed_at.is_(None))
    return int(session.scalar(query) or 0)


def database_login(session: Session, *, claimed: str | None, settings: str) -> str:
    """On a desk with one PostgreSQL login per editor, the login is who the editor is, and the
    name they type cannot say otherwise: PostgreSQL's authentication is what keeps one editor
    from acting as another."""
    if session.get_bind().dialect.name != "postgresql":
        raise ClaimsError(f'identity = "database" in {settings} needs a PostgreSQL database, one login per editor')
    login = str(session.scalar(select(func.session_user())))
    if claimed and claimed.strip() != login:
        raise NotAllowed(
            f"you are logged in to the database as {login}: this desk names editors by their login "
            f'(identity = "database" in {settings}), so --editor {claimed.strip()} cannot change it'
        )
    return login


def login_on_the_list(session: Session, *, claimed: str | None) -> str | None:
    """The PostgreSQL login, when it is an editor on the desk's list (None otherwise).

    Such a desk gives each editor their own login, so the login says who they are whatever
    claims.toml says; a name given otherwise is refused rather than ignored."""
    login = str(session.scalar(select(func.session_user())))
    if find_editor(session, login) is None:
        return None
    if claimed and claimed.strip() != login:
        raise NotAllowed(
            f"you are logged in to the database as {login}, an editor on this desk's list: "
            f"--editor {claimed.strip()} cannot change who you are"
        )
    return login
