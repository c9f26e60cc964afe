"""The names people read: every code the system writes has its Chinese name in the one table,
every message the catalogue knows reads in Chinese, and the header parser takes any input."""

import ast
import re
import tomllib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from hunyin.labels import field_label, label, office_label, tables
from hunyin.messages import UNKNOWN, known, language, translate, validation_message
from hunyin.schema import dotted_fields
from validation.catalog import rules

REPO = Path(__file__).resolve().parents[2]


def test_every_rule_id_and_field_has_a_chinese_name() -> None:
    registry_rules = tomllib.loads((REPO / "registry/rules/rules.toml").read_text("utf-8"))
    ids = {p["rule"] for p in registry_rules["period"]} | set(rules())
    ocr_doubts = set(re.findall(r'doubt\(\s*"([a-z0-9-]+)"', _source("ocr")))
    missing = sorted(r for r in ids | ocr_doubts if label("rules", r) == r)
    assert missing == []
    assert [f for f in dotted_fields() if re.search(r"[a-z]", field_label(f))] == []


def _source(package: str) -> str:
    return "\n".join(p.read_text("utf-8") for p in (REPO / package).rglob("*.py"))


def test_audit_actions_written_anywhere_have_names() -> None:
    calls = re.findall(r"record_audit\((.*?)\n\s*\)", _source("registry"), re.S)
    lines = [line for call in calls for line in call.splitlines() if "action=" in line]
    written = {name for line in lines for name in re.findall(r'"([a-z_]+)"', line)}
    assert {"status_query", "review_correct", "scan_refused", "batch_handed_in"} <= written
    assert sorted(a for a in written if a not in tables()["actions"]) == []


def test_names_read_through() -> None:
    assert field_label("male.occupation") == "男方·职业"
    assert field_label("parties.1.id_number") == "女方·身份证件号"
    assert office_label("532301") == "532301 楚雄市民政局" and office_label("999999") == "999999"
    assert label("statuses", "needs_verification") == "需人工核实"


def test_messages_in_chinese_and_english_on_request() -> None:
    message = "this marriage is registered already: J532301-2023-000001"
    assert translate(message) == "这对当事人的这次婚姻已经登记（证号 J532301-2023-000001）"
    assert translate(message, lang="en") == message
    assert translate("a sentence nobody catalogued") == UNKNOWN
    assert known("empty file") and not known("a sentence nobody catalogued")
    assert validation_message({"type": "missing", "msg": "Field required"}) == "必须填写"


@given(st.text(max_size=200))
def test_any_accept_language_header_gives_a_language(header: str) -> None:
    assert language(header) in ("zh", "en")


def test_accept_language_preferences() -> None:
    assert language(None) == "zh" and language("") == "zh"
    assert language("en-US,en;q=0.9") == "en"
    assert language("en;q=0.5,zh-CN;q=0.8") == "zh"
    assert language("fr, de") == "zh"


@given(st.text(max_size=300))
def test_any_message_translates_to_chinese_without_raising(message: str) -> None:
    assert re.search(r"[\u4e00-\u9fff]", translate(message))


# The errors whose message a person reads (pages and the API translate them).
_USER_FACING = {"InputError", "UnknownOfficeError", "ConflictError", "NotFoundError", "QueryError"}


def _raised_literals(package: str) -> list[tuple[str, str]]:
    """(place, message) of every ``raise E("literal")`` of a user-facing error in ``package``."""
    found = []
    for path in sorted((REPO / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Raise) or not isinstance(node.exc, ast.Call):
                continue
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            args = node.exc.args
            # ApiError(status, message): the message is its second argument.
            message = args[1] if name == "ApiError" and len(args) > 1 else args[0] if args else None
            literal = isinstance(message, ast.Constant) and isinstance(message.value, str)
            if name in _USER_FACING | {"ApiError"} and literal:
                assert isinstance(message, ast.Constant)
                found.append((f"{path.relative_to(REPO)}:{node.lineno}", message.value))
    return found


def test_every_literal_message_a_person_reads_is_catalogued() -> None:
    raised = [m for package in ("registry", "batch") for m in _raised_literals(package)]
    assert len(raised) > 5
    assert [(place, message) for place, message in raised if not known(message)] == []
