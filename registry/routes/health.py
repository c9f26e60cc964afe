"""``/healthz``: the one route that needs no token."""

from fastapi import APIRouter

router = APIRouter()


@router.get("/healthz", tags=["service"])
def healthz() -> dict[str, str]:
    """Liveness: the process answers."""
    return {"status": "ok"}
