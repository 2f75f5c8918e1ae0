"""`rehabit serve`: run the web app with uvicorn."""

from __future__ import annotations

import click

from rehabit.errors import RehabitError


@click.command("serve")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (this machine only by default)."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
def app(host: str, port: int) -> None:
    """Run the web app for one person on this machine and print its address."""
    # imported here so that other commands do not pay for loading the web stack
    from rehabit.web.settings import WebSettings, is_loopback

    if not is_loopback(host):
        raise RehabitError(
            f"refusing to serve on {host}: without accounts anyone on the network could read and change "
            "this person's records; serve on 127.0.0.1 (the default)"
        )
    import uvicorn

    from rehabit.web.app import create_app

    web_app = create_app(WebSettings())
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"rehabit is running at http://{shown}:{port}/  (press Ctrl+C to stop)")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
