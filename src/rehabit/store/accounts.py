"""Clinic mode's tables and their queries: accounts, sign-in sessions, care links, invites, audit.

Everything a worker needs to know about who is signed in lives here, in the database, never in process
memory, so several app workers behave like one. Secrets (session and invite tokens) are stored only as
their SHA-256 digests: a copy of the database does not let anyone sign in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    bindparam,
    delete,
    func,
    select,
    tuple_,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, mapped_column

from rehabit.errors import NotFoundError, RehabitError
from rehabit.store.database import Store, as_utc, utcnow
from rehabit.store.tables import Base

ROLES = ("patient", "clinician", "admin")

# failures in a row -> seconds the user name or address stays locked
LockRule = Callable[[int], float]


class Account(Base):
    """Someone who signs in: a patient (linked to their profile), a clinician or an admin."""

    __tablename__ = "accounts"
    __table_args__ = (CheckConstraint("role IN ('patient', 'clinician', 'admin')", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), unique=True)
    disabled: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime]


class SignInSession(Base):
    """A signed-in browser: the digest of its cookie token, its CSRF token and the patient in view."""

    __tablename__ = "signin_sessions"

    token_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    viewing_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]


class CareLink(Base):
    """A clinician looks after a patient's profile."""

    __tablename__ = "care_links"

    clinician_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime]


class Invite(Base):
    """A one-time link a clinician gives a new patient; accepting it creates their account."""

    __tablename__ = "invites"

    token_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    patient_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    refused_signups: Mapped[int] = mapped_column(Integer, server_default="0")  # user names refused so far


class SignInFailures(Base):
    """Failed sign-ins in a row for one user name (known or not) or one client address, and until when
    its sign-ins are refused."""

    __tablename__ = "signin_failures"
    __table_args__ = (CheckConstraint("kind IN ('account', 'address')", name="kind"),)

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failed_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]


class TrustedDevice(Base):
    """A browser that signed in to an account with its password (the digest of its device cookie): the
    account's lock does not slow it down, so others' wrong passwords never keep the owner out."""

    __tablename__ = "trusted_devices"

    token_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime]


class AuditEntry(Base):
    """Who did what, to which patient's data, and when."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    account_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(120))
    person_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[str] = mapped_column(Text)


# --- records ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountRecord:
    """An account as the app sees it (never the password hash)."""

    id: int
    username: str
    display_name: str
    role: str
    person_id: int | None
    disabled: bool
    created_at: datetime


@dataclass(frozen=True)
class SignInRecord:
    """A live sign-in session with its account."""

    token_digest: str
    account: AccountRecord
    csrf_token: str
    viewing_person_id: int | None
    created_at: datetime
    last_seen_at: datetime


@dataclass(frozen=True)
class AuditRecord:
    """One audit entry."""

    id: int
    at: datetime
    account_id: int | None
    username: str
    action: str
    person_id: int | None
    detail: str


def _account(row: Any) -> AccountRecord:  # an Account, or a plain row with its columns
    return AccountRecord(row.id, row.username, row.display_name, row.role, row.person_id, row.disabled, row.created_at)


# an AccountRecord's fields, in order, as plain columns
_ACCOUNT_COLUMNS = (
    Account.id,
    Account.username,
    Account.display_name,
    Account.role,
    Account.person_id,
    Account.disabled,
    Account.created_at,
)


# --- accounts --------------------------------------------------------------------------------------------


def add_account(
    store: Store,
    username: str,
    password_hash: str,
    role: str,
    *,
    display_name: str = "",
    person_id: int | None = None,
    created_at: datetime | None = None,
) -> AccountRecord:
    """Create an account; RehabitError when the user name is taken or the role unknown."""
    if role not in ROLES:
        raise RehabitError(f"a role is one of {', '.join(ROLES)}, not {role!r}")
    with store.transaction() as db:
        if db.scalars(select(Account.id).where(Account.username == username)).first() is not None:
            raise RehabitError(f"the user name {username!r} is already taken")
        row = Account(
            username=username,
            display_name=display_name or username,
            role=role,
            password_hash=password_hash,
            person_id=person_id,
            disabled=False,
            created_at=created_at or utcnow(),
        )
        db.add(row)
        db.flush()
        return _account(row)


def get_account(store: Store, account_id: int) -> AccountRecord:
    """The account with this id; NotFoundError otherwise."""
    with store.read() as db:
        row = db.get(Account, account_id)
        if row is None:
            raise NotFoundError(f"no account with id {account_id}")
        return _account(row)


def find_account(store: Store, username: str) -> tuple[AccountRecord, str] | None:
    """The account with this user name and its password hash, or None."""
    with store.read() as db:
        row = db.scalars(select(Account).where(Account.username == username)).first()
        return None if row is None else (_account(row), row.password_hash)


def count_accounts(store: Store) -> int:
    """How many sign-in accounts the database holds (one COUNT, no rows loaded)."""
    with store.read() as db:
        return db.scalar(select(func.count()).select_from(Account)) or 0


def list_accounts(store: Store, role: str | None = None) -> list[AccountRecord]:
    """Every account (of one role when given), by user name."""
    query = select(Account).order_by(Account.username)
    if role is not None:
        query = query.where(Account.role == role)
    with store.read() as db:
        return [_account(row) for row in db.scalars(query)]


def set_disabled(store: Store, username: str, disabled: bool) -> AccountRecord:
    """Disable (or enable again) an account; disabling also ends its sign-in sessions."""
    with store.transaction() as db:
        row = db.scalars(select(Account).where(Account.username == username)).first()
        if row is None:
            raise NotFoundError(f"no account {username!r}")
        row.disabled = disabled
        if disabled:
            db.execute(delete(SignInSession).where(SignInSession.account_id == row.id))
        db.flush()
        return _account(row)


def set_password_hash(store: Store, account_id: int, password_hash: str) -> None:
    """Replace an account's password hash (after a rehash with newer parameters)."""
    with store.transaction() as db:
        row = db.get(Account, account_id)
        if row is not None:
            row.password_hash = password_hash


