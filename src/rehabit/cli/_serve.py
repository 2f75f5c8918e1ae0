"""`rehabit serve`: run the web app with uvicorn."""

from __future__ import annotations

import click

from rehabit.cli._app import short_help
from rehabit.errors import RehabitError


@click.command("serve", short_help=short_help("serve"))
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (this machine only by default)."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option(
    "--accounts",
    is_flag=True,
    help="Clinic mode: people sign in (see `rehabit user add`); required to listen beyond this machine.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="App processes to run (with --accounts; use PostgreSQL for more than one).",
)
def app(host: str, port: int, accounts: bool, workers: int) -> None:
    """Run the web app for one person on this machine and print its address."""
    # imported here so that other commands do not pay for loading the web stack
    from rehabit.web.settings import WebSettings, is_loopback

    if not is_loopback(host) and not accounts:
        raise RehabitError(
            f"refusing to serve on {host}: without accounts anyone on the network could read and change "
            "this person's records; serve on 127.0.0.1 (the default), or use --accounts so people sign in"
        )
    import uvicorn

    from rehabit.web.app import create_app

    if workers > 1 and not accounts:
        raise RehabitError("several workers serve a clinic: use --workers with --accounts")
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"rehabit is running at http://{shown}:{port}/  (press Ctrl+C to stop)")
    if workers > 1:
        # each worker process builds its own app; everything they share lives in the database
        uvicorn.run(
            "rehabit.web.app:accounts_app", factory=True, host=host, port=port, workers=workers, log_level="warning"
        )
        return
    web_app = create_app(WebSettings(accounts=accounts, host=host))
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
