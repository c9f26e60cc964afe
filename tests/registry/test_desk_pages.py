"""The desk pages without a browser: Chinese errors on the field at fault, the ID-card reader,
printing, the auditor's filters, paging and export, the archivist's hand-in and progress."""

import csv
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from hunyin.domain.idnumber import mask
from hunyin.inbox import discover
from hunyin.settings import get_settings
from registry.idcard import read_card_line
from tests.registry.conftest import at_window
from tests.registry.people import bride, case, groom, id_number, party
from tests.registry.review.queued import MISREAD, queue_misread
from tests.registry.test_pages import signed_in
from warehouse.db import transaction
from warehouse.documents import register_document
from warehouse.models import AuditEntry

Headers = dict[str, str]


def _form(he: dict[str, str], she: dict[str, str], **extra: str) -> dict[str, str]:
    form = {"kind": "marriage", "office_code": "532301", "date": "2023-06-01", **extra}
    for prefix, person in (("m", he), ("f", she)):
        form |= {f"{prefix}_{k}": person[k] for k in ("name", "birth_date", "id_number")}
        form[f"{prefix}_hukou_code"] = person["hukou_code"]
    return form


def test_a_bad_id_number_is_named_in_chinese_on_its_field(
    client: TestClient, registrar: Headers
) -> None:
    signed_in(client, registrar)
    wrong = groom()["id_number"][:-1] + ("0" if groom()["id_number"][-1] != "0" else "1")
    response = client.post("/pages/eligibility", data=_form(groom(id_number=wrong), bride()))
    assert response.status_code == 422
    assert "男方·身份证件号" in response.text and "不是有效的居民身份证号码" in response.text
    assert "parties.0" not in response.text and "Value error" not in response.text
    assert 'id="m_id_number" size="20" class="invalid"' in response.text


def test_a_birth_date_that_disagrees_with_the_number_points_at_the_birth_date(
    client: TestClient, registrar: Headers
) -> None:
    signed_in(client, registrar)
    response = client.post(
        "/pages/eligibility", data=_form(groom(birth_date="1995-03-05"), bride())
    )
    assert response.status_code == 422
    assert "出生日期与身份证号不符" in response.text
    assert 'id="m_birth_date" type="date" class="invalid"' in response.text


def test_the_card_reader_line_fills_the_party(client: TestClient, registrar: Headers) -> None:
    signed_in(client, registrar)
    number = bride()["id_number"]
    line = f"李娜\t女\t彝族\t19970809\t云南省楚雄彝族自治州南华县龙川镇1号\t{number}"
    response = client.post("/pages/card", data={"card_party": "f", "f_card": line})
    assert response.status_code == 200
    assert f'value="{number}"' in response.text and 'value="1997-08-09"' in response.text
    assert 'value="李娜"' in response.text and 'value="532324"' in response.text
    wrong_side = client.post("/pages/card", data={"card_party": "m", "m_card": line})
    assert wrong_side.status_code == 422 and "此证件持有人为女性" in wrong_side.text


@given(st.text(max_size=300))
def test_any_reader_line_is_read_without_raising(line: str) -> None:
    reading = read_card_line(line)
    assert reading.id_number is not None or "没有读到身份证号" in reading.problems


@given(
    st.dates(min_value=date(1930, 1, 1), max_value=date(2005, 12, 31)),
    st.sampled_from(["男", "女"]),
    st.permutations(range(6)),
    st.sampled_from(["\t", "|", ","]),
)
def test_a_card_line_in_any_order_gives_the_number_s_birth_date_and_sex(
    born: date, sex: str, order: list[int], separator: str
) -> None:
    number = id_number(born, sex=sex)
    pieces = [
        "王小明",
        "女" if sex == "男" else "男",
        "汉族",
        f"{born:%Y%m%d}",
        "楚雄市鹿城镇",
        number,
    ]
    reading = read_card_line(separator.join(pieces[i] for i in order))
    assert (reading.id_number, reading.birth_date, reading.sex) == (number, born, sex)
    assert reading.name == "王小明" and reading.ethnicity == "汉族"
    assert "读卡器给出的性别与身份证号不符，已按身份证号填写" in reading.problems