def reset_password_hash(store: Store, username: str, password_hash: str) -> AccountRecord:
    """Give an account a new password hash and end its sign-in sessions; NotFoundError when there is none."""
    with store.transaction() as db:
        row = db.scalars(select(Account).where(Account.username == username)).first()
        if row is None:
            raise NotFoundError(f"no account {username!r}")
        row.password_hash = password_hash
        db.execute(delete(SignInSession).where(SignInSession.account_id == row.id))
        db.flush()
        return _account(row)


def count_active_admins(store: Store) -> int:
    """How many admin accounts are not disabled."""
    with store.read() as db:
        return int(
            db.scalar(select(func.count()).select_from(Account).where(Account.role == "admin", ~Account.disabled)) or 0
        )


# --- sign-in sessions -----------------------------------------------------------------------------------


def add_signin(store: Store, token_digest: str, account_id: int, csrf_token: str, now: datetime) -> None:
    """Store a new sign-in session."""
    with store.transaction() as db:
        db.add(
            SignInSession(
                token_digest=token_digest,
                account_id=account_id,
                csrf_token=csrf_token,
                viewing_person_id=None,
                created_at=now,
                last_seen_at=now,
            )
        )


def get_signin(store: Store, token_digest: str) -> SignInRecord | None:
    """The sign-in session with this digest and its account, or None (one primary-key lookup, every
    request of clinic mode: plain columns, a statement built once)."""
    with store.read() as db:
        found = db.connection().execute(_SIGNIN_QUERY, {"digest": token_digest}).first()
    if found is None:
        return None
    (digest, csrf, viewing, created, seen, *account) = found
    return SignInRecord(digest, AccountRecord(*account), csrf, viewing, created, seen)


_SIGNIN_QUERY = (
    select(
        SignInSession.token_digest,
        SignInSession.csrf_token,
        SignInSession.viewing_person_id,
        SignInSession.created_at,
        SignInSession.last_seen_at,
        *_ACCOUNT_COLUMNS,
    )
    .join(Account, Account.id == SignInSession.account_id)
    .where(SignInSession.token_digest == bindparam("digest"))
)


def touch_signin(store: Store, token_digest: str, now: datetime) -> None:
    """Note that the session was used now."""
    with store.transaction() as db:
        row = db.get(SignInSession, token_digest)
        if row is not None:
            row.last_seen_at = now


def set_viewing(store: Store, token_digest: str, person_id: int | None) -> None:
    """Remember which patient a clinician's session has open."""
    with store.transaction() as db:
        row = db.get(SignInSession, token_digest)
        if row is not None:
            row.viewing_person_id = person_id


