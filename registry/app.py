"""The registry service: ``create_app`` wires the store, error shape, API routers and pages."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI

from hunyin import logs
from hunyin.domain.dates import office_today
from hunyin.settings import get_settings
from registry.errors import install_error_handlers
from registry.pages import appointments as appointment_pages
from registry.pages import archivist, auditor, login, printing, registrar
from registry.pages import backcapture as back_capture_pages
from registry.pages import events as event_pages
from registry.responses import document_unreadable_bodies
from registry.review import router as review_router
from registry.routes import (
    appointments,
    audit,
    backcapture,
    eligibility,
    events,
    health,
    registrations,
    rules,
    scans,
    status,
)
from registry.users import UserCache
from warehouse.db import autocommit_session_factory, session_factory
from warehouse.store import prepare

# Threads running sync routes, per process (AnyIO's default is 40). Enough to overlap requests'
# database round trips; few enough that requests queue for them in order rather than scramble
# for the GIL: with 40, the slowest 1% of status queries under load took about 1.5 times longer.
THREADS = 8


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
    yield


def create_app(*, db_url: str) -> FastAPI:
    """The application serving the store at ``db_url`` (migrated and seeded on the way)."""
    logs.install()
    url = prepare(db_url)
    app = FastAPI(
        title="Chuxiong marriage registry",
        version="1.0",
        description="Status, eligibility and live registration for the ten registration offices.",
        lifespan=_lifespan,
    )
    default_openapi = app.openapi
    app.openapi = lambda: document_unreadable_bodies(default_openapi())  # type: ignore[method-assign]
    app.state.db_url = url
    # The service acts as a role that may only add to the audit log (migration 0006).
    role = get_settings().service_role or None
    # Generic plans: the service repeats a few look-ups by key (``warehouse.db.get_engine``).
    app.state.sessions = session_factory(url, role=role, generic_plans=True)
    app.state.autocommit_sessions = autocommit_session_factory(url, role=role, generic_plans=True)
    app.state.users = UserCache()
    # The day at the window; live registrations are dated by it, never by the caller.
    app.state.today = office_today
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(status.router)
    app.include_router(eligibility.router)
    app.include_router(registrations.router)
    app.include_router(backcapture.router)
    app.include_router(events.router)
    app.include_router(scans.router)
    app.include_router(rules.router)
    app.include_router(appointments.router)
    app.include_router(audit.router)
    app.include_router(login.router)
    app.include_router(registrar.router)
    app.include_router(appointment_pages.router)
    app.include_router(event_pages.router)
    app.include_router(back_capture_pages.router)
    app.include_router(auditor.router)
    app.include_router(printing.router)
    app.include_router(archivist.router)
    app.include_router(review_router)
    return app
