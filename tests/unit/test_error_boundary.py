"""The CLI's error boundary, fed every cause of a traceback a hostile or careless editor found:
one `Error: ...` line on stderr and an exit code, never a traceback. Through the installed command
in a real process, as the bytes of an argument or a setting only reach it that way."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

CLAIMS = str(Path(sys.executable).with_name("claims"))
HUGE = "99999999999999999999"  # above 2^63


def claims(
    args: Sequence[str | bytes], cwd: Path, *, stdout: int | None = None, **env: str | bytes
) -> subprocess.CompletedProcess[bytes]:
    environment: dict[str | bytes, str | bytes] = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMS_")}
    environment |= {"CLAIMS_EDITOR": "ana", **env}
    return subprocess.run(
        [CLAIMS, *args], cwd=cwd, env=environment, stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE, timeout=60,
    )  # fmt: skip


def one_line(result: subprocess.CompletedProcess[bytes], exit_code: int, message: str) -> None:
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == exit_code, f"exit {result.returncode}: {stderr}"
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    assert message in lines[0], lines[0]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("prepared")
    assert claims(["add", "Acme grew 5%"], folder).returncode == 0
    assert claims(["note", "1", "Checked the filing"], folder).returncode == 0
    with sqlite3.connect(folder / "claims.db") as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return folder / "claims.db"


@pytest.fixture
def desk(prepared: Path, tmp_path: Path) -> Path:
    """A folder with a claims.db holding one claim with a note."""
    shutil.copy(prepared, tmp_path / "claims.db")
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ["show", HUGE],
        ["review", HUGE],
        ["source", "show", HUGE],
        ["list", "--source", HUGE],
        ["add", "x", "--source", HUGE],
    ],
)
def test_an_id_above_two_to_the_63(desk: Path, args: list[str]) -> None:
    one_line(claims(args, desk), 2, "is not in the range")


def test_bytes_that_are_not_utf8_in_an_argument(desk: Path) -> None:
    one_line(claims(["note", "1", b"caf\xe9"], desk), 2, "an argument is not UTF-8 text: caf\\xe9")


def test_bytes_that_are_not_utf8_in_the_editor_setting(desk: Path) -> None:
    one_line(claims(["add", "Acme fell 5%"], desk, CLAIMS_EDITOR=b"caf\xe9"), 2, "CLAIMS_EDITOR is not UTF-8 text")


@pytest.mark.parametrize(
    ("content", "message"),
    [("[" * 100_000 + "]" * 100_000, "nested too deep"), ('[{"text": ' + "9" * 5000 + "}]", "a number too long")],
)
def test_json_no_reader_can_take(desk: Path, content: str, message: str) -> None:
    (desk / "desk.json").write_text(content, encoding="utf-8")
    one_line(claims(["import", "desk.json"], desk), 1, message)


@pytest.mark.parametrize(
    ("output", "message"),
    [("/proc/claims.csv", "cannot write /proc/claims.csv"), ("no/such/folder/claims.csv", "folder no/such/folder")],
)
def test_output_to_a_place_that_cannot_be_written(desk: Path, output: str, message: str) -> None:
    one_line(claims(["export", "claims", "--output", output], desk), 1, message)


def test_standard_output_on_a_full_device(desk: Path) -> None:
    with open("/dev/full", "wb") as full:
        one_line(claims(["list"], desk, stdout=full.fileno()), 1, "cannot write the output: No space left on device")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["db", "upgrade", "zzz"], "Can't locate revision identified by 'zzz'"),
        (["db", "downgrade", "zzz"], "Can't locate revision identified by 'zzz'"),
        (["db", "downgrade", "0003"], "the history holds notes"),
    ],
)
def test_migrations_that_cannot_be_made(desk: Path, args: list[str], message: str) -> None:
    one_line(claims(args, desk), 1, message)


def test_upgrading_a_database_at_an_unknown_revision(desk: Path) -> None:
    with sqlite3.connect(desk / "claims.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    one_line(claims(["db", "upgrade"], desk), 1, "does not know: upgrade claims")
    current = claims(["db", "current"], desk)
    assert b"run `claims db upgrade`" not in current.stdout, "db current must not send the editor to a failing command"


def test_a_binary_settings_file(desk: Path) -> None:
    (desk / "claims.toml").write_bytes(bytes(range(256)) * 4)
    one_line(claims(["add", "Acme fell 5%"], desk), 1, "claims.toml is not a settings file")


def test_anything_unexpected_is_an_internal_error_with_exit_70(desk: Path) -> None:
    with sqlite3.connect(desk / "claims.db") as connection:  # what no claims would write
        connection.execute("UPDATE claims SET created_at = 'not a moment'")
    result = claims(["show", "1"], desk)
    one_line(result, 70, "internal error: ValueError")
    assert result.stderr.decode().rstrip().endswith("please report it")
    debug = claims(["show", "1"], desk, CLAIMS_DEBUG="1")
    assert debug.returncode != 0 and b"Traceback" in debug.stderr