def delete_signin(store: Store, token_digest: str) -> None:
    """End a sign-in session (no error when it is already gone)."""
    with store.transaction() as db:
        db.execute(delete(SignInSession).where(SignInSession.token_digest == token_digest))


# --- care links -----------------------------------------------------------------------------------------


def link_patient(store: Store, clinician_id: int, person_id: int, now: datetime | None = None) -> None:
    """Make `person_id` one of the clinician's patients (no-op when already so)."""
    with store.transaction() as db:
        if db.get(CareLink, (clinician_id, person_id)) is None:
            db.add(CareLink(clinician_id=clinician_id, person_id=person_id, created_at=now or utcnow()))


def unlink_patient(store: Store, clinician_id: int, person_id: int) -> bool:
    """The person is no longer one of the clinician's patients; False when they were not."""
    with store.transaction() as db:
        row = db.get(CareLink, (clinician_id, person_id))
        if row is None:
            return False
        db.delete(row)
        return True


def clinicians_of(store: Store, person_ids: list[int]) -> dict[int, list[AccountRecord]]:
    """For each of these profiles, the clinicians who look after it (oldest link first)."""
    if not person_ids:
        return {}
    found: dict[int, list[AccountRecord]] = {person_id: [] for person_id in person_ids}
    with store.read() as db:
        rows = db.connection().execute(
            select(CareLink.person_id.label("patient_id"), *_ACCOUNT_COLUMNS)
            .join(Account, Account.id == CareLink.clinician_id)
            .where(CareLink.person_id.in_(person_ids))
            .order_by(CareLink.created_at, Account.username)
        )
        for row in rows:  # the clinician's own columns by name; the patient's id under its label
            found[row.patient_id].append(_account(row))
    return found


def is_linked(store: Store, clinician_id: int, person_id: int) -> bool:
    """True when the person is one of the clinician's patients."""
    with store.read() as db:
        return db.get(CareLink, (clinician_id, person_id)) is not None


def patient_ids(store: Store, clinician_id: int) -> list[int]:
    """The profile ids of the clinician's patients, oldest link first."""
    with store.read() as db:
        return list(
            db.scalars(
                select(CareLink.person_id)
                .where(CareLink.clinician_id == clinician_id)
                .order_by(CareLink.created_at, CareLink.person_id)
            )
        )


def has_clinician(store: Store, person_id: int) -> bool:
    """True when some clinician looks after this profile (clinic mode)."""
    with store.read() as db:
        return (
            db.scalars(select(CareLink.person_id).where(CareLink.person_id == person_id).limit(1)).first() is not None
        )


# --- sign-in failures -----------------------------------------------------------------------------------

# what a sign-in is throttled by: ("account", user name) or ("address", client address), the rule giving the
# lock after so many failures, and whether that lock refuses this sign-in (a trusted device passes the
# account's lock)
Throttle = tuple[str, str, LockRule, bool]


def get_failures(store: Store, kind: str, key: str) -> tuple[int, datetime | None]:
    """How many failed sign-ins in a row an account name or address has, and until when it is locked."""
    with store.read() as db:
        row = db.get(SignInFailures, (kind, key))
        return (0, None) if row is None else (row.failures, row.locked_until)


def reserve_check(store: Store, throttles: list[Throttle], now: datetime) -> datetime | None:
    """Claim one password check, atomically across workers: None when no lock that applies holds at `now`,
    after counting a failure on every throttle (the check counts as failed until `clear_failures`);
    otherwise the time the longest such lock ends, counting nothing.

    The rows are locked (an upsert, then SELECT ... FOR UPDATE; SQLite's write transactions queue), so
    concurrent sign-ins see each other's counts: N parallel wrong passwords get no more checks than
    one after the other would.
    """
    with store.transaction() as db:
        keys = sorted({(kind, key) for kind, key, _rule, _applies in throttles})
        for kind, key in keys:  # make every row exist, in one order, so that there is a row to lock
            insert = postgresql_insert if store.dialect == "postgresql" else sqlite_insert
            db.execute(
                insert(SignInFailures)
                .values(kind=kind, key=key, failures=0, last_failed_at=now, locked_until=None)
                .on_conflict_do_nothing()
            )
        rows = {
            (row.kind, row.key): row
            for row in db.scalars(
                select(SignInFailures)
                .where(tuple_(SignInFailures.kind, SignInFailures.key).in_(keys))
                .order_by(SignInFailures.kind, SignInFailures.key)
                .with_for_update()
            )
        }
        locks = [
            as_utc(row.locked_until)
            for kind, key, _rule, applies in throttles
            if applies and (row := rows[(kind, key)]).locked_until is not None and as_utc(row.locked_until) > now
        ]
        if locks:
            return max(locks)
        for kind, key, rule, _applies in throttles:
            row = rows[(kind, key)]
            row.failures += 1
            row.last_failed_at = now
            seconds = rule(row.failures)
            row.locked_until = now + timedelta(seconds=seconds) if seconds > 0 else None
        return None


