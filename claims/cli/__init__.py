"""The command-line interface: thin Typer commands that parse, call a service, and print."""

from claims.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
