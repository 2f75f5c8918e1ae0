"""A person's data to take away, from the profile page: the backup (JSON), a FHIR R4 bundle, the logs as CSV.

Each is made by `rehabit.services.exports`, the same as `rehabit export` writes.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Request, Response

from rehabit.services import exports
from rehabit.web._context import require_person, store_of

router = APIRouter()


def _download(body: str | bytes, media_type: str, filename: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


@router.get("/profile/rehabit-backup.json", tags=["export"], response_class=Response)
def backup_download(request: Request) -> Response:
    """Everything stored about the person as a backup file (`rehabit import` restores it)."""
    person = require_person(request)
    return _download(exports.backup_json(store_of(request), person.id), "application/json", "rehabit-backup.json")


@router.get("/profile/rehabit-fhir.json", tags=["export"], response_class=Response)
def fhir_download(request: Request) -> Response:
    """The course as a validated FHIR R4 Bundle, for a clinic's records system."""
    person = require_person(request)
    bundle = exports.fhir(store_of(request), person.id, person.name)
    return _download(json.dumps(bundle, indent=2, ensure_ascii=False), "application/fhir+json", "rehabit-fhir.json")


@router.get("/profile/rehabit-logs.csv", tags=["export"], response_class=Response)
def csv_download(request: Request) -> Response:
    """The logs as CSV, one row per set, oldest session first."""
    person = require_person(request)
    return _download(exports.csv_text(store_of(request), person.id), "text/csv; charset=utf-8", "rehabit-logs.csv")
