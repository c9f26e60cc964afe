"""Turning the registrar's case form into a ``CaseIn`` (and errors into Chinese lines)."""

from typing import Any

from fastapi import Request
from pydantic import ValidationError

from registry.schemas import CaseIn

_ROLES = (("m", "男"), ("f", "女"))
# The rest of the form a live record keeps as written.
_FORM_FIELDS = ("ethnicity", "occupation", "education", "nationality", "hukou")


async def form_fields(request: Request) -> dict[str, str]:
    """The posted form as plain strings (read here so that routes can stay synchronous)."""
    form = await request.form()
    fields = {k: v.strip() for k, v in form.items() if isinstance(v, str)}
    # Ticked candidate records come as one field repeated: kept comma-joined.
    fields["verified_distinct"] = ",".join(
        v for v in form.getlist("verified_distinct") if isinstance(v, str) and v.isdigit()
    )
    return fields


def _party(fields: dict[str, str], prefix: str, sex: str) -> dict[str, Any] | None:
    def get(name: str) -> str | None:
        return fields.get(f"{prefix}_{name}") or None

    if not get("name"):
        return None
    military = {
        key: value
        for key, value in (
            ("station_code", get("station_code")),
            ("pre_enlistment_hukou_code", get("pre_enlistment_hukou_code")),
        )
        if value
    }
    return {
        "name": get("name"),
        "sex": sex,
        "birth_date": get("birth_date"),
        "id_number": get("id_number"),
        "hukou_code": get("hukou_code"),
        "residency": get("residency") or "mainland",
        "military": military or None,
        "declared_status": get("declared_status"),
        **{name: get(name) for name in _FORM_FIELDS},
    }


def case_from_form(fields: dict[str, str]) -> tuple[CaseIn | None, list[str]]:
    """The case, or the list of what is wrong with the form."""
    parties = [p for prefix, sex in _ROLES if (p := _party(fields, prefix, sex))]
    body = {
        "kind": fields.get("kind") or "marriage",
        "office_code": fields.get("office_code"),
        "date": fields.get("date") or None,
        "original_office_code": fields.get("original_office_code") or None,
        "parties": parties,
        "purpose": fields.get("purpose") or None,
        "verified_distinct": [int(v) for v in fields.get("verified_distinct", "").split(",") if v],
        "record_id": fields.get("record_id") or None,
        "checked_documents": [
            d.strip() for d in (fields.get("checked_documents") or "").split("；") if d.strip()
        ],
    }
    try:
        return CaseIn.model_validate(body), []
    except ValidationError as exc:
        return None, [
            f"{'.'.join(str(p) for p in err['loc']) or '表单'}：{err['msg']}"
            for err in exc.errors()
        ]
