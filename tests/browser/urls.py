"""The service's URLs plus one page that always fails, to show the 500 page in a real browser.

Used only by the browser test that sets ROOT_URLCONF to this module.
"""

from django.urls import path

from accounts.access import public
from config.urls import urlpatterns as service_urlpatterns

SERVER_ERROR_PATH = "test-only/server-error/"


@public
def server_error(request):
    raise RuntimeError("A deliberate error, to show the 500 page.")


urlpatterns = [path(SERVER_ERROR_PATH, server_error, name="test_server_error"), *service_urlpatterns]
