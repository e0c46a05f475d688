"""Who a request comes from, for the rate limits.

allauth and django-ratelimit must agree on it, or a person blocked by one would pass the other: both
use allauth's reading of the request, which trusts X-Forwarded-For only as far as
ALLAUTH_TRUSTED_PROXY_COUNT proxies go and otherwise takes the connection's address.
"""

from allauth.account.adapter import get_adapter
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    return get_adapter(request).get_client_ip(request)
