"""The desk's editor registry and what each role may do.

While the registry is empty, one editor works alone and may do everything (and publishes a
verdict by giving it). The first editor added becomes a chief; from then on every writing
command needs a registered editor whose role allows it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claims.errors import ClaimsError, InvalidInput, NotAllowed, NotFound, RuleViolation
from claims.models import Editor, Role
from claims.services.common import parse_choice

NEEDED = {Role.REPORTER: "a reporter, editor or chief", Role.EDITOR: "an editor or a chief", Role.CHIEF: "a chief"}


def parse_role(value: str) -> Role:
    return parse_choice(Role, value, noun="role")


def registry_in_use(session: Session) -> bool:
    """Whether the desk keeps an editor registry, and so the role and two-person rules apply."""
    return bool(session.scalar(select(func.count()).select_from(Editor)))


def find_editor(session: Session, name: str) -> Editor | None:
    return session.scalars(select(Editor).where(Editor.name == name)).one_or_none()


def authorize(session: Session, editor: str, needed: Role, *, doing: str) -> None:
    """Refuse an editor the registry does not know, or whose role is below what DOING needs."""
    if not registry_in_use(session):
        return
    found = find_editor(session, editor)
    check_role(editor, found.role if found is not None else None, needed, doing=doing)


def check_role(name: str, role: str | None, needed: Role, *, doing: str) -> None:
    """Refuse NAME, whose role on the registry is ROLE (None: not on it), if DOING needs more."""
    if role is None:
        raise NotAllowed(f"{name} is not on the desk's editor list: a chief adds them with `claims editor add {name}`")
    if not Role(role).includes(needed):
        raise NotAllowed(f"{name} is {_a(role)}: {doing} needs {NEEDED[needed]}")


def require_editor_name(session: Session, name: str) -> str:
    """A colleague's name as given (to assign work to them), refused if the registry does not know it."""
    name = name.strip()
    if not name:
        raise InvalidInput("the editor's name is empty")
    if registry_in_use(session) and find_editor(session, name) is None:
        raise NotFound(f"no editor named {name} on the desk (see `claims editor list`)")
    return name


def add_editor(session: Session, *, name: str, role: Role, by: str) -> Editor:
    """Register an editor. The first one, on an empty registry, is a chief whatever role was asked."""
    name = name.strip()
    if not name or len(name) > 200:
        raise InvalidInput("an editor's name must be 1 to 200 characters")
    if not registry_in_use(session):
        role = Role.CHIEF
    else:
        authorize(session, by, Role.CHIEF, doing="adding editors")
        if find_editor(session, name) is not None:
            raise RuleViolation(f"{name} is already on the desk's editor list")
    editor = Editor(name=name, role=role.value, added_by=by)
    session.add(editor)
    session.flush()
    return editor


def list_editors(session: Session) -> Sequence[Editor]:
    return session.scalars(select(Editor).order_by(Editor.name)).all()


def set_role(session: Session, *, name: str, role: Role, by: str) -> Editor:
    """Change an editor's role; the desk always keeps at least one chief to manage it."""
    authorize(session, by, Role.CHIEF, doing="changing roles")
    editor = find_editor(session, name.strip())
    if editor is None:
        raise NotFound(f"no editor named {name.strip()} on the desk (see `claims editor list`)")
    if editor.role == role.value:
        raise RuleViolation(f"{editor.name} is already a {role.value}")
    if editor.role == Role.CHIEF.value:
        chiefs = session.scalar(select(func.count()).select_from(Editor).where(Editor.role == Role.CHIEF.value))
        if chiefs == 1:
            raise RuleViolation(f"{editor.name} is the desk's only chief: make someone else chief first")
    editor.role = role.value
    session.flush()
    return editor


def _a(role: str) -> str:
    return f"an {role}" if role[0] in "aeiou" else f"a {role}"


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
