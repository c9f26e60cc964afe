"""``GET /api/v1/records/{record_id}/scan``: the record's own page of its scan as PNG, for the
registering office only (``original-office-archive``); every view and every refusal audited.

Never the source file: a PDF or TIFF holds other records, often other offices' marriages.
"""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from registry.audit import record_audit
from registry.deps import CurrentUser, SessionDep
from registry.errors import error_response
from registry.offices import same_office
from registry.responses import errors
from registry.review.image import page_png, scan_source
from registry.schemas import RowId
from warehouse.models import RecordRow

SCAN_ROLES = frozenset({"registrar", "steward", "archivist", "admin"})
router = APIRouter(prefix="/api/v1", tags=["records"])
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"image/png": {}}, "description": "the record's page of its scan"},
    **errors(401, 403, 404, 422, 503),
}


@router.get("/records/{record_id}/scan", response_class=Response, responses=_RESPONSES)
def get_scan(session: SessionDep, user: CurrentUser, record_id: RowId) -> Response:
    """The page the record was read from, alone; ``X-Page`` names its page in the source."""
    record = session.get(RecordRow, record_id)
    if record is None:
        return error_response(404, f"no record {record_id}")
    # Auditors read who looked at what, never the archive itself.
    allowed = user.role in SCAN_ROLES and same_office(user.office_code, record.office_code)
    record_audit(
        session,
        user=user,
        action="scan_view" if allowed else "scan_refused",
        purpose="查阅原始档案",
        subject=record.certificate_no or f"record {record_id}",
        details={"record_id": record_id, "record_office": record.office_code},
    )
    if not allowed:
        return error_response(
            403,
            f"only the registering office ({record.office_code}) may see this scan, "
            f"as {', '.join(sorted(SCAN_ROLES))}",
        )
    page = record.page or 1
    png = page_png(scan_source(session, record), page=page)
    return Response(png, media_type="image/png", headers={"X-Page": str(page)})