def test_prints_of_a_marriage_and_of_a_divorce_application(
    client: TestClient, registrar: Headers, make_user: Callable[..., Headers]
) -> None:
    married = client.post("/api/v1/registrations", json=case(), headers=registrar)
    record_id = married.json()["record_id"]
    signed_in(client, registrar)
    table = client.get(f"/pages/print/record/{record_id}/table")
    assert table.status_code == 200 and "结婚登记审查处理表" in table.text
    assert groom()["id_number"] in table.text and "@media print" in table.text
    receipt = client.get(f"/pages/print/record/{record_id}/receipt")
    assert "结婚登记回执" in receipt.text and groom()["id_number"] not in receipt.text
    assert mask(groom()["id_number"]) in receipt.text
    other = TestClient(client.app)
    signed_in(other, make_user("nanhua", office="532324"))
    assert other.get(f"/pages/print/record/{record_id}/table").status_code == 403

    at_window(client.app, "2024-03-01")  # type: ignore[arg-type]
    applied = client.post(
        "/pages/register/confirm", data=_form(groom(), bride(), kind="divorce", date="2024-03-01")
    )
    assert 'id="print-application"' in applied.text, applied.text
    application = applied.text.split('id="application-id">')[1].split("<")[0]
    receipt = client.get(f"/pages/print/divorce/{application}")
    assert "离婚登记申请受理回执" in receipt.text
    # the receipt carries the dates the desk told the couple
    ends = applied.text.split("冷静期至 ")[1].split("；")[0].strip()
    assert f'id="cooling-off-ends">{ends}<' in receipt.text and ends > "2024-03-30"


def test_status_is_posted_names_the_person_and_links_to_the_form(
    client: TestClient, registrar: Headers
) -> None:
    client.post("/api/v1/registrations", json=case(), headers=registrar)
    signed_in(client, registrar)
    page = client.post("/pages/status", data={"id_number": bride()["id_number"]})
    assert 'id="person-name">李娜' in page.text and "532301 楚雄市民政局" in page.text
    assert (
        'name="f_name" value="李娜"' in page.text
        and 'action="/pages/register/prefill"' in page.text
    )
    assert bride()["id_number"] not in page.text
    assert client.get("/pages/status", params={"id_number": "x"}).text.count("李娜") == 0
    form = client.post("/pages/register/prefill", data={"f_name": "李娜", "f_id_number": "1"})
    assert 'value="李娜"' in form.text


def test_auditor_filters_pages_exports_and_finds_a_whole_number(
    client: TestClient, registrar: Headers, make_user: Callable[..., Headers]
) -> None:
    # two people whose masked numbers look alike: same county, same birth year
    she = party("王芳", "女", date(1997, 1, 2), seq=7)
    for person in (bride(), she, bride()):
        client.get("/api/v1/status", params={"id_number": person["id_number"]}, headers=registrar)
    for _ in range(60):
        client.get(
            "/api/v1/status", params={"name": "赵六", "birth_date": "1990-01-01"}, headers=registrar
        )
    auditor = signed_in(TestClient(client.app), make_user("auditor", role="auditor"))

    found = auditor.post("/pages/audit", data={"id_number": bride()["id_number"]})
    assert bride()["id_number"] not in str(found.url)
    assert "共 2 条" in found.text
    assert mask(bride()["id_number"])[:10] == mask(she["id_number"])[:10]

    first = auditor.get("/pages/audit", params={"action": "status_query"})
    assert "共 63 条，第 1 / 2 页" in first.text and 'id="page-next"' in first.text
    assert "状况查询" in first.text and "北京时间" in first.text
    second = auditor.get("/pages/audit", params={"action": "status_query", "page": "2"})
    assert second.text.count('data-action="status_query"') == 13

    bad = auditor.get("/pages/audit", params={"since": "2024-13-01"})
    assert bad.status_code == 422 and "日期格式应为 年-月-日" in bad.text
    assert auditor.get("/pages/audit", params={"action": "nonsense"}).status_code == 422
    assert auditor.get("/pages/audit.csv", params={"until": "x"}).status_code == 422

    export = auditor.get("/pages/audit.csv", params={"action": "status_query"})
    assert export.status_code == 200 and export.text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(export.text.lstrip("\ufeff"))))
    assert rows[0][0] == "时间（北京时间）" and len(rows) == 64
    assert rows[1][3] == "状况查询" and "查询结果" in rows[1][6]
    assert not any(bride()["id_number"] in cell for row in rows for cell in row)


@pytest.fixture
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HUNYIN_INBOX_DIR", str(tmp_path / "inbox"))
    monkeypatch.setenv("HUNYIN_ARCHIVE_SHARE_DIR", str(tmp_path / "share"))
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    get_settings.cache_clear()
    yield tmp_path / "inbox"
    get_settings.cache_clear()