def clear_failures(store: Store, throttles: list[tuple[str, str]]) -> None:
    """Forget the failed sign-ins of these account names and addresses (after a successful one)."""
    with store.transaction() as db:
        for kind, key in throttles:
            db.execute(delete(SignInFailures).where(SignInFailures.kind == kind, SignInFailures.key == key))


def device_account(store: Store, token_digest: str) -> int | None:
    """The account a trusted device signed in to, or None."""
    with store.read() as db:
        row = db.get(TrustedDevice, token_digest)
        return None if row is None else row.account_id


def trust_device(store: Store, token_digest: str, account_id: int, now: datetime) -> None:
    """Remember a device that signed in to the account with its password (or note that it did again)."""
    with store.transaction() as db:
        row = db.get(TrustedDevice, token_digest)
        if row is None:
            db.add(TrustedDevice(token_digest=token_digest, account_id=account_id, created_at=now, last_used_at=now))
        else:
            row.last_used_at = now


# --- invites --------------------------------------------------------------------------------------------


def add_invite(
    store: Store, token_digest: str, clinician_id: int, patient_name: str, now: datetime, expires_at: datetime
) -> None:
    """Store an invite."""
    with store.transaction() as db:
        db.add(
            Invite(
                token_digest=token_digest,
                clinician_id=clinician_id,
                patient_name=patient_name,
                created_at=now,
                expires_at=expires_at,
                used_at=None,
                account_id=None,
                refused_signups=0,
            )
        )


def get_invite(store: Store, token_digest: str) -> tuple[int, str, datetime, datetime | None] | None:
    """(clinician id, patient name, expires at, used at) of an invite, or None."""
    with store.read() as db:
        row = db.get(Invite, token_digest)
        return None if row is None else (row.clinician_id, row.patient_name, row.expires_at, row.used_at)


def refuse_signup(store: Store, token_digest: str) -> int:
    """Count one refused sign-up on an invite; returns how many it has had."""
    with store.transaction() as db:
        row = db.get(Invite, token_digest, with_for_update=True)
        if row is None:
            return 0
        row.refused_signups += 1
        return row.refused_signups


def invite_refusals(store: Store, token_digest: str) -> int:
    """How many sign-ups an invite has refused."""
    with store.read() as db:
        row = db.get(Invite, token_digest)
        return 0 if row is None else row.refused_signups


def use_invite(store: Store, token_digest: str, account_id: int, now: datetime) -> bool:
    """Mark an unused invite used by `account_id`; False when it was used already (by a concurrent request)."""
    with store.transaction() as db:
        row = db.get(Invite, token_digest, with_for_update=True)
        if row is None or row.used_at is not None:
            return False
        row.used_at = now
        row.account_id = account_id
        return True


# --- audit ----------------------------------------------------------------------------------------------


def add_audit(
    store: Store,
    account_id: int | None,
    username: str,
    action: str,
    person_id: int | None = None,
    detail: str = "",
    at: datetime | None = None,
) -> None:
    """Append one audit entry."""
    with store.transaction() as db:
        db.add(
            AuditEntry(
                at=at or utcnow(),
                account_id=account_id,
                username=username,
                action=action[:120],
                person_id=person_id,
                detail=detail,
            )
        )


def list_audit(store: Store, *, person_id: int | None = None, limit: int = 200) -> list[AuditRecord]:
    """The newest audit entries first (about one patient when `person_id` is given)."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if person_id is not None:
        query = query.where(AuditEntry.person_id == person_id)
    with store.read() as db:
        return [
            AuditRecord(r.id, r.at, r.account_id, r.username, r.action, r.person_id, r.detail)
            for r in db.scalars(query)
        ]
