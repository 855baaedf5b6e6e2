"""The rules of the desk's editor list: who may add editors, change roles or remove someone.

The first editor added to an empty list is its chief, whatever role was asked; from then on only
a chief manages the list, and the desk always keeps at least one chief. A removed editor keeps
their past work but can do nothing new (their role is gone)."""

from __future__ import annotations

from dataclasses import dataclass

from claims.domain.rules import Actor, require
from claims.errors import InvalidInput, NotFound, RuleViolation
from claims.limits import NAME_LENGTH
from claims.vocabulary import Role


@dataclass(frozen=True, slots=True)
class EditorChange:
    """One entry of the editor list's history: NAME's role becomes ROLE (None: removed)."""

    name: str
    old_role: Role | None
    role: Role | None
    by: str


def adding(name: str, role: Role, actor: Actor, *, current: Role | None) -> EditorChange:
    """Add NAME (whose role today is CURRENT, None if not on the list) as ROLE."""
    name = name.strip()
    if not name or len(name) > NAME_LENGTH:
        raise InvalidInput(f"an editor's name must be 1 to {NAME_LENGTH} characters")
    if not actor.registry:
        return EditorChange(name, None, Role.CHIEF, actor.name)
    require(actor, Role.CHIEF, doing="adding editors")
    if current is not None:
        raise RuleViolation(f"{name} is already on the desk's editor list")
    return EditorChange(name, None, role, actor.name)


def changing_role(name: str, role: Role, actor: Actor, *, current: Role | None, chiefs: int) -> EditorChange:
    """Make NAME a ROLE; CHIEFS is how many chiefs the desk has now."""
    require(actor, Role.CHIEF, doing="changing roles")
    if current is None:
        raise NotFound(f"no editor named {name} on the desk (see `claims editor list`)")
    if current is role:
        raise RuleViolation(f"{name} is already a {role.value}")
    _keeps_a_chief(name, current, chiefs)
    return EditorChange(name, current, role, actor.name)


def removing(name: str, actor: Actor, *, current: Role | None, chiefs: int) -> EditorChange:
    require(actor, Role.CHIEF, doing="removing editors")
    if current is None:
        raise NotFound(f"no editor named {name} on the desk (see `claims editor list`)")
    _keeps_a_chief(name, current, chiefs)
    return EditorChange(name, current, None, actor.name)


def _keeps_a_chief(name: str, current: Role, chiefs: int) -> None:
    if current is Role.CHIEF and chiefs <= 1:
        raise RuleViolation(f"{name} is the desk's only chief: make someone else chief first")
