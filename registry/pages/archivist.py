"""The archivist's page: hand in a batch (uploaded files or a folder on the share), follow it."""

from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from hunyin.codes import office_by_code, offices
from hunyin.errors import InputError
from hunyin.inbox import batch_for_key
from hunyin.messages import translate
from hunyin.settings import get_settings
from registry.audit import record_audit
from registry.batches import (
    MAX_UPLOAD_BYTES,
    batches_of,
    hand_in_files,
    hand_in_share_folder,
    new_batch_folder,
    progress,
    run_states,
)
from registry.deps import SessionDep, ensure_acts_for, require_role
from registry.errors import ApiError
from registry.pages.common import templates
from warehouse.models import User

router = APIRouter(prefix="/pages/archive", include_in_schema=False)
Archivist = Annotated[User, require_role("archivist", "admin")]


def _offices_for(user: User) -> list[Any]:
    county = [o for o in offices() if o.level == "county" and o.valid_to is None]
    return county if user.role == "admin" else [o for o in county if o.code == user.office_code]


def _home(request: Request, user: User, *, error: str | None = None, form: Any = None) -> Response:
    settings = get_settings()
    mine = None if user.role == "admin" else {user.office_code}
    batches = batches_of(settings.inbox_dir, office_codes=mine)
    states = run_states([b.key for b in batches])
    context = {
        "user": user,
        "offices": _offices_for(user),
        "batches": [(b, states[b.key]) for b in reversed(batches)],
        "share": settings.archive_share_dir,
        "error": error,
        "form": form or {},
    }
    status = 422 if error else 200
    return templates.TemplateResponse(request, "archive.html", context, status_code=status)


@router.get("", response_class=HTMLResponse)
def archive_page(request: Request, user: Archivist) -> Response:
    """The hand-in form and the office's batches with their state."""
    return _home(request, user)


@router.post("", response_class=HTMLResponse)
async def hand_in(request: Request, session: SessionDep, user: Archivist) -> Response:
    """Put the batch into the inbox, where the sensor picks it up; then show its progress."""
    form = await request.form()
    office = str(form.get("office_code") or user.office_code)
    name = str(form.get("batch") or "").strip()
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    share_folder = str(form.get("share_folder") or "").strip()
    shown = {"office_code": office, "batch": name, "share_folder": share_folder}
    try:
        if office_by_code(office) is None:
            raise InputError(f"unknown office code {office}")
        ensure_acts_for(user, office)
        settings = get_settings()
        folder = new_batch_folder(settings.inbox_dir, office_code=office, name=name)
        if uploads:
            files, total = [], 0
            for upload in uploads:
                # read no further than the limit: an oversized upload is refused, not held
                content = await upload.read(MAX_UPLOAD_BYTES + 1 - total)
                total += len(content)
                if total > MAX_UPLOAD_BYTES:
                    raise InputError(
                        "the upload is larger than 200 MB: hand in a folder on the share"
                    )
                files.append((upload.filename or "", content))
            count = hand_in_files(folder, files)
        elif share_folder:
            count = hand_in_share_folder(
                folder, share=settings.archive_share_dir, relative=share_folder
            )
        else:
            raise InputError("choose files to upload or a folder on the archive's share")
    except (InputError, ApiError) as exc:
        message = exc.message if isinstance(exc, ApiError) else str(exc)
        return _home(request, user, error=translate(message), form=shown)
    record_audit(
        session,
        user=user,
        action="batch_handed_in",
        purpose="档案批次交接",
        subject=f"{office}-{name}",
        details={"files": count, "from": "share" if share_folder and not uploads else "upload"},
    )
    return RedirectResponse(f"/pages/archive/{office}-{name}", status_code=303)


@router.get("/{key}", response_class=HTMLResponse)
def batch_page(request: Request, session: SessionDep, user: Archivist, key: str) -> Response:
    """One batch: the run's state, files read so far, and every file's outcome with its reason."""
    try:
        batch = batch_for_key(get_settings().inbox_dir, key)
    except InputError as exc:
        raise ApiError(404, f"no batch {key[:80]}") from exc
    ensure_acts_for(user, batch.office_code)
    state = progress(session, batch, run=run_states([batch.key])[batch.key])
    context = {"user": user, "batch": state}
    return templates.TemplateResponse(request, "archive_batch.html", context)
