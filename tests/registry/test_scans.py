"""A record's scan is its own page, rendered from the source, never the source file.

Every source kind: a PNG, a JPEG, a multi-frame TIFF, a box PDF holding two offices' records,
and a ledger record, which has no scan.
"""

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select

from tests.factories import record
from warehouse.db import transaction
from warehouse.documents import register_document
from warehouse.keys import scan_key
from warehouse.loading import Keyed, upsert_records
from warehouse.models import AuditEntry, RecordRow

Headers = dict[str, str]


@pytest.fixture
def app(store_app: FastAPI) -> FastAPI:
    """Every test of this module on SQLite and on PostgreSQL."""
    return store_app


# Each page its own colour and size, so that the page served can be told apart.
PAGES = [((400, 300), (200, 30, 30)), ((300, 500), (30, 30, 200))]
OFFICES = {"532301": "楚雄市民政局", "532324": "南华县民政局"}


def _pages() -> list[Image.Image]:
    return [Image.new("RGB", size, colour) for size, colour in PAGES]


def _write(path: Path) -> Path:
    images = _pages()
    if path.suffix in (".pdf", ".tif"):
        images[0].save(path, save_all=True, append_images=images[1:])
    else:
        images[0].save(path)
    return path


def _load(url: str, path: Path, *, kind: str, offices: list[str]) -> list[int]:
    """Records read from ``path``, page ``i + 1`` registered by ``offices[i]``; their ids."""
    sha = f"{abs(hash(str(path))):064x}"[:64]
    with transaction(url) as session:
        doc = register_document(
            session, sha256=sha, path=str(path), kind=kind, batch="b", size_bytes=1, pages=2
        )
        items = [
            Keyed(
                key=scan_key(sha256=sha, page=page) if kind == "scan" else f"ledger:{sha}:{page}",
                record=record(
                    file=path.name,
                    page=page,
                    office_code=office,
                    office_name=OFFICES[office],
                    certificate_no=f"J{office}-2018-{page:06d}",
                ),
                source_document_id=doc,
            )
            for page, office in enumerate(offices, start=1)
        ]
        upsert_records(session, items=items, source_kind=kind, batch="b", engine="test")
        session.flush()
        rows = session.scalars(select(RecordRow).where(RecordRow.source_document_id == doc))
        return [r.id for r in sorted(rows, key=lambda r: r.page or 0)]


def _image(response: Any) -> Image.Image:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/png"
    return Image.open(io.BytesIO(response.content)).convert("RGB")


@pytest.mark.parametrize("name", ["page.png", "page.jpg", "frames.tif", "box.pdf"])
def test_only_the_records_page_is_served(
    client: TestClient, app: Any, make_user: Callable[..., Headers], tmp_path: Path, name: str
) -> None:
    source = _write(tmp_path / name)
    many = name.endswith((".tif", ".pdf"))
    offices = ["532301", "532324"] if many else ["532301"]
    ids = _load(app.state.db_url, source, kind="scan", offices=offices)
    own = make_user("reg-532301")
    first = _image(client.get(f"/api/v1/records/{ids[0]}/scan", headers=own))
    assert first.getpixel((first.width // 2, first.height // 2))[0] > 150  # page 1 is red
    if many:
        whole = source.read_bytes()
        assert whole not in client.get(f"/api/v1/records/{ids[0]}/scan", headers=own).content
        # Page 2 is another office's marriage: refused to 532301, and to 532324 it is page 2 only.
        assert client.get(f"/api/v1/records/{ids[1]}/scan", headers=own).status_code == 403
        other = make_user("reg-532324", office="532324")
        response = client.get(f"/api/v1/records/{ids[1]}/scan", headers=other)
        second = _image(response)
        assert response.headers["x-page"] == "2"
        assert second.width / second.height == pytest.approx(300 / 500, rel=0.02)
        assert second.getpixel((second.width // 2, second.height // 2))[2] > 150  # blue
        assert client.get(f"/api/v1/records/{ids[0]}/scan", headers=other).status_code == 403


def test_a_ledger_record_has_no_scan(
    client: TestClient, app: Any, make_user: Callable[..., Headers], tmp_path: Path
) -> None:
    ledger = tmp_path / "532301.csv"
    ledger.write_text("姓名,身份证号\n程辉忠,532301199111152090\n", encoding="utf-8")
    (record_id,) = _load(app.state.db_url, ledger, kind="ledger", offices=["532301"])
    steward = make_user("steward", role="steward")
    response = client.get(f"/api/v1/records/{record_id}/scan", headers=steward)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "no_scan"
    assert "台账" in response.json()["error"]["message"]
    assert "532301199111152090" not in response.text
    # The review page shows the row as data and no image, and its image address is a 404.
    page = client.get(f"/pages/review/{record_id}", headers=steward)
    assert page.status_code == 200
    assert 'id="page-image"' not in page.text
    assert client.get(f"/pages/review/{record_id}/image.png", headers=steward).status_code == 404
    assert (
        client.get(f"/api/v1/review/records/{record_id}", headers=steward).json()["scan"] is False
    )


def test_auditors_see_no_scan_and_the_refusal_is_audited(
    client: TestClient, app: Any, make_user: Callable[..., Headers], tmp_path: Path
) -> None:
    (record_id,) = _load(
        app.state.db_url, _write(tmp_path / "p.png"), kind="scan", offices=["532301"]
    )
    auditor = make_user("auditor", role="auditor")
    assert client.get(f"/api/v1/records/{record_id}/scan", headers=auditor).status_code == 403
    with transaction(app.state.db_url) as session:
        assert session.scalars(select(AuditEntry.action)).all() == ["scan_refused"]
