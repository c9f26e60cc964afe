"""The stewards' review queue: JSON API and pages, mounted by one ``include_router``."""

from fastapi import APIRouter

from registry.review import api, pages

router = APIRouter()
router.include_router(api.router)
router.include_router(pages.router)

__all__ = ["router"]
