"""PAGE XML files: valid against the shipped PAGE 2019 schema, every line with its field, and
a steward's correction as a new version beside the machine's reading."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from hunyin.schema import FieldReading, Outcome, Record, Region, Source
from ocr.engines.base import TextLine
from ocr.pagexml import (
    NS,
    build_page,
    page_xml_name,
    schema_errors,
    stored_page_file,
    versions,
    write_correction,
    write_page,
)
from ocr.reading import EngineReading, PageReading

P = f"{{{NS}}}"


def _reading(lines: tuple[TextLine, ...], second: tuple[TextLine, ...] = ()) -> PageReading:
    return PageReading(
        width=1200,
        height=1600,
        blank=False,
        skew=0.7,
        upside_down=False,
        rules=(),
        readings=(
            EngineReading("rapidocr", "PP-OCRv6", lines),
            EngineReading("tesseract", "5.3", second),
        ),
    )


LINES = (
    TextLine("姓名", 0.99, (100, 100, 160, 130)),
    TextLine("张三", 0.93, (200, 100, 260, 130), (0.95, 0.93)),
    TextLine("身份证件号 532301199001011234", 0.88, (100, 200, 600, 230)),
)
RECORD = Record(
    source=Source(file="2018/00002.png", page=1, sha256="ab" * 32),
    readings=[
        FieldReading(
            field="male.name",
            value="张三",
            engine="rapidocr",
            confidence=0.93,
            region=Region(x0=200, y0=100, x1=260, y1=130),
        ),
        FieldReading(
            field="male.id_number",
            value="532301199001011234",
            engine="tesseract",
            confidence=0.9,
            region=Region(x0=300, y0=200, x1=600, y1=230),
        ),
        FieldReading(field="female.name", value=None, engine="rapidocr", confidence=0.0),
    ],
)


def _lines(document: bytes) -> list[etree._Element]:
    return list(etree.fromstring(document).iter(P + "TextLine"))


def test_every_line_of_every_engine_with_polygon_text_confidence_and_field() -> None:
    second = (TextLine("532301199001011234", 0.97, (300, 200, 600, 230)),)
    document = build_page(_reading(LINES, second), RECORD, image_filename="2018/00002.png")
    assert schema_errors(document) == []
    lines = _lines(document)
    assert [ln.findtext(f"{P}TextEquiv/{P}Unicode") for ln in lines] == [
        "姓名",
        "张三",
        "身份证件号 532301199001011234",
        "532301199001011234",
    ]
    by_text = {ln.findtext(f"{P}TextEquiv/{P}Unicode"): ln for ln in lines}
    assert "field {name:male.name;}" in by_text["张三"].get("custom")
    assert "field" not in by_text["姓名"].get("custom").replace("readingOrder", "")
    assert by_text["张三"].find(f"{P}Coords").get("points") == "200,100 260,100 260,130 200,130"
    assert by_text["张三"].find(f"{P}TextEquiv").get("conf") == "0.9300"
    assert "male.id_number" in by_text["532301199001011234"].get("custom")
    root = etree.fromstring(document)
    order = [r.get("regionRef") for r in root.iter(P + "RegionRefIndexed")]
    assert order == ["r0_rapidocr", "r1_tesseract"]
    assert root.find(f"{P}Page").get("orientation") == "0.700"


def test_a_page_that_could_not_be_read_is_an_empty_valid_page() -> None:
    outcome = Outcome(
        status="quarantined", source=Source(file="bad.tif", page=2), reason="unreadable page"
    )
    document = build_page(None, outcome, image_filename="bad.tif")
    assert schema_errors(document) == []
    assert "unreadable page" in etree.fromstring(document).findtext(f"{P}Metadata/{P}Comments")


def test_a_correction_is_a_new_version_and_the_machines_file_stays(tmp_path: Path) -> None:
    machine = write_page(
        tmp_path / page_xml_name("2018/00002.png", 1),
        build_page(_reading(LINES), RECORD, image_filename="2018/00002.png"),
    )
    before = machine.read_bytes()
    second = write_correction(machine, changes={"male.name": "张叁"}, by="steward1")
    third = write_correction(machine, changes={"female.name": "李四"}, by="steward2")
    assert machine.read_bytes() == before
    assert versions(machine) == [machine, second, third]
    assert second is not None and second.name == "00002.png.p1.v2.xml"
    for path in (second, third):
        assert path is not None and schema_errors(path.read_bytes()) == []
    corrected = {
        ln.get("custom"): [e.findtext(f"{P}Unicode") for e in ln.findall(f"{P}TextEquiv")]
        for ln in _lines(third.read_bytes())  # type: ignore[union-attr]
    }
    name_line = next(v for k, v in corrected.items() if "male.name;" in k and "fe" not in k)
    assert name_line == ["张叁", "张三"]  # the steward's value first, the machine's kept
    assert corrected["field {name:female.name;}"] == ["李四"]


def test_no_file_no_version(tmp_path: Path) -> None:
    assert write_correction(tmp_path / "none.p1.xml", changes={"male.name": "x"}, by="s") is None


def test_stored_pages_sit_at_the_scans_place_in_the_inbox(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    scan = inbox / "532301" / "box1" / "a.jpg"
    found = stored_page_file(var_dir=tmp_path / "var", inbox_dir=inbox, scan=scan, page=3)
    assert found == tmp_path / "var" / "page-xml" / "532301" / "box1" / "a.jpg.p3.xml"
    elsewhere = stored_page_file(var_dir=tmp_path, inbox_dir=inbox, scan=tmp_path / "b", page=1)
    assert elsewhere is None


_boxes = st.tuples(
    st.integers(-50, 3000), st.integers(-50, 3000), st.integers(-50, 3000), st.integers(-50, 3000)
)
_lines_strategy = st.lists(
    st.builds(TextLine, st.text(max_size=30), st.floats(-1, 2, allow_nan=False), _boxes),
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(lines=_lines_strategy, value=st.text(max_size=20), skew=st.floats(-10, 10))
def test_any_engine_output_and_any_correction_give_valid_files(
    tmp_path_factory: object, lines: list[TextLine], value: str, skew: float
) -> None:
    reading = PageReading(800, 600, False, skew, True, (), (EngineReading("e", "1", tuple(lines)),))
    document = build_page(reading, RECORD, image_filename="x\x00.png")
    assert schema_errors(document) == []
    folder = Path(str(tmp_path_factory.mktemp("p")))  # type: ignore[attr-defined]
    machine = write_page(folder / "x.p1.xml", document)
    corrected = write_correction(machine, changes={"male.name": value}, by="s\x01")
    assert corrected is not None and schema_errors(corrected.read_bytes()) == []
