"""Clinic mode: accounts and roles, signing in (with throttling), invites, who may see whom, the audit trail.

Roles: a *patient* has one profile (their own data); a *clinician* looks after the patients linked to
them; an *admin* manages accounts and reads the audit trail but sees no clinical data. Passwords are
hashed with argon2id. Every piece of state (sign-in sessions, failed sign-ins, locks) is in the
database, so any number of app workers agree on it.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from rehabit.errors import NotFoundError, RehabitError
from rehabit.store import Store, owners, people, screenings, utcnow
from rehabit.store import accounts as rows
from rehabit.store.accounts import AccountRecord, AuditRecord, SignInRecord

__all__ = [
    "ROLES",
    "AccountRecord",
    "AuditRecord",
    "SignIn",
    "SignInRecord",
    "SignInRefused",
    "SignInThrottled",
    "accept_invite",
    "add_account",
    "audit",
    "can_see",
    "create_account",
    "clinicians_of",
    "create_invite",
    "home_of",
    "invite_details",
    "link",
    "list_accounts",
    "list_audit",
    "address_lock_seconds",
    "lock_seconds",
    "look_up_signin",
    "note_signin_use",
    "patients_of",
    "planned_owner",
    "reset_password",
    "session_owner",
    "set_disabled",
    "set_viewing",
    "sign_in",
    "sign_out",
    "signed_in",
    "unlink",
]

ROLES = rows.ROLES
MIN_PASSWORD_LENGTH = 10
# Throttling. A user name's lock only slows guessing (at most one check a minute once it holds, from
# anywhere) and never holds for a browser that signed in to it before (its device cookie): others'
# wrong passwords cannot keep the owner out. An address's lock holds for anyone signing in from it, up
# to 15 minutes: that is where a guesser is stopped.
FREE_FAILURES = 3  # failed sign-ins in a row before the user name is locked for a while
FIRST_LOCK_SECONDS = 5
ACCOUNT_MAX_LOCK_SECONDS = 60
ADDRESS_FREE_FAILURES = 10  # several people of a clinic may share one address
MAX_LOCK_SECONDS = 15 * 60
IDLE_TIMEOUT = timedelta(hours=12)
MAX_SESSION_AGE = timedelta(days=14)
TOUCH_EVERY = timedelta(minutes=5)
INVITE_LIFETIME = timedelta(days=7)
INVITE_REFUSALS = 10  # user names an invite refuses before it stops working (bounds guessing taken names)
# the one answer to every user name an invite sign-up cannot use, taken or not allowed alike
NAME_REFUSED = (
    "choose another user name: this one cannot be used (2 to 80 characters: letters, digits, '.', '_', '@' "
    "or '-', starting with a letter or digit)"
)
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,79}$")

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# verified against when the user name is unknown, so both cases take as long
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class SignInRefused(RehabitError):
    """Wrong user name or password, or a disabled account (the message does not say which)."""


class SignInThrottled(RehabitError):
    """Too many failed sign-ins for this user name or from this address: try again after `retry_after` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed sign-ins; try again in {retry_after} seconds")
        self.retry_after = retry_after


@dataclass(frozen=True)
class SignIn:
    """A new sign-in session: the cookie token (shown once, stored only as a digest) and its CSRF token,
    and the device token the browser keeps to pass the account's lock next time."""

    token: str
    csrf_token: str
    account: AccountRecord
    device_token: str = ""


def digest(token: str) -> str:
    """The SHA-256 digest under which a session or invite token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def hash_password(password: str) -> str:
    """An argon2id hash of `password`; RehabitError when it is too short."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise RehabitError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    return _hasher.hash(password)


def normal_username(username: str) -> str:
    """The user name as stored (trimmed, lower case); RehabitError when it has characters we do not allow."""
    name = username.strip().lower()
    if not _USERNAME.match(name):
        raise RehabitError(
            "a user name is 2 to 80 characters: letters, digits, '.', '_', '@' or '-', starting with a letter or digit"
        )
    return name


def create_account(
    store: Store,
    username: str,
    password: str,
    role: str,
    *,
    display_name: str = "",
    person_id: int | None = None,
) -> AccountRecord:
    """Create an account. A patient without `person_id` gets a new profile of their own."""
    name = normal_username(username)
    display_name = display_name.strip()
    if len(display_name) > 200:
        raise RehabitError("a name is at most 200 characters")
    return _create(store, name, hash_password(password), role, display_name=display_name, person_id=person_id)


def lock_seconds(failures: int) -> float:
    """How long a user name is locked after this many failed sign-ins in a row (doubling, capped at a minute)."""
    return _doubling(failures, FREE_FAILURES, ACCOUNT_MAX_LOCK_SECONDS)


