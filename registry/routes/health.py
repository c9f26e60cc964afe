"""``/healthz``: the one route that needs no token."""

from fastapi import APIRouter

from registry.responses import Health

router = APIRouter()


@router.get("/healthz", tags=["service"], response_model=Health)
def healthz() -> dict[str, str]:
    """Liveness: the process answers."""
    return {"status": "ok"}
