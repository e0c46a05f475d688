"""The SQLite demo (`make run`) serves several people at once without "database is locked".

Two requests that each read and then write (signing in, a double-clicked "Accept and send") used to
deadlock in SQLite's default transactions: both hold a read lock, neither can take the write lock,
and one is refused at once, whatever the timeout. Here five people do that together, many times,
on a database file opened exactly as the local settings open it.
"""

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from django.db import connections
from django.db.utils import ConnectionHandler, OperationalError

PEOPLE = 5
TIMES_EACH = 8


def local_database_settings(path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'], default=str))"
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    database = json.loads(out.stdout)
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    return {**database, "NAME": str(path), "TEST": {}}


def read_then_write_together(database: dict) -> list[str]:
    """PEOPLE threads, each with its own connection, each transaction reading and then writing."""
    handler = ConnectionHandler({"default": database})
    with handler["default"].cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS visits (person INTEGER, n INTEGER)")
    handler["default"].close()
    errors: list[str] = []
    start = threading.Barrier(PEOPLE)

    def person(number: int) -> None:
        connection = ConnectionHandler({"default": database})["default"]
        start.wait()
        try:
            for _ in range(TIMES_EACH):
                # As transaction.atomic() begins one on SQLite (each request runs in one).
                connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
                try:
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT COUNT(*) FROM visits WHERE person = %s", [number])
                        seen = cursor.fetchone()[0]
                        time.sleep(0.005)  # a request's work between its read and its write
                        cursor.execute("INSERT INTO visits VALUES (%s, %s)", [number, seen + 1])
                    connection.commit()
                except OperationalError as error:
                    connection.rollback()
                    errors.append(str(error))
                finally:
                    connection.set_autocommit(True)
        finally:
            connection.close()

    threads = [threading.Thread(target=person, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_five_people_at_once_never_see_database_is_locked(tmp_path):
    database = local_database_settings(tmp_path / "demo.sqlite3")
    assert read_then_write_together(database) == []
    with sqlite3.connect(database["NAME"]) as check:
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert check.execute("SELECT COUNT(*) FROM visits").fetchone()[0] == PEOPLE * TIMES_EACH


def test_without_those_options_the_same_load_is_refused(tmp_path):
    """The check above can fail: SQLite's defaults, under the same load, refuse some writes."""
    database = local_database_settings(tmp_path / "plain.sqlite3")
    database["OPTIONS"] = {"timeout": 20}
    errors = read_then_write_together(database)
    assert errors and all("database is locked" in error for error in errors)


@pytest.fixture(autouse=True)
def _own_database_files(django_db_blocker):
    """These tests open database files of their own, not the test database."""
    with django_db_blocker.unblock():
        yield
    connections.close_all()
