"""Turning the registrar's case form into a ``CaseIn``, and the steward's back-capture form into
a ``BackCaptureIn`` (and errors into Chinese lines)."""

from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError

from hunyin.labels import field_label, label
from hunyin.messages import translate, validation_message
from registry.schemas import BackCaptureIn, CaseIn

# A line of what is wrong: the input at fault (its id on the form, or None), its name, why.
FormError = dict[str, str | None]

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


def _input_of(err: dict[str, Any], prefixes: list[str]) -> tuple[str | None, str]:
    """The form input a pydantic error points at, and the name a person reads for it."""
    loc = tuple(err["loc"])
    if len(loc) >= 2 and loc[0] == "parties" and isinstance(loc[1], int) and loc[1] < len(prefixes):
        prefix = prefixes[loc[1]]
        party = label("parties", "male" if prefix == "m" else "female")
        if len(loc) == 2:
            # a party's own check: its birth date or its sex against its ID number
            name = "birth_date" if "birth_date" in str(err.get("msg")) else "id_number"
        else:
            name = str(loc[2])
        return f"{prefix}_{name}", f"{party}·{label('fields', name)}"
    if loc:
        return str(loc[0]), field_label(str(loc[0]))
    missing = [p for p, _ in _ROLES if p not in prefixes]
    if missing:
        # a couple with a party left blank: point at the blank name
        return f"{missing[0]}_name", field_label(
            f"{'male' if missing[0] == 'm' else 'female'}.name"
        )
    return None, "表单"


def form_error(field: str | None, name: str, message: str) -> FormError:
    """One line of what is wrong with the form."""
    return {"field": field, "label": name, "message": message}


def message_errors(message: str) -> list[FormError]:
    """An error of the service as a form error: in Chinese, pointed at no input in particular."""
    return [form_error(None, "办理结果", translate(message))]


def case_from_form(fields: dict[str, str]) -> tuple[CaseIn | None, list[FormError]]:
    """The case, or the list of what is wrong with the form."""
    prefixes = [prefix for prefix, _ in _ROLES if fields.get(f"{prefix}_name")]
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
    return _validated(CaseIn, body, prefixes)


Model = TypeVar("Model", bound=BaseModel)


def _validated(
    model: type[Model], body: dict[str, Any], prefixes: list[str]
) -> tuple[Model | None, list[FormError]]:
    try:
        return model.model_validate(body), []
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            field, name = _input_of(dict(err), prefixes)
            errors.append(form_error(field, name, validation_message(dict(err))))
        return None, errors


def back_capture_from_form(fields: dict[str, str]) -> tuple[BackCaptureIn | None, list[FormError]]:
    """The back-capture, or the list of what is wrong with the form."""
    prefixes = [prefix for prefix, _ in _ROLES if fields.get(f"{prefix}_name")]
    body = {
        "kind": fields.get("kind") or "marriage",
        "office_code": fields.get("office_code"),
        "date": fields.get("date") or None,
        "certificate_no": fields.get("certificate_no"),
        "registrar": fields.get("registrar") or None,
        "parties": [p for prefix, sex in _ROLES if (p := _party(fields, prefix, sex))],
        "source": fields.get("source"),
        "purpose": fields.get("purpose") or None,
    }
    return _validated(BackCaptureIn, body, prefixes)
