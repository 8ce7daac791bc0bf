"""Watching production: a request id on every log line and response, and the health endpoint.

The request id comes from the load balancer's ``X-Request-ID`` header when it sends a sensible one (so its
access log and ours can be joined), otherwise a fresh random one. It lives in a context variable from the
middleware until the response is closed; ``RequestIdFilter`` copies it onto every log record ("-" outside a request), the
response carries it back, and Sentry tags its error reports with it.
"""

import contextvars
import logging
import re
import uuid

import sentry_sdk
from django.core.signals import request_finished
from django.dispatch import receiver
from health_check.views import HealthCheckView

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    """Gives each request its id, first of all middleware so every log line of the request carries it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the response is closed (request_finished below): Django logs an error response's
        # "Not Found"/"Internal Server Error" line after the middleware has returned.
        _request_id.set(request_id)
        sentry_sdk.get_isolation_scope().set_tag("request_id", request_id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response


@receiver(request_finished, dispatch_uid="antikorupsi.observability.forget_request_id")
def forget_request_id(**_kwargs) -> None:
    _request_id.set("-")


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record a handler prints (the format of settings.LOGGING uses it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class HealthView(HealthCheckView):
    """``/health/`` for the load balancer: 200 when the database and both file storages answer, 500
    otherwise (``?format=json`` for details). Public like the log-in page: it shows no data, only which
    check failed. The checks are settings.HEALTH_CHECKS (antikorupsi/urls.py)."""

    public = True
