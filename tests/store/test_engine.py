"""Where the database is, and SQLite's settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from rehabit.errors import RehabitError
from rehabit.store import Store, database_url
from rehabit.store.engine import make_engine


def test_url_argument_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REHABIT_DATABASE_URL", "sqlite:////elsewhere.db")
    assert database_url("sqlite:////given.db") == "sqlite:////given.db"


def test_database_url_variable_wins_over_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REHABIT_DATABASE_URL", "postgresql+psycopg://u@h/db")
    monkeypatch.setenv("REHABIT_DATA_DIR", "/somewhere")
    assert database_url() == "postgresql+psycopg://u@h/db"


def test_data_dir_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REHABIT_DATA_DIR", str(tmp_path / "d"))
    assert database_url() == f"sqlite:///{tmp_path / 'd' / 'rehabit.sqlite3'}"


def test_default_is_the_user_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("REHABIT_DATA_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert database_url() == f"sqlite:///{tmp_path / 'xdg' / 'rehabit' / 'rehabit.sqlite3'}"


def test_data_dir_is_created_with_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REHABIT_DATA_DIR", str(tmp_path / "new" / "dir"))
    Store.open().close()
    assert (tmp_path / "new" / "dir" / "rehabit.sqlite3").is_file()


def test_sqlite_pragmas(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with store.transaction() as db:
        assert db.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.execute(text("PRAGMA busy_timeout")).scalar() == 30_000
    store.close()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "cannot understand the database URL 'not a url'"),
        ("mysql://u@h/db", "rehabit works with SQLite or PostgreSQL, not 'mysql'"),
    ],
)
def test_unusable_urls(url: str, message: str) -> None:
    with pytest.raises(RehabitError) as caught:
        make_engine(url)
    assert str(caught.value) == message
