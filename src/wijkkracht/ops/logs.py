"""Log lines without personal data, as JSON (one object a line, for a log collector) or text.

Three rules keep personal data out of the application log:

- A traceback keeps its frames (file, line, function and the source line: code, never data)
  and the exception's type, but never the exception's message: messages carry values (a
  PostgreSQL ``Key (email)=(...) already exists``, a ``ValueError`` with what was typed), and
  the frames and type are enough to find the fault. Both formats do this, so switching to
  ``tekst`` in production does not open the log to data.
- Django's own request warnings ("Not Found: /netwerkscan/vragenlijst/<token>") name the
  concrete path, which can hold a survey token, a case number or an area code;
  ``RequestPathFilter`` puts the URL's route pattern in its place.
- Only named fields of a record are written (``EXTRA_FIELDS``), never whatever a caller passed
  as ``extra``: Django passes the request itself, whose repr holds the path.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import traceback
from contextvars import ContextVar
from types import TracebackType

REQUEST_ID: ContextVar[str | None] = ContextVar("wijkkracht_request_id", default=None)
# The fields of the access line (ops/request_id.py), written when a record has them.
EXTRA_FIELDS = ("method", "route", "status", "duration_ms")
NO_ROUTE = "(geen route)"


def request_id_of(record: logging.LogRecord) -> str | None:
    """The record's own request id (the access line carries it), else the current request's."""
    return getattr(record, "request_id", None) or REQUEST_ID.get()


def route_of(request) -> str:
    """The URL pattern that answered the request ("/wijkfoto/<area:code>"), never the path:
    the pattern holds no codes, tokens or numbers."""
    match = getattr(request, "resolver_match", None)
    return f"/{match.route}" if match is not None else NO_ROUTE


def traceback_without_messages(exc: BaseException | None) -> str:
    """The traceback as Python prints it, chained exceptions included, with each exception's
    type but not its message (see the module docstring for why)."""
    parts: list[str] = []
    seen: set[int] = set()

    def add(error: BaseException) -> None:
        seen.add(id(error))
        cause, context = error.__cause__, error.__context__
        if cause is not None and id(cause) not in seen:
            add(cause)
            parts.append("\nThe above exception was the direct cause of the following "
                         "exception:\n\n")
        elif context is not None and not error.__suppress_context__ and id(context) not in seen:
            add(context)
            parts.append("\nDuring handling of the above exception, another exception "
                         "occurred:\n\n")
        tb: TracebackType | None = error.__traceback__
        if tb is not None:
            parts.append("Traceback (most recent call last):\n")
            parts.extend(traceback.format_tb(tb))
        parts.append(f"{_type_name(error)}\n")

    if exc is not None:
        add(exc)
    return "".join(parts).rstrip("\n")


def _type_name(error: BaseException) -> str:
    kind = type(error)
    return kind.__qualname__ if kind.__module__ == "builtins" \
        else f"{kind.__module__}.{kind.__qualname__}"


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (ISO 8601, UTC), level, logger, message, the request id
    inside a request, the access line's fields, and for an exception its type and its
    traceback without messages."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC)
            .isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = request_id_of(record)
        if request_id:
            line["request_id"] = request_id
        for name in EXTRA_FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        if record.exc_info and record.exc_info[1] is not None:
            line["exc_type"] = _type_name(record.exc_info[1])
            line["traceback"] = traceback_without_messages(record.exc_info[1])
        if record.stack_info:
            line["stack"] = record.stack_info
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """``time LEVEL logger [request id] message`` for a terminal; tracebacks without messages."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def formatMessage(self, record: logging.LogRecord) -> str:
        return (f"{record.asctime} {record.levelname} {record.name} "
                f"[{request_id_of(record) or '-'}] {record.message}")

    def formatException(self, ei) -> str:
        return traceback_without_messages(ei[1])


class RequestPathFilter(logging.Filter):
    """Put the route pattern where a record about a request names its concrete path.

    Django's request warnings pass the request as ``extra`` and the path as an argument
    (escaped with ``unicode_escape``); the whole message is rewritten, so that a path that
    appears in it in any other place is replaced too. Records without a request pass
    unchanged."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if not isinstance(path, str) or not hasattr(request, "get_full_path"):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a bad format: never let the raw arguments (the path) through
            message = "log message could not be formatted"
        route = route_of(request)
        full = request.get_full_path()
        for concrete in dict.fromkeys((full, _escaped(full), path, _escaped(path))):
            if len(concrete) > 1:  # "/" is every path's start; its route is "/" anyway
                message = message.replace(concrete, route)
        record.msg, record.args = message, ()
        return True


def _escaped(text: str) -> str:
    return text.encode("unicode_escape").decode("ascii")
