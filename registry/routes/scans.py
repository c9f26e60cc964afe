"""``GET /api/v1/records/{record_id}/scan``: the original image, for the registering office
only (``original-office-archive``); every view and every refusal audited."""

import mimetypes
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from fastapi.responses import FileResponse, Response

from registry.audit import record_audit
from registry.deps import CurrentUser, SessionDep
from registry.errors import error_response
from registry.offices import same_office
from registry.responses import errors
from registry.schemas import RowId
from warehouse.models import RecordRow, SourceDocument

router = APIRouter(prefix="/api/v1", tags=["records"])
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"image/*": {}, "application/pdf": {}}, "description": "the scan"},
    **errors(401, 403, 404, 422, 503),
}


@router.get("/records/{record_id}/scan", response_class=FileResponse, responses=_RESPONSES)
def get_scan(session: SessionDep, user: CurrentUser, record_id: RowId) -> Response:
    """The scanned file the record was read from; ``X-Page`` names its page."""
    record = session.get(RecordRow, record_id)
    if record is None:
        return error_response(404, f"no record {record_id}")
    allowed = same_office(user.office_code, record.office_code)
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
            403, f"only the registering office ({record.office_code}) may see this scan"
        )
    document = (
        session.get(SourceDocument, record.source_document_id)
        if record.source_document_id
        else None
    )
    if document is None:
        return error_response(404, "this record was not read from a scan")
    path = Path(document.path)
    if not path.is_file():
        return error_response(404, "the scan file is not at its recorded place")
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileResponse(path, media_type=media_type, headers={"X-Page": str(record.page or 1)})
