"""The registrar's pages: status look-up, eligibility check, registration with a confirmation."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from hunyin.domain.dates import parse_date
from hunyin.domain.idnumber import normalise, sex_of
from hunyin.errors import HunyinError
from registry.deps import SessionDep, require_role
from registry.errors import ApiError, as_api_error
from registry.idcard import read_card_line
from registry.pages.common import templates
from registry.pages.forms import FormError, case_from_form, form_error, form_fields, message_errors
from registry.routes.eligibility import check
from registry.routes.registrations import registration
from registry.routes.status import lookup
from warehouse.models import User

router = APIRouter(prefix="/pages", include_in_schema=False)
Registrar = Annotated[User, require_role("registrar", "admin")]
Fields = Annotated[dict[str, str], Depends(form_fields)]
# What a status or an appointment may hand to the registration form, and nothing else.
PREFILL = {"kind", "date", "purpose"} | {
    f"{p}_{n}" for p in ("m", "f") for n in ("name", "birth_date", "id_number", "hukou_code")
}


def _prefill(fields: dict[str, str], person: dict[str, Any]) -> dict[str, str]:
    """The registration form's inputs for the person found, on the side of their sex; the
    number itself is not carried (no page echoes a whole number): the card reader gives it."""
    number = normalise(fields.get("id_number")) or ""
    sex = person.get("sex") or (sex_of(number) if number else None)
    prefix = "f" if sex == "女" else "m"
    values = {
        "name": person.get("name") or fields.get("name") or "",
        "birth_date": person.get("birth_date") or fields.get("birth_date") or "",
    }
    return {f"{prefix}_{k}": v for k, v in values.items() if v}


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status)


def _api_message(exc: ApiError | HunyinError) -> str:
    return (exc if isinstance(exc, ApiError) else as_api_error(exc)).message


@router.get("/status", response_class=HTMLResponse)
def status_form(request: Request, user: Registrar) -> Response:
    """The look-up form (the query itself is posted, so no number lands in a URL)."""
    return _render(request, "status.html", {"user": user, "doc": None, "errors": [], "query": {}})


@router.post("/status", response_class=HTMLResponse)
def status_page(request: Request, session: SessionDep, user: Registrar, fields: Fields) -> Response:
    """Look a person up by ID number, or by name and birth date."""
    errors: list[FormError] = []
    context: dict[str, Any] = {"user": user, "doc": None, "errors": errors, "query": fields}
    birth_date = fields.get("birth_date")
    born = parse_date(birth_date)
    if birth_date and born is None:
        errors.append(form_error("q-birth", "出生日期", "日期格式应为 年-月-日"))
    elif fields.get("id_number") or fields.get("name"):
        try:
            context["doc"] = doc = lookup(
                session,
                user=user,
                id_number=fields.get("id_number") or None,
                name=fields.get("name") or None,
                birth_date=born,
                purpose=fields.get("purpose") or None,
            )
            context["prefill"] = _prefill(fields, doc.get("person") or {})
        except (ApiError, HunyinError) as exc:
            errors.extend(message_errors(_api_message(exc)))
            if fields.get("id_number"):
                errors[-1]["field"] = "q-id"
    else:
        errors.append(form_error("q-id", "身份证号", "请填写身份证号，或姓名与出生日期"))
    return _render(request, "status.html", context, 422 if errors else 200)


def _case_page(user: User, **extra: Any) -> dict[str, Any]:
    return {"user": user, "today": date.today().isoformat(), "form": {}, "errors": [], **extra}


@router.get("/eligibility", response_class=HTMLResponse)
def eligibility_form(request: Request, user: Registrar) -> Response:
    """The case form."""
    return _render(request, "case.html", _case_page(user, action="eligibility"))


@router.post("/eligibility", response_class=HTMLResponse)
def eligibility_page(
    request: Request, session: SessionDep, user: Registrar, fields: Fields
) -> Response:
    """Check the case and show every rule applied."""
    case, errors = case_from_form(fields)
    context = _case_page(user, action="eligibility", form=fields, errors=errors)
    if case is not None:
        try:
            context["decision"] = check(session, user=user, case=case).document()
        except (ApiError, HunyinError) as exc:
            context["errors"] = message_errors(_api_message(exc))
    return _render(request, "case.html", context, 422 if context["errors"] else 200)


@router.get("/register", response_class=HTMLResponse)
def register_form(request: Request, user: Registrar, kind: str | None = None) -> Response:
    """The case form, for registering (an appointment names the kind of business)."""
    form = {"kind": kind} if kind in ("marriage", "divorce", "reissue") else {}
    return _render(request, "case.html", _case_page(user, action="register", form=form))


@router.post("/register/prefill", response_class=HTMLResponse)
def register_prefilled(request: Request, user: Registrar, fields: Fields) -> Response:
    """The form filled from a status or eligibility result (posted: no number in the URL)."""
    form = {k: v for k, v in fields.items() if k in PREFILL and v}
    return _render(request, "case.html", _case_page(user, action="register", form=form))


@router.post("/card", response_class=HTMLResponse)
def card_page(request: Request, user: Registrar, fields: Fields) -> Response:
    """Fill one party from what the ID-card reader typed, keeping the rest of the form."""
    prefix = "f" if fields.get("card_party") == "f" else "m"
    reading = read_card_line(fields.get(f"{prefix}_card", ""))
    form = {k: v for k, v in fields.items() if not k.endswith("_card")}
    for name, field in (
        ("id_number", "id_number"),
        ("name", "name"),
        ("ethnicity", "ethnicity"),
        ("address", "hukou"),
        ("hukou_code", "hukou_code"),
    ):
        if value := getattr(reading, name):
            form[f"{prefix}_{field}"] = value
    if reading.birth_date:
        form[f"{prefix}_birth_date"] = reading.birth_date.isoformat()
    errors = [form_error(f"{prefix}_card", "读卡", problem) for problem in reading.problems]
    expected = "男" if prefix == "m" else "女"
    if reading.sex and reading.sex != expected:
        errors.append(form_error(f"{prefix}_card", "读卡", f"此证件持有人为{reading.sex}性"))
    action = fields.get("card_action") if fields.get("card_action") == "eligibility" else "register"
    context = _case_page(user, action=action, form=form, errors=errors)
    return _render(request, "case.html", context, 422 if errors else 200)


@router.post("/register", response_class=HTMLResponse)
def register_review(
    request: Request, session: SessionDep, user: Registrar, fields: Fields
) -> Response:
    """The whole registration and the rules it meets, to confirm before it is made."""
    case, errors = case_from_form(fields)
    context = _case_page(user, action="register", form=fields, errors=errors)
    if case is None:
        return _render(request, "case.html", context, 422)
    try:
        decision = check(session, user=user, case=case).document()
    except (ApiError, HunyinError) as exc:
        context["errors"] = message_errors(_api_message(exc))
        return _render(request, "case.html", context, 422)
    context |= {"decision": decision, "case": case.model_dump(mode="json")}
    if decision["decision"] != "eligible":
        context["errors"] = message_errors("the case does not meet the rules in force")
        return _render(request, "case.html", context, 422)
    return _render(request, "confirm.html", context)


@router.post("/register/confirm", response_class=HTMLResponse)
def register_page(
    request: Request, session: SessionDep, user: Registrar, fields: Fields
) -> Response:
    """Register the confirmed case; show the certificate number and what to print, or why not."""
    case, errors = case_from_form(fields)
    context = _case_page(user, action="register", form=fields, errors=errors)
    if case is not None:
        result = registration(session, user=user, case=case, today=request.app.state.today())
        if isinstance(result, ApiError):
            context["errors"] = message_errors(result.message)
            context["failed_rules"] = result.details
        else:
            context["registered"] = result
    return _render(request, "case.html", context, 422 if context["errors"] else 200)