def address_lock_seconds(failures: int) -> float:
    """How long an address is locked after this many failed sign-ins in a row from it (doubling, capped)."""
    return _doubling(failures, ADDRESS_FREE_FAILURES, MAX_LOCK_SECONDS)


def _doubling(failures: int, free: int, cap: int) -> float:
    if failures < free:
        return 0
    return float(min(cap, FIRST_LOCK_SECONDS * 2 ** min(failures - free, 20)))


def sign_in(
    store: Store,
    username: str,
    password: str,
    now: datetime | None = None,
    *,
    address: str = "",
    device_token: str = "",
) -> SignIn:
    """Check the password and open a new session (a fresh token every time, so an id planted before
    sign-in is never promoted). SignInThrottled while the user name or the client `address` is locked
    (a `device_token` from an earlier sign-in to this account passes the user name's lock),
    SignInRefused otherwise.

    The check is claimed and counted as a failure in one locked database step before the password is
    verified, so sign-ins racing each other (in threads or in several workers) get no more checks than
    one after the other would; a right password then clears the counts.
    """
    now = now or utcnow()
    name = username.strip().lower()[:80]
    found = rows.find_account(store, name)
    trusted = (
        bool(device_token) and found is not None and rows.device_account(store, digest(device_token)) == found[0].id
    )
    throttles: list[rows.Throttle] = [("account", name, lock_seconds, not trusted)]
    if address:
        throttles.append(("address", address[:80], address_lock_seconds, True))
    locked_until = rows.reserve_check(store, throttles, now)
    if locked_until is not None:
        raise SignInThrottled(max(1, int((locked_until - now).total_seconds() + 0.999)))
    ok = _verify(found[1] if found else _DUMMY_HASH, password)
    if found is None or not ok or found[0].disabled:
        rows.add_audit(store, found[0].id if found else None, name, "sign-in failed", at=now)
        raise SignInRefused("the user name or the password is wrong")
    account, stored_hash = found
    if _hasher.check_needs_rehash(stored_hash):
        rows.set_password_hash(store, account.id, _hasher.hash(password))
    token = secrets.token_urlsafe(32)
    csrf_token = secrets.token_urlsafe(32)
    device = device_token if trusted else secrets.token_urlsafe(32)
    with store.transaction():
        rows.clear_failures(store, [(kind, key) for kind, key, _rule, _applies in throttles])
        rows.trust_device(store, digest(device), account.id, now)
        rows.add_signin(store, digest(token), account.id, csrf_token, now)
        rows.add_audit(store, account.id, account.username, "signed in", at=now)
    return SignIn(token, csrf_token, account, device)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def signed_in(store: Store, token: str, now: datetime | None = None) -> SignInRecord | None:
    """The live session for a cookie token, or None (unknown, expired, or its account disabled)."""
    signin, stale = look_up_signin(store, token, now)
    if signin is None and not stale:
        return None
    return note_signin_use(store, token, signin, stale, now)


def look_up_signin(store: Store, token: str, now: datetime | None = None) -> tuple[SignInRecord | None, bool]:
    """The session for a cookie token, without writing: (record, stale). Stale: it has expired, or its
    account is disabled, and must be forgotten (`note_signin_use`)."""
    if not token or len(token) > 100:
        return None, False
    now = now or utcnow()
    session = rows.get_signin(store, digest(token))
    if session is None:
        return None, False
    stale = (
        session.account.disabled
        or now - session.last_seen_at > IDLE_TIMEOUT
        or now - session.created_at > MAX_SESSION_AGE
    )
    return session, stale


def note_signin_use(
    store: Store, token: str, signin: SignInRecord | None, stale: bool, now: datetime | None = None
) -> SignInRecord | None:
    """After `look_up_signin`: forget a stale session (None), or note a live one's use now and then."""
    if signin is None:
        return None
    if stale:
        rows.delete_signin(store, signin.token_digest)
        return None
    now = now or utcnow()
    if now - signin.last_seen_at > TOUCH_EVERY:  # not every request: most would be writes for nothing
        rows.touch_signin(store, signin.token_digest, now)
    return signin


def sign_out(store: Store, token: str) -> None:
    """End the session of this cookie token."""
    session = rows.get_signin(store, digest(token))
    if session is not None:
        rows.delete_signin(store, session.token_digest)
        rows.add_audit(store, session.account.id, session.account.username, "signed out")


def can_see(store: Store, account: AccountRecord, person_id: int) -> bool:
    """True when the account may see and act on this profile: its own, or a patient of the clinician."""
    if account.disabled:
        return False
    if account.role == "patient":
        return account.person_id == person_id
    if account.role == "clinician":
        return rows.is_linked(store, account.id, person_id)
    return False


