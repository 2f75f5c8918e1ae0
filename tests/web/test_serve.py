"""`rehabit serve`: refuses non-loopback hosts; the app it runs answers on /, /openapi.json and assets."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.conftest import Invoke

from rehabit import __version__
from rehabit.web.settings import is_loopback


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_serve_refuses_a_network_address_without_accounts(cli: Invoke, host: str) -> None:
    result = cli("serve", "--host", host)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: refusing to serve on {host}: without accounts")
    assert result.stderr.count("\n") == 1


def test_serve_rejects_a_bad_port(cli: Invoke) -> None:
    result = cli("serve", "--port", "70000")
    assert result.exit_code == 2
    assert "70000 is not in the range 1<=x<=65535" in result.stderr


def test_openapi_document_lists_the_api(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert document["info"]["title"] == "rehabit"
    assert "/api/programs" in document["paths"]
    faces = {
        "/api/today",
        "/api/setup",
        "/api/profile",
        "/api/plan",
        "/api/history",
        "/api/programs",
        "/api/programs/{program_id}",
        "/api/programs/{program_id}/exercises/{exercise_id}",
        "/api/sessions",
        "/api/sessions/{session_id}",
        "/api/sessions/{session_id}/sets",
        "/api/sessions/{session_id}/finish",
        "/api/sessions/{session_id}/next-morning",
        "/api/screening/clearance",
        "/api/import",
        "/api/import/save",
        "/api/progress",
        "/api/psfs",
        "/api/programs/{program_id}/follow",
        "/api/lessons",
        "/api/library/import",
        "/api/library/fetch",
    }
    assert faces <= set(document["paths"])
    others = {path for path in document["paths"] if not path.startswith("/api/")}
    assert others == {
        "/plan.ics",
        "/history/chart.svg",
        "/profile/rehabit-backup.json",
        "/profile/rehabit-fhir.json",
        "/profile/rehabit-logs.csv",
        "/library/figures/{library_name}/{exercise_id}.svg",
        "/illustrations/{program_id}/{exercise_id}.svg",
        "/illustrations/{program_id}/{exercise_id}.still.svg",
    }


def test_pages_load_only_their_own_assets(client: TestClient) -> None:
    response = client.get("/programs")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "<script>" not in response.text
    assert "http://" not in response.text.replace("http://www.w3.org", "")
    assert 'src="/static/vendor/htmx-2.0.11.min.js"' in response.text


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/static/vendor/htmx-2.0.11.min.js", "text/javascript; charset=utf-8"),
        ("/static/rehabit.css", "text/css; charset=utf-8"),
        ("/static/icons/icon-192.png", "image/png"),
        ("/manifest.webmanifest", "application/manifest+json"),
        ("/sw.js", "text/javascript; charset=utf-8"),
    ],
)
def test_app_assets_are_served(client: TestClient, url: str, content_type: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type


def test_service_worker_names_this_version(client: TestClient) -> None:
    script = client.get("/sw.js").text
    assert "__VERSION__" not in script
    assert f'var APP_VERSION = "{__version__}";' in script


def test_serve_runs_the_app_on_loopback_and_prints_its_address(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[tuple[object, str, int]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, log_level: calls.append((app, host, port)))
    result = cli("serve", "--port", "8123")
    assert result.exit_code == 0
    assert result.output == "rehabit is running at http://127.0.0.1:8123/  (press Ctrl+C to stop)\n"
    [(app, host, port)] = calls
    assert (host, port) == ("127.0.0.1", 8123)
    assert app.title == "rehabit"  # type: ignore[attr-defined]


def test_translatable_strings_can_be_extracted() -> None:
    from babel.messages.extract import extract_from_dir

    root = Path(__file__).parents[2]
    method_map = [("src/rehabit/web/templates/**.html", "jinja2"), ("src/rehabit/web/**.py", "python")]
    options = {"src/rehabit/web/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    messages = {message[2] for message in extract_from_dir(str(root), method_map, options_map=options)}
    assert "It hurts" in messages
    assert "Start session" in messages
    assert "There is no profile yet: complete setup first (/setup)." in messages


def test_a_compiled_catalogue_translates_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, web_database_url: str
) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from tests.web.conftest import TestClient as Client

    from rehabit.web import WebSettings, _i18n, create_app

    catalog = Catalog(locale="fr")
    catalog.add("Programs", "Programmes")
    catalog.add("Skip to content", "Aller au contenu")
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)
    monkeypatch.setattr(_i18n, "LOCALES_DIR", tmp_path)
    _i18n.translations.cache_clear()
    try:
        french_app = create_app(WebSettings(database_url=web_database_url, locale="fr"))
        with Client(french_app, base_url="http://127.0.0.1") as french:
            html = french.get("/programs").text
    finally:
        _i18n.translations.cache_clear()
    assert '<html lang="fr">' in html
    assert "<h1>Programmes</h1>" in html
    assert "Aller au contenu" in html
    assert "Plan" in html  # no translation in the catalogue: the English string stays
