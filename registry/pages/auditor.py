"""The auditor's page: search the audit log by who, office, action, person and dates; page
through it and export what was found as CSV, in Chinese and in the office's time zone."""

import csv
import io
import re
from datetime import date, datetime
from typing import Annotated, Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from hunyin.domain.idnumber import is_valid, normalise
from hunyin.labels import field_label, label, office_label, tables
from hunyin.messages import translate
from hunyin.settings import get_settings
from registry.audit import person_key
from registry.deps import SessionDep, require_role
from registry.pages.common import templates
from registry.pages.forms import FormError, form_error, form_fields
from registry.routes.audit import search_audit
from warehouse.models import User

router = APIRouter(prefix="/pages", include_in_schema=False)
Auditor = Annotated[User, require_role("auditor", "admin")]
Fields = Annotated[dict[str, str], Depends(form_fields)]
PAGE_SIZE = 50
EXPORT_LIMIT = 100_000
FILTERS = ("who", "office_code", "action", "subject", "person", "since", "until")
_OFFICE = re.compile(r"^\d{6}$")
_KEY = re.compile(r"^[0-9a-f]{24}$")


def _filters(query: dict[str, str]) -> tuple[dict[str, Any], list[FormError]]:
    """The search arguments of the query, or what is wrong with it (never silently dropped)."""
    errors: list[FormError] = []
    days: dict[str, date | None] = {}
    for name, title in (("since", "自"), ("until", "至")):
        text = query.get(name) or ""
        try:
            days[name] = date.fromisoformat(text) if text else None
        except ValueError:
            errors.append(form_error(f"a-{name}", title, "日期格式应为 年-月-日"))
    office = query.get("office_code") or None
    if office and not _OFFICE.fullmatch(office):
        errors.append(form_error("a-office", "机关", "应为 6 位数字的机关代码"))
    action = query.get("action") or None
    if action and action not in tables()["actions"]:
        errors.append(form_error("a-action", "操作", "不是可选的操作"))
    person = query.get("person") or None
    if person and not _KEY.fullmatch(person):
        errors.append(form_error("a-id", "身份证号", "查询条件已失效，请重新输入身份证号"))
    since, until = days.get("since"), days.get("until")
    if since and until and since > until:
        errors.append(form_error("a-until", "至", "截止日期早于起始日期"))
    arguments = {
        "user_name": query.get("who") or None,
        "office_code": office,
        "action": action,
        "subject": query.get("subject") or None,
        "subject_key": person,
        "since": since,
        "until": until,
    }
    return arguments, errors


# Which table of names the value of a details key is read through.
_VALUE_TABLES = {
    "status": "statuses",
    "kind": "record_types",
    "decision": "decisions",
    "rule": "rules",
    "field": "fields",
}


def _value(key: str, value: Any) -> str:
    if isinstance(value, list):
        return "、".join(_value(key, v) for v in value) or "无"
    if isinstance(value, dict):
        return details_text(value)
    if value is None:
        return "无"
    if isinstance(value, bool):
        return "是" if value else "否"
    text = str(value)
    if key == "reason":
        return translate(text)
    if key == "field":
        return field_label(text)
    if key in ("office_code", "record_office"):
        return office_label(text)
    return label(_VALUE_TABLES.get(key, "detail_values"), text)


def details_text(details: dict[str, Any] | None) -> str:
    """An entry's details as a person reads them: Chinese names of keys and codes."""
    return "；".join(
        f"{label('detail_keys', str(k))}：{_value(str(k), v)}" for k, v in (details or {}).items()
    )


def _local(at: str, zone: ZoneInfo) -> str:
    # the log keeps naive UTC; an office reads its own clock
    moment = datetime.fromisoformat(at).replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")


def _search(session: Session, query: dict[str, str], *, user: User, limit: int, offset: int) -> Any:
    arguments, errors = _filters(query)
    if errors:
        return None, errors
    found = search_audit(session, by=user, **arguments, limit=limit, offset=offset)
    zone = ZoneInfo(get_settings().office_timezone)
    for entry in found["entries"]:
        entry["local_at"] = _local(entry["at"], zone)
        entry["details_text"] = details_text(entry["details"])
    return found, []


def _page_number(text: str | None) -> int:
    return int(text) if text and text.isdigit() and 0 < int(text) < 1_000_000 else 1


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, session: SessionDep, user: Auditor) -> Response:
    """Entries matching the filters, newest first, a page at a time."""
    query = {k: v for k, v in request.query_params.items() if k in (*FILTERS, "page")}
    page = _page_number(query.get("page"))
    found, errors = _search(
        session, query, user=user, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    kept = {k: v for k, v in query.items() if k in FILTERS and v}
    context = {
        "user": user,
        "found": found,
        "errors": errors,
        "query": query,
        "page": page,
        "pages": max(1, -(-found["total"] // PAGE_SIZE)) if found else 1,
        "zone": label("time_zones", get_settings().office_timezone),
        "filters": urlencode(kept),
    }
    status = 422 if errors else 200
    return templates.TemplateResponse(request, "audit.html", context, status_code=status)


@router.post("/audit")
def audit_search(user: Auditor, fields: Fields) -> Response:
    """The filter form: a whole ID number becomes its keyed hash, so it never enters a URL."""
    query = {k: v for k, v in fields.items() if k in FILTERS and v}
    number = normalise(fields.get("id_number"))
    if number:
        query["person"] = (person_key(number) if is_valid(number) else None) or "invalid"
    return RedirectResponse(f"/pages/audit?{urlencode(query)}", status_code=303)


@router.get("/audit.csv")
def audit_export(request: Request, session: SessionDep, user: Auditor) -> Response:
    """Every entry matching the filters as CSV (UTF-8 with BOM, so that spreadsheets read the
    Chinese headers); refused like the page when a filter is invalid."""
    query = {k: v for k, v in request.query_params.items() if k in FILTERS}
    found, errors = _search(session, query, user=user, limit=EXPORT_LIMIT, offset=0)
    if errors:
        text = "；".join(f"{e['label']}：{e['message']}" for e in errors)
        return Response(text, status_code=422, media_type="text/plain; charset=utf-8")
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    zone = label("time_zones", get_settings().office_timezone)
    writer.writerow([f"时间（{zone}）", "用户", "机关", "操作", "事由", "对象", "详情"])
    for e in found["entries"]:
        writer.writerow(
            [
                e["local_at"],
                e["user"],
                office_label(e["office_code"]),
                label("actions", e["action"]),
                e["purpose"] or "",
                e["subject"] or "",
                details_text(e["details"]),
            ]
        )
    headers = {"Content-Disposition": 'attachment; filename="audit-log.csv"'}
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