def patients_of(store: Store, clinician: AccountRecord) -> list[int]:
    """The profile ids a clinician looks after."""
    return rows.patient_ids(store, clinician.id) if clinician.role == "clinician" else []


def create_invite(store: Store, clinician: AccountRecord, patient_name: str, now: datetime | None = None) -> str:
    """A one-time invite token for a new patient of `clinician`, valid for a week."""
    if clinician.role != "clinician":
        raise RehabitError("only a clinician can invite a patient")
    name = patient_name.strip()
    if not name or len(name) > 200:
        raise RehabitError("give the patient's name (up to 200 characters)")
    now = now or utcnow()
    token = secrets.token_urlsafe(24)
    rows.add_invite(store, digest(token), clinician.id, name, now, now + INVITE_LIFETIME)
    rows.add_audit(store, clinician.id, clinician.username, "invited a patient", detail=name, at=now)
    return token


def invite_details(store: Store, token: str, now: datetime | None = None) -> str:
    """The invited patient's name; RehabitError when the invite is unknown, used, expired or used up."""
    now = now or utcnow()
    key = digest(token) if token and len(token) <= 100 else ""
    found = rows.get_invite(store, key) if key else None
    if found is None:
        raise RehabitError("this invite link is not valid")
    _clinician_id, name, expires_at, used_at = found
    if used_at is not None:
        raise RehabitError("this invite link has been used already; sign in instead")
    if expires_at < now:
        raise RehabitError("this invite link has expired; ask your clinician for a new one")
    if rows.invite_refusals(store, key) >= INVITE_REFUSALS:
        raise RehabitError("this invite link refused too many user names; ask your clinician for a new one")
    return name


def accept_invite(store: Store, token: str, username: str, password: str, now: datetime | None = None) -> AccountRecord:
    """Create the invited patient's account and profile and link them to the clinician, all at once.

    A user name that cannot be used gets the same answer whether it is taken or not allowed, and counts
    against the invite (`INVITE_REFUSALS`), so an invite cannot be used to find out who has an account.
    """
    now = now or utcnow()
    name = invite_details(store, token, now)
    found = rows.get_invite(store, digest(token))
    assert found is not None
    clinician_id = found[0]
    password_hash = hash_password(password)  # a short password says nothing about the user name
    try:
        with store.transaction():
            account = _create(store, normal_username(username), password_hash, "patient", display_name=name)
            assert account.person_id is not None
            if not rows.use_invite(store, digest(token), account.id, now):
                raise _InviteUsed()
            rows.link_patient(store, clinician_id, account.person_id, now)
            rows.add_audit(store, account.id, account.username, "accepted an invite", account.person_id, at=now)
    except _InviteUsed:
        raise RehabitError("this invite link has been used already; sign in instead") from None
    except RehabitError:
        rows.refuse_signup(store, digest(token))
        raise RehabitError(NAME_REFUSED) from None
    return account


class _InviteUsed(Exception):
    """The invite was used by a concurrent request meanwhile."""


def _create(
    store: Store, name: str, password_hash: str, role: str, *, display_name: str = "", person_id: int | None = None
) -> AccountRecord:
    with store.transaction():
        if role == "patient" and person_id is None:
            person_id = people.create_person(store, name=display_name or name).id
        if role != "patient" and person_id is not None:
            raise RehabitError("only a patient account has a profile")
        return rows.add_account(store, name, password_hash, role, display_name=display_name, person_id=person_id)


def audit(
    store: Store, actor: AccountRecord | None, action: str, person_id: int | None = None, detail: str = ""
) -> None:
    """Record that `actor` (None: someone not signed in) did `action`, about a patient when given."""
    rows.add_audit(store, actor.id if actor else None, actor.username if actor else "-", action, person_id, detail)


def add_account(
    store: Store,
    actor: AccountRecord | None,
    username: str,
    password: str,
    role: str,
    *,
    display_name: str = "",
    clinicians: Sequence[str] = (),
) -> AccountRecord:
    """Create an account (a patient gets a profile of their own, linked to the `clinicians` named) and
    note who did it (None: the command line). All of it, or nothing."""
    if clinicians and role != "patient":
        raise RehabitError("only a patient is linked to clinicians")
    with store.transaction():
        account = create_account(store, username, password, role, display_name=display_name)
        action = "added an account" if actor else "added an account (command line)"
        audit(store, actor, action, account.person_id, account.username)
        for clinician in clinicians:
            link(store, actor, account.username, clinician)
    return account


def list_accounts(store: Store) -> list[AccountRecord]:
    """Every account, by user name."""
    return rows.list_accounts(store)


