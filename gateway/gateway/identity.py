"""Use cases on users and their roles: sign-in, the admin's user management, and the bootstrap admin.

Usernames are stored lower case, so `Alice` and `alice` cannot become two accounts.
"""
from __future__ import annotations

import uuid
from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from erp_shared.errors import Conflict, NotFound, RuleViolation

from .models import Role, User, user_roles
from .passwords import hash_password, needs_rehash, spend_verification_time, verify_password

MIN_PASSWORD_LENGTH = 8
ADMIN = "admin"


def normalize_username(username: str) -> str:
    return username.strip().lower()


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The user, or None for an unknown user, a wrong password or a deactivated account alike."""
    user = session.scalar(select(User).where(User.username == normalize_username(username)))
    if user is None:
        spend_verification_time(password)
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def _roles_named(session: Session, names: Iterable[str]) -> list[Role]:
    wanted = set(names)
    roles = list(session.scalars(select(Role).where(Role.name.in_(wanted))))
    unknown = wanted - {role.name for role in roles}
    if unknown:
        raise RuleViolation(f"unknown roles: {', '.join(sorted(unknown))}", field="roles")
    return roles


def create_user(session: Session, username: str, password: str, roles: Iterable[str]) -> User:
    username = normalize_username(username)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise Conflict(f"the username {username!r} is taken", field="username")
    user = User(username=username, password_hash=hash_password(password), active=True,
                roles=_roles_named(session, roles))
    session.add(user)
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"the username {username!r} is taken", field="username") from None
    return user


def list_users(session: Session, *, page: int, page_size: int) -> tuple[list[User], int]:
    total = session.scalar(select(func.count()).select_from(User))
    rows = session.scalars(select(User).order_by(User.username).offset((page - 1) * page_size).limit(page_size))
    return list(rows), total


def get_user(session: Session, user_id: uuid.UUID) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"no user with id {user_id}")
    return user


def _keep_an_admin(session: Session, leaving: User) -> None:
    """Nobody could manage users any more once the last active admin is gone; the row lock serialises
    two admins demoting each other at the same moment."""
    admins = session.scalars(
        select(User.id).join(user_roles, user_roles.c.user_id == User.id)
        .where(user_roles.c.role_name == ADMIN, User.active.is_(True)).with_for_update(of=User)).all()
    if set(admins) <= {leaving.id}:
        raise Conflict("this is the last active admin; make another user admin first")


def set_roles(session: Session, user_id: uuid.UUID, roles: Iterable[str]) -> User:
    user = get_user(session, user_id)
    new_roles = _roles_named(session, roles)
    if ADMIN in user.role_names and ADMIN not in {role.name for role in new_roles}:
        _keep_an_admin(session, user)
    user.roles = sorted(new_roles, key=lambda role: role.name)
    return user


def deactivate_user(session: Session, user_id: uuid.UUID) -> User:
    """Sign-in is refused from now on; tokens already issued stay valid until they expire."""
    user = get_user(session, user_id)
    if not user.active:
        raise Conflict("the user is already deactivated")
    if ADMIN in user.role_names:
        _keep_an_admin(session, user)
    user.active = False
    return user


def ensure_admin(session: Session, username: str, password: str) -> tuple[User, bool]:
    """Create the admin, or reset its password, reactivate it and give it the admin role; True if created."""
    username = normalize_username(username)
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        return create_user(session, username, password, [ADMIN]), True
    user.password_hash = hash_password(password)
    user.active = True
    if ADMIN not in user.role_names:
        user.roles = sorted([*user.roles, *_roles_named(session, [ADMIN])], key=lambda role: role.name)
    return user, False
