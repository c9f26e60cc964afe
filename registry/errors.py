"""One error shape for every response: ``{"error": {"code", "message", "details"}}``.

A store that cannot be reached is a 503 with ``Retry-After``, never a 500.
"""

import html
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import DataError, DisconnectionError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from hunyin.domain.idnumber import mask_in_text
from hunyin.errors import ConflictError, HunyinError, InputError, NotFoundError
from hunyin.messages import language, translate, validation_message
from registry.privacy import scrub

log = logging.getLogger(__name__)

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "invalid",
    503: "unavailable",
}
# Seconds a client should wait before trying again when the store cannot be reached.
RETRY_AFTER = 5


class ApiError(Exception):
    """An error a route raises on purpose; rendered in the one shape."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        details: list[Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _HTTP_CODES.get(status, "error")
        self.message = message
        self.details = details or []


def request_language(request: Request | None) -> str:
    """The reader's language from ``Accept-Language``: ``zh`` by default, ``en`` if preferred."""
    return language(request.headers.get("accept-language") if request else None)


def error_response(
    status: int,
    message: str,
    *,
    code: str | None = None,
    details: list[Any] | None = None,
    lang: str = "zh",
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """The JSON response for an error in ``lang`` (the code stays English); IDs masked."""
    body = {
        "error": {
            "code": code or _HTTP_CODES.get(status, "error"),
            "message": translate(mask_in_text(message), lang=lang),
            "details": scrub(details or []),
        }
    }
    return JSONResponse(body, status_code=status, headers=headers)


def created_or_error(result: dict[str, Any] | ApiError) -> JSONResponse:
    """201 with the stored document, or the refusal in the one error shape (a route whose work
    was rolled back but whose audit entry is kept returns the error rather than raising it)."""
    if isinstance(result, ApiError):
        return error_response(
            result.status, result.message, code=result.code, details=result.details
        )
    return JSONResponse(result, status_code=201)


def _validation_details(exc: RequestValidationError, lang: str) -> list[dict[str, Any]]:
    # The offending input is left out: it may be a full ID number or a whole body.
    return [
        {
            "loc": [str(p) for p in err.get("loc", ())],
            "msg": validation_message(err, lang=lang),
            "type": err.get("type"),
        }
        for err in exc.errors()
    ]


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get(
        "accept", ""
    )


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    if _wants_html(request):
        # A person at a page: to the sign-in form, or a plain page saying why not.
        if exc.status == 401:
            return RedirectResponse("/login", status_code=303)
        text = html.escape(translate(mask_in_text(exc.message)))
        page = f'<!doctype html><meta charset="utf-8"><p>无法完成：{text}</p><a href="/">首页</a>'
        return HTMLResponse(page, status_code=exc.status)
    return error_response(
        exc.status,
        exc.message,
        code=exc.code,
        details=exc.details,
        lang=request_language(request),
    )


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    lang = request_language(request)
    details = _validation_details(exc, lang)
    if any(d["type"] == "json_invalid" for d in details):
        return error_response(
            400, "malformed JSON body", code="malformed_json", details=details, lang=lang
        )
    return error_response(422, "the request is not valid", details=details, lang=lang)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    return error_response(exc.status_code, str(exc.detail), lang=request_language(request))


def as_api_error(exc: HunyinError) -> ApiError:
    """The HTTP form of a domain error: conflict 409, not found 404, bad input 422."""
    status = 400
    for kind, code in ((ConflictError, 409), (NotFoundError, 404), (InputError, 422)):
        if isinstance(exc, kind):
            status = code
    return ApiError(status, str(exc))


async def _domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HunyinError)
    error = as_api_error(exc)
    return error_response(error.status, error.message, lang=request_language(request))


async def _out_of_range(request: Request, exc: Exception) -> Response:
    # A value the route accepted but the store cannot hold (an id beyond 64 bits, say) is
    # still the caller's input, not a fault of the service.
    return error_response(
        422,
        "a value is out of range for the store",
        code="out_of_range",
        lang=request_language(request),
    )


async def _unavailable(request: Request, exc: Exception) -> Response:
    # The store is down, restarting or locked: nothing is wrong with the request, and the same
    # request a moment later may well succeed. One line in the log, no parameters in it.
    log.warning("store unavailable on %s: %s", request.url.path, type(exc).__name__)
    return error_response(
        503,
        "the store is unavailable for a moment; try again",
        headers={"Retry-After": str(RETRY_AFTER)},
    )


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.error("unexpected error on %s: %s", request.url.path, mask_in_text(repr(exc)))
    return error_response(500, "internal error", code="internal", lang=request_language(request))


def install_error_handlers(app: FastAPI) -> None:
    """Render every error (ours, FastAPI's validation, 404/405, crashes) in the one shape."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(HunyinError, _domain_error)
    app.add_exception_handler(OverflowError, _out_of_range)
    app.add_exception_handler(DataError, _out_of_range)
    for unavailable in (OperationalError, DisconnectionError, PoolTimeout):
        app.add_exception_handler(unavailable, _unavailable)
    app.add_exception_handler(Exception, _unexpected)