def _account_named(store: Store, username: str, role: str | None = None) -> AccountRecord:
    name = username.strip().lower()
    found = rows.find_account(store, name[:80])
    if found is None:
        raise NotFoundError(f"no account {name!r}")
    account = found[0]
    if role is not None and account.role != role:
        raise RehabitError(f"{account.username!r} is not a {role} account")
    return account


def set_disabled(store: Store, actor: AccountRecord | None, username: str, disabled: bool) -> AccountRecord:
    """Disable (or enable) an account, and note who did it in the audit trail (None: the command line).

    An admin cannot disable their own account, and the last admin who can sign in cannot be disabled.
    """
    with store.transaction():
        account = _account_named(store, username)
        if disabled and actor is not None and actor.id == account.id:
            raise RehabitError("you cannot disable your own account; another admin can")
        if disabled and account.role == "admin" and not account.disabled and rows.count_active_admins(store) <= 1:
            raise RehabitError("this is the last admin who can sign in; add another admin before disabling it")
        account = rows.set_disabled(store, account.username, disabled)
        action = "disabled an account" if disabled else "enabled an account"
        audit(store, actor, action if actor else f"{action} (command line)", account.person_id, account.username)
    return account


def reset_password(store: Store, actor: AccountRecord | None, username: str, password: str) -> AccountRecord:
    """Give an account a new password (its open sessions end), noted in the audit trail."""
    password_hash = hash_password(password)
    with store.transaction():
        account = rows.reset_password_hash(store, _account_named(store, username).username, password_hash)
        action = "reset a password" if actor else "reset a password (command line)"
        audit(store, actor, action, account.person_id, account.username)
    return account


def link(
    store: Store, actor: AccountRecord | None, patient: str, clinician: str
) -> tuple[AccountRecord, AccountRecord]:
    """Make the patient one of the clinician's patients (no change when they are already), noted in the
    audit trail. Returns (patient, clinician)."""
    with store.transaction():
        patient_account = _account_named(store, patient, "patient")
        clinician_account = _account_named(store, clinician, "clinician")
        if patient_account.person_id is None:
            raise RehabitError(f"{patient_account.username!r} has no profile to look after")
        rows.link_patient(store, clinician_account.id, patient_account.person_id)
        action = "linked a patient" if actor else "linked a patient (command line)"
        detail = f"{patient_account.username} to {clinician_account.username}"
        audit(store, actor, action, patient_account.person_id, detail)
    return patient_account, clinician_account


def unlink(
    store: Store, actor: AccountRecord | None, patient: str, clinician: str
) -> tuple[AccountRecord, AccountRecord]:
    """The clinician no longer looks after the patient; RehabitError when they did not."""
    with store.transaction():
        patient_account = _account_named(store, patient, "patient")
        clinician_account = _account_named(store, clinician, "clinician")
        person_id = patient_account.person_id
        if person_id is None or not rows.unlink_patient(store, clinician_account.id, person_id):
            raise RehabitError(f"{clinician_account.username!r} does not look after {patient_account.username!r}")
        action = "unlinked a patient" if actor else "unlinked a patient (command line)"
        audit(store, actor, action, person_id, f"{patient_account.username} from {clinician_account.username}")
    return patient_account, clinician_account


def clinicians_of(store: Store, person_ids: list[int]) -> dict[int, list[AccountRecord]]:
    """For each profile, the clinicians who look after it."""
    return rows.clinicians_of(store, person_ids)


def home_of(store: Store, account: AccountRecord) -> str:
    """Where an account starts after signing in: a clinician's patient list, the admin page, a patient's
    warning-sign questions and profile until they have answered them, then Today."""
    if account.role == "clinician":
        return "/clinic"
    if account.role == "admin":
        return "/admin"
    if account.person_id is not None and screenings.latest_screening(store, account.person_id) is None:
        return "/setup"
    return "/"


def list_audit(store: Store, *, person_id: int | None = None, limit: int = 200) -> list[AuditRecord]:
    """The newest audit entries, newest first."""
    return rows.list_audit(store, person_id=person_id, limit=limit)


def set_viewing(store: Store, signin: SignInRecord, person_id: int) -> None:
    """Remember in the (database) session that a clinician has this patient open."""
    if signin.viewing_person_id != person_id:
        rows.set_viewing(store, signin.token_digest, person_id)


def session_owner(store: Store, session_id: int) -> int | None:
    """The profile a session log belongs to, or None when there is no such session."""
    return owners.session_owner(store, session_id)


def planned_owner(store: Store, planned_session_id: int) -> int | None:
    """The profile a planned session belongs to, or None when there is no such planned session."""
    return owners.planned_owner(store, planned_session_id)