def test_archivist_hands_in_a_batch_and_follows_it(
    client: TestClient, make_user: Callable[..., Headers], inbox: Path, app: object
) -> None:
    archivist = signed_in(client, make_user("archivist", role="archivist"))
    files = [
        ("files", ("00001.png", b"\x89PNG not really", "image/png")),
        ("files", ("notes.txt", b"", "text/plain")),
    ]
    response = archivist.post(
        "/pages/archive", data={"office_code": "532301", "batch": "2018-box3"}, files=files
    )
    assert response.status_code == 200 and str(response.url).endswith(
        "/pages/archive/532301-2018-box3"
    )
    assert sorted(p.name for p in (inbox / "532301" / "2018-box3").iterdir()) == [
        "00001.png",
        "notes.txt",
    ]
    assert 'data-state="queued"' in response.text and "排队中" in response.text
    assert response.text.count("等待处理") == 2
    # what the inbox sensor will find: the batch, and nothing of how it was put together
    assert [b.key for b in discover(inbox)] == ["532301-2018-box3"]

    # what the graph writes for a file refused at intake
    with transaction(client.app.state.db_url) as session:  # type: ignore[attr-defined]
        register_document(
            session,
            sha256="e" * 64,
            path=str(inbox / "532301" / "2018-box3" / "notes.txt"),
            kind="scan",
            batch="532301-2018-box3",
            size_bytes=0,
            outcome="quarantined",
            reason="empty file",
        )
    page = archivist.get("/pages/archive/532301-2018-box3")
    assert "已拒收" in page.text and "空文件" in page.text and page.text.count("等待处理") == 1

    again = archivist.post(
        "/pages/archive", data={"office_code": "532301", "batch": "2018-box3"}, files=files
    )
    assert again.status_code == 422 and "已经交过" in again.text
    other = archivist.post(
        "/pages/archive", data={"office_code": "532324", "batch": "x"}, files=files
    )
    assert other.status_code == 422 and not (inbox / "532324").exists()
    listing = archivist.get("/pages/archive")
    assert "2018-box3" in listing.text and "排队中" in listing.text


def test_archivist_hands_in_a_folder_from_the_share_but_nothing_outside_it(
    client: TestClient, make_user: Callable[..., Headers], inbox: Path
) -> None:
    share = inbox.parent / "share"
    (share / "楚雄市" / "box4").mkdir(parents=True)
    (share / "楚雄市" / "box4" / "a.pdf").write_bytes(b"%PDF-1.4")
    archivist = signed_in(client, make_user("archivist", role="archivist"))
    done = archivist.post(
        "/pages/archive",
        data={"office_code": "532301", "batch": "box4", "share_folder": "楚雄市/box4"},
    )
    assert done.status_code == 200 and (inbox / "532301" / "box4" / "a.pdf").is_file()
    outside = archivist.post(
        "/pages/archive",
        data={"office_code": "532301", "batch": "box5", "share_folder": "../inbox"},
    )
    assert outside.status_code == 422 and "不在档案共享目录中" in outside.text


def test_an_approval_refused_marks_the_fields_at_fault(
    app: object, client: TestClient, make_user: Callable[..., Headers], samples_dir: Path
) -> None:
    record_id = queue_misread(client.app.state.db_url, samples_dir)  # type: ignore[attr-defined]
    signed_in(client, make_user("steward", role="steward"))
    refused = client.post(f"/pages/review/{record_id}/approve")
    assert refused.status_code == 422 and "仍有错误未更正" in refused.text
    assert 'class="doubtful invalid" data-field="male.id_number"' in refused.text
    page = client.get(f"/pages/review/{record_id}")
    assert MISREAD not in page.text and mask(MISREAD) in page.text
    whole = client.post(f"/pages/review/{record_id}/id/male")
    assert whole.text == MISREAD and whole.headers["cache-control"] == "no-store"
    with transaction(client.app.state.db_url) as session:  # type: ignore[attr-defined]
        seen = session.scalars(select(AuditEntry).where(AuditEntry.action == "id_view")).all()
    assert [(e.user_name, e.subject) for e in seen] == [("steward", f"record {record_id}")]
    other = TestClient(client.app)
    signed_in(other, make_user("steward-nanhua", office="532324", role="steward"))
    assert other.post(f"/pages/review/{record_id}/id/male").status_code == 403
