"""Stored program versions: every document a plan or a log followed is kept, exactly as it was.

Each version has an owner: 0 (`SHARED`) for the shared programs (built in, a local install's, those a
clinic's clinicians store), or the profile of the patient who made it. Ids are per owner: the slug "x" of
one patient and the slug "x" of another are two programs.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rehabit.domain.records import ProgramVersionRecord
from rehabit.errors import NotFoundError, RehabitError
from rehabit.model import Program
from rehabit.programs import get_program
from rehabit.store import _convert, tables
from rehabit.store.database import Store, remembered, utcnow

SOURCE_KINDS = ("builtin", "file", "reader")
SHARED = 0  # the owner of the shared programs

# (database URL, version id) -> the record, with its program parsed once (see `get_program_version`)
_VERSIONS: dict[tuple[str, int], ProgramVersionRecord] = {}
_MAX_CACHED = 512

__all__ = [
    "SHARED",
    "SOURCE_KINDS",
    "content_hash",
    "get_program_version",
    "latest_program_version",
    "list_program_versions",
    "builtin_version",
    "person_program",
    "save_program_version",
    "versions_followed",
]


def content_hash(document: dict[str, Any]) -> str:
    """SHA-256 of the document in a canonical JSON form: equal documents give equal hashes."""
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def save_program_version(
    store: Store,
    program: Program,
    source_kind: str = "builtin",
    *,
    owner_person_id: int | None = None,
    version: int | None = None,
    created_at: datetime | None = None,
) -> ProgramVersionRecord:
    """Store this program document as a new version of its slug among the owner's programs (None: the
    shared ones), or return the stored one it equals.

    `version` asks for a version number (used by backup restore); it is kept when still free.
    """
    if source_kind not in SOURCE_KINDS:
        raise RehabitError(f"unknown program source {source_kind!r} (one of {', '.join(SOURCE_KINDS)})")
    document = program.model_dump(mode="json")
    digest = content_hash(document)
    for _attempt in range(5):
        try:
            with store.transaction() as db:
                owner = owner_person_id or SHARED
                return _insert_version(db, owner, program.id, document, digest, source_kind, version, created_at)
        except IntegrityError:
            # Another process stored a version of this slug at the same moment: look again.
            continue
    raise RehabitError(f"could not store program {program.id!r}: the database kept changing; try again")


def _insert_version(
    db: Session,
    owner: int,
    slug: str,
    document: dict[str, Any],
    digest: str,
    source_kind: str,
    version: int | None,
    created_at: datetime | None,
) -> ProgramVersionRecord:
    mine = (tables.ProgramVersion.owner_person_id == owner, tables.ProgramVersion.slug == slug)
    existing = db.scalars(
        select(tables.ProgramVersion).where(*mine, tables.ProgramVersion.content_hash == digest)
    ).first()
    if existing is not None:
        return _convert.program_version(existing)
    used = set(db.scalars(select(tables.ProgramVersion.version).where(*mine)))
    if version is None or version in used:
        version = max(used, default=0) + 1
    row = tables.ProgramVersion(
        owner_person_id=owner,
        slug=slug,
        version=version,
        document=document,
        content_hash=digest,
        source_kind=source_kind,
        created_at=created_at or utcnow(),
    )
    db.add(row)
    db.flush()
    return _convert.program_version(row)


def get_program_version(store: Store, version_id: int) -> ProgramVersionRecord:
    """The stored program version with this id; NotFoundError when there is none.

    A version never changes once stored, so a record read before is handed back again when the stored
    content hash still matches (one small query instead of reading and validating the whole document).
    """
    with store.read() as db:
        return remembered(db, ("program_version", version_id), lambda: _program_version(store, db, version_id))


def _program_version(store: Store, db: Session, version_id: int) -> ProgramVersionRecord:
    found = db.connection().execute(_VERSION_STAMP, {"id": version_id}).first()
    if found is None:
        raise NotFoundError(f"no stored program version with id {version_id}")
    cached = _VERSIONS.get((store.url, version_id))
    if cached is not None and (cached.content_hash, cached.version) == tuple(found):
        return cached
    row = db.get(tables.ProgramVersion, version_id)
    assert row is not None
    record = _convert.program_version(row)
    if len(_VERSIONS) >= _MAX_CACHED:
        _VERSIONS.clear()
    _VERSIONS[(store.url, version_id)] = record
    return record


_VERSION_STAMP = select(tables.ProgramVersion.content_hash, tables.ProgramVersion.version).where(
    tables.ProgramVersion.id == bindparam("id")
)


def latest_program_version(store: Store, slug: str, owner_person_id: int | None = None) -> ProgramVersionRecord | None:
    """The newest stored version of the program `slug` among the owner's programs (None: the shared
    ones), or None."""
    owner = owner_person_id or SHARED
    mine = (tables.ProgramVersion.owner_person_id == owner, tables.ProgramVersion.slug == slug)
    with store.read() as db:
        newest = select(func.max(tables.ProgramVersion.version)).where(*mine)
        row = db.scalars(
            select(tables.ProgramVersion).where(*mine, tables.ProgramVersion.version == newest.scalar_subquery())
        ).first()
        return None if row is None else _convert.program_version(row)


def list_program_versions(store: Store, owner_person_id: int | None = None) -> list[ProgramVersionRecord]:
    """Every stored version among the owner's programs (None: the shared ones), by slug then version."""
    with store.read() as db:
        rows = db.scalars(
            select(tables.ProgramVersion)
            .where(tables.ProgramVersion.owner_person_id == (owner_person_id or SHARED))
            .order_by(tables.ProgramVersion.slug, tables.ProgramVersion.version)
        )
        return [_convert.program_version(row) for row in rows]


def versions_followed(store: Store, person_id: int) -> list[ProgramVersionRecord]:
    """Every program version the person follows or followed (in a plan or a session), oldest first."""
    with store.read() as db:
        current = select(tables.Person.program_version_id).where(tables.Person.id == person_id)
        planned = select(tables.Plan.program_version_id).where(tables.Plan.person_id == person_id)
        logged = select(tables.SessionLog.program_version_id).where(tables.SessionLog.person_id == person_id)
        ids = current.union(planned, logged).subquery()
        rows = db.scalars(
            select(tables.ProgramVersion)
            .where(tables.ProgramVersion.id.in_(select(ids.c[0])))
            .order_by(tables.ProgramVersion.id)
        )
        return [_convert.program_version(row) for row in rows]


def person_program(store: Store, person_id: int) -> ProgramVersionRecord:
    """The program version a person follows; RehabitError when none is assigned (never writes)."""
    with store.read() as db:
        person = _convert.person_by_id(db, person_id)
        if person.program_version_id is None:
            raise RehabitError("this profile follows no program yet: choose one to follow first")
        return get_program_version(store, person.program_version_id)


def builtin_version(store: Store) -> ProgramVersionRecord:
    """The built-in program as stored (stored now when it is not yet): what a new profile follows."""
    return save_program_version(store, get_program(), "builtin")
