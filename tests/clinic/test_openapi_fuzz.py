"""schemathesis against /openapi.json, in both modes: whatever it sends, the app never answers 5xx."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from tests.clinic.conftest import Clinic

from rehabit.web import WebSettings, create_app
from rehabit.web.auth import CSRF_COOKIE, SESSION_COOKIE

EXAMPLES = settings(
    max_examples=4, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)


@pytest.fixture
def local_app(tmp_path: Path) -> Iterator[FastAPI]:
    # schemathesis addresses the app as "testserver": the name single-user mode is bound to here
    app = create_app(WebSettings(database_url=f"sqlite:///{tmp_path / 'local.sqlite3'}", host="testserver"))
    with TestClient(app):
        yield app


@pytest.fixture
def clinic_app(clinic: Clinic) -> FastAPI:
    app: FastAPI = clinic.client("anonymous").app  # type: ignore[assignment]
    return app


@pytest.fixture
def patient_session(clinic: Clinic) -> requests.Session:
    """A requests session carrying patient A's cookie and CSRF token."""
    client = clinic.client("patient_a")
    session = requests.Session()
    session.cookies.set(SESSION_COOKIE, client.cookies[SESSION_COOKIE])
    session.cookies.set(CSRF_COOKIE, client.cookies[CSRF_COOKIE])
    session.headers["X-CSRF-Token"] = client.headers["X-CSRF-Token"]
    return session


# the schemas are read from apps that are never started; each test sends its cases to its own started app
local = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(WebSettings(database_url="sqlite://", host="testserver"))
)
clinic_mode = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(WebSettings(database_url="sqlite://", accounts=True))
)


@local.parametrize()
@EXAMPLES
def test_local_mode_never_answers_5xx(case: Any, local_app: FastAPI) -> None:
    response = case.call(app=local_app, timeout=120)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:300]}"


@clinic_mode.parametrize()
@EXAMPLES
def test_clinic_mode_never_answers_5xx_to_a_signed_in_patient(
    case: Any, clinic_app: FastAPI, patient_session: requests.Session
) -> None:
    response = case.call(app=clinic_app, session=patient_session, timeout=120)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:300]}"
    assert response.status_code != 403 or "form token" not in response.text  # the token went along


@clinic_mode.parametrize()
@EXAMPLES
def test_clinic_mode_never_answers_5xx_to_someone_signed_out(case: Any, clinic_app: FastAPI) -> None:
    response = case.call(app=clinic_app, timeout=120, allow_redirects=False)
    assert response.status_code < 500
    if case.operation.path not in {"/api/login", "/openapi.json"}:  # pages send people to /login
        assert response.status_code in {303, 401, 403, 404, 405, 422}, case.operation.path
