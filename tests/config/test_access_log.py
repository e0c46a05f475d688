"""No one-time token or code reaches a log line: not gunicorn's access log, not runserver's, not
anything logged through Django (config/access_log.py). gunicorn's real access log is read back in
tests/integration/test_production.py."""

import logging
import re

from django.urls import reverse

from config.access_log import HIDDEN, HideSecrets, hide_secrets
from tests.routes import all_routes

SECRET = "MQ:1vJ2Xy:AbCdEfGhIjKlMnOp"
# The names a route gives to a part of its path that is a secret.
SECRET_ARGUMENTS = re.compile(r"<(?:\w+:)?(token|key|uidb36)>|\(\?P<(token|key|uidb36)>[^)]*\)")


def test_every_route_that_takes_a_token_or_key_has_it_hidden():
    secret_routes = [(route, name) for route, name, _ in all_routes() if SECRET_ARGUMENTS.search(route)]
    assert {name for _, name in secret_routes} >= {
        "meetings:reply", "account_confirm_email", "account_reset_password_from_key",
    }  # fmt: skip
    for route, name in secret_routes:
        path = "/" + SECRET_ARGUMENTS.sub(SECRET, route).replace("^", "").replace("$", "")
        line = f'"GET {path} HTTP/1.1" 200 512'
        assert SECRET not in hide_secrets(line), name
        assert HIDDEN in hide_secrets(line), name


def test_codes_in_a_query_string_are_hidden_and_the_rest_of_the_line_is_kept():
    line = f'"GET /accounts/login/code/confirm/?code=ABC-123&next=/account/ HTTP/1.1" 302 0 "/meetings/reply/{SECRET}/"'
    hidden = hide_secrets(line)
    assert "ABC-123" not in hidden and SECRET not in hidden
    assert hidden == (
        f'"GET /accounts/login/code/confirm/?code={HIDDEN}&next=/account/ HTTP/1.1" 302 0 "/meetings/reply/{HIDDEN}/"'
    )
    assert hide_secrets("GET /panels/race/?page=2") == "GET /panels/race/?page=2"


def test_runservers_request_lines_and_every_other_record_go_through_the_filter():
    reply = reverse("meetings:reply", kwargs={"token": SECRET})
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s %s', (f"GET {reply} HTTP/1.1", 200, 5), None
    )
    assert HideSecrets().filter(record)
    assert SECRET not in record.getMessage() and "/meetings/reply/[hidden]/" in record.getMessage()
    handler = logging.getLogger("django.server").handlers[0]
    assert any(isinstance(f, HideSecrets) for f in handler.filters)


def test_a_token_in_an_encoded_address_is_hidden_too():
    # Signed out on a reply page: the way back to it travels as `next`, percent-encoded.
    line = f'"GET /signed-out/?next=%2Fmeetings%2Freply%2F{SECRET.replace(":", "%3A")}%2F HTTP/1.1" 302 0'
    hidden = hide_secrets(line)
    assert "AbCdEfGh" not in hidden
    assert hidden == f'"GET /signed-out/?next=%2Fmeetings%2Freply%2F{HIDDEN}%2F HTTP/1.1" 302 0'
