import shutil
import tempfile

import pytest
from django.core.management.commands import flush as flush_command
from django.db import connection, connections
from django.db.backends.postgresql.operations import DatabaseOperations as PostgresOperations
from django.test import Client

from members.models import Panel, StaffRoleKind
from members.seed import seed_reference_data
from members.services import staff_role_grant
from tests.factories import UserFactory, a_membership
from tests.sign_in import signed_in_client

# The browser suite's page titles, compared across the whole run (tests/browser/page_checks.py).
# The main process chooses a folder and hands it to pytest-xdist's worker processes; each appends
# what it saw, and the main process reads it all when the run ends.


def pytest_configure(config):
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        config.page_titles_folder = workerinput["page_titles_folder"]
    else:
        config.page_titles_folder = tempfile.mkdtemp(prefix="page-titles-")


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    node.workerinput["page_titles_folder"] = node.config.page_titles_folder


def pytest_sessionfinish(session, exitstatus):
    if hasattr(session.config, "workerinput"):
        return
    from tests.browser.page_checks import TitleLog, title_conflicts

    folder = session.config.page_titles_folder
    conflicts = title_conflicts(TitleLog(folder).read())
    shutil.rmtree(folder, ignore_errors=True)
    if conflicts:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_sep("=", "pages that share a title", red=True)
        for conflict in conflicts:
            reporter.write_line(f"- {conflict}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# Emptying PostgreSQL after each transactional test (browser tests, tests of what happens after a
# commit). Django empties it with one TRUNCATE of every table, which creates new files for each
# table and took about a second each time; DELETE of the few rows a test leaves takes a few
# milliseconds. The append-only ledgers' triggers refuse to delete a row, so they are switched off
# for the DELETE and on again in the same transaction (truncating those two tables alone still cost
# most of a second). The rows the migrations left (panels, consent wordings, the catalogue of access
# needs, the site, content types and permissions) are then put back as they were, from a copy taken
# once the test database was made (`django_db_setup`), rather than seeded again row by row. Only the
# tests' cleaning changes: the service never empties its database.
_truncate_all = PostgresOperations.sql_flush
AS_MIGRATED_SCHEMA = "tests_as_migrated"
_as_migrated: set[str] = set()  # the tables with rows once migrated, copied into AS_MIGRATED_SCHEMA


def _delete_all(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    if reset_sequences or not tables:
        return _truncate_all(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
    q = self.quote_name
    with self.connection.cursor() as cursor:
        cursor.execute("SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal")
        guards = [(table, trigger) for table, trigger in cursor.fetchall() if table in tables]
    # Table and trigger names come from Django's list of its tables and from the catalogue, quoted.
    return [
        *(f"ALTER TABLE {q(table)} DISABLE TRIGGER {q(trigger)};" for table, trigger in guards),
        *(f"DELETE FROM {q(table)};" for table in tables),  # noqa: S608
        *(f"INSERT INTO {q(t)} SELECT * FROM {AS_MIGRATED_SCHEMA}.{q(t)};" for t in tables if t in _as_migrated),  # noqa: S608
        # Foreign keys are checked at the end of a transaction; a trigger cannot be switched back on
        # while checks on its table are pending, so they are made now.
        "SET CONSTRAINTS ALL IMMEDIATE;",
        *(f"ALTER TABLE {q(table)} ENABLE TRIGGER {q(trigger)};" for table, trigger in guards),
    ]


PostgresOperations.sql_flush = _delete_all


def _post_migrate_unless_put_back(verbosity, interactive, db="default", **kwargs):
    """After a flush, post_migrate makes the content types, permissions and site again, one app at
    a time; where the flush has put back the rows the migrations left, they are all there already."""
    if not (connections[db].vendor == "postgresql" and _as_migrated):
        _emit_post_migrate(verbosity, interactive, db, **kwargs)


_emit_post_migrate = flush_command.emit_post_migrate_signal
flush_command.emit_post_migrate_signal = _post_migrate_unless_put_back


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as pytest-django makes it, and a copy of the rows the migrations left in
    it, for `_delete_all` to put back after each flush."""
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            return
        q = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {AS_MIGRATED_SCHEMA} CASCADE; CREATE SCHEMA {AS_MIGRATED_SCHEMA};")
            for table in connection.introspection.django_table_names(only_existing=True, include_views=False):
                cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {q(table)})")  # noqa: S608
                if cursor.fetchone()[0]:
                    cursor.execute(f"CREATE TABLE {AS_MIGRATED_SCHEMA}.{q(table)} AS TABLE {q(table)}")
                    _as_migrated.add(table)


DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}


def uses_database(request) -> bool:
    return bool(request.node.get_closest_marker("django_db") or DB_FIXTURES & set(request.fixturenames))


@pytest.fixture(autouse=True)
def reference_data(request):
    """Panels and consent wordings, as the data migrations leave them: tests that flush the
    database (transactional tests, the browser) find them again. On PostgreSQL the flush itself
    puts them back; elsewhere (SQLite) they are seeded again when missing."""
    if uses_database(request):
        marker = request.node.get_closest_marker("django_db")
        transactional = "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction"))
        request.getfixturevalue("transactional_db" if transactional else "db")
        if not Panel.objects.exists():
            seed_reference_data()


@pytest.fixture
def race_panel(reference_data):
    return Panel.objects.get(slug="race")


@pytest.fixture
def gender_panel(reference_data):
    return Panel.objects.get(slug="gender")


# The cast: one person for each role.
@pytest.fixture
def applicant(db):
    return UserFactory(email="applicant@example.org", full_name="Alex Applicant")


@pytest.fixture
def reviewer(race_panel):
    user = UserFactory(email="reviewer@example.org", full_name="Robin Reviewer")
    staff_role_grant(actor=None, user=user, role=StaffRoleKind.REVIEWER, panel=race_panel)
    return user


@pytest.fixture
def coordinator(race_panel):
    """The Race Panel's coordinator."""
    user = UserFactory(email="coordinator@example.org", full_name="Chris Coordinator")
    staff_role_grant(actor=None, user=user, role=StaffRoleKind.COORDINATOR, panel=race_panel)
    return user


@pytest.fixture
def gender_coordinator(gender_panel):
    user = UserFactory(email="gender.coordinator@example.org", full_name="Gene Coordinator")
    staff_role_grant(actor=None, user=user, role=StaffRoleKind.COORDINATOR, panel=gender_panel)
    return user


@pytest.fixture
def administrator(db):
    user = UserFactory(email="admin@example.org", full_name="Ash Administrator")
    staff_role_grant(actor=None, user=user, role=StaffRoleKind.ADMINISTRATOR)
    return user


@pytest.fixture
def member(coordinator, race_panel):
    """Morgan Member, a current member of the Race Panel, added by its coordinator."""
    return a_membership(coordinator, race_panel, full_name="Morgan Member").person


@pytest.fixture
def signed_in():
    """Sign a person in; staff get an authenticator and a session that passed two-factor."""

    def sign_in(user, *, two_factor: bool = True) -> Client:
        return signed_in_client(user, two_factor=two_factor)

    return sign_in


@pytest.fixture
def smtp_server():
    from tests.smtp import SMTPServer

    with SMTPServer() as server:
        yield server


@pytest.fixture
def smtp(settings, smtp_server):
    """Send this test's email through Django's SMTP backend to a real SMTP server."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    return smtp_server.inbox


@pytest.fixture(autouse=True)
def empty_cache(request, reference_data):
    """Rate-limit counters live in the cache table, which flushing the database leaves alone: each
    test starts with none."""
    from django.core.cache import cache

    if not uses_database(request):
        yield
        return
    cache.clear()
    yield
    cache.clear()
