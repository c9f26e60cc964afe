"""Page text outside the store: one PRImA PAGE 2019 file per page read (the OCR-D and
Transkribus format), with every line each engine found, the field each was read into, and the
reading order; a steward's correction is a new version of the file beside the machine's.

Coordinates are pixels of the page as read: levelled by the skew in ``Page/@orientation`` and
turned by 180° when the scan lay upside down (both noted in the metadata).
"""

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from lxml import etree

from hunyin.schema import FieldReading, Outcome, Record
from ocr.engines.base import Box, TextLine
from ocr.reading import PageReading

NS = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"
SCHEMA_FILE = "pagecontent-2019-07-15.xsd"
CREATOR = "hunyin"
PAGE_XML_DIR = "page-xml"
_P = f"{{{NS}}}"
# Share of a field's region a line must cover, or of the line the region must cover, for the
# line to count as read into the field (a value may share its line with its label).
_COVERED = 0.5
_VERSION = re.compile(r"\.v(\d+)\.xml$")
# Characters XML 1.0 cannot hold (control characters, lone surrogates): an engine's or a
# steward's text must never stop a page's file from being written.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def page_xml_name(file: str, page: int) -> str:
    """The machine's file for page ``page`` of scan ``file`` (a path relative to its folder):
    the scan's own name kept whole, so ``a.jpg`` and ``a.png`` never share a file."""
    return f"{file}.p{page}.xml"


def stored_page_file(*, var_dir: Path, inbox_dir: Path, scan: Path, page: int) -> Path | None:
    """Where the batch graph keeps the file of a stored page: under ``var/page-xml`` at the
    scan's own place in the inbox; ``None`` for a scan that does not live in the inbox."""
    try:
        rel = scan.resolve().relative_to(inbox_dir.resolve())
    except ValueError:
        return None
    return var_dir / PAGE_XML_DIR / page_xml_name(rel.as_posix(), page)


def _el(parent: etree._Element, tag: str, **attrs: str | None) -> etree._Element:
    return etree.SubElement(
        parent, _P + tag, {k: _xml_text(v) for k, v in attrs.items() if v is not None}
    )


def _points(box: Box) -> str:
    x0, y0, x1, y1 = (max(0, v) for v in box)
    return f"{x0},{y0} {x1},{y0} {x1},{y1} {x0},{y1}"


def _overlap(a: Box, b: Box) -> int:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(width, 0) * max(height, 0)


def _area(box: Box) -> int:
    return max(box[2] - box[0], 0) * max(box[3] - box[1], 0)


def _field_of(line: TextLine, readings: Sequence[FieldReading]) -> FieldReading | None:
    """The field whose value region this line covers (or lies within), the largest overlap."""
    best, best_share = None, 0.0
    for reading in readings:
        if reading.region is None:
            continue
        region = (reading.region.x0, reading.region.y0, reading.region.x1, reading.region.y1)
        shared = _overlap(region, line.box)
        share = max(shared / max(_area(region), 1), shared / max(_area(line.box), 1))
        if share >= _COVERED and share > best_share:
            best, best_share = reading, share
    return best


def _custom(value: str) -> str:
    """A value inside a ``custom`` attribute's ``key {name:value;}`` syntax."""
    return re.sub(r"[;{}:]", " ", value).strip()


def _conf(score: float) -> str:
    return f"{min(max(score, 0.0), 1.0):.4f}"


def _user_attributes(parent: etree._Element, values: Mapping[str, str]) -> None:
    defined = _el(parent, "UserDefined")
    for name, value in values.items():
        _el(defined, "UserAttribute", name=name, type="xsd:string", value=value)


def _metadata(root: etree._Element, *, comments: str, steps: Sequence[tuple[str, str]]) -> None:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    meta = _el(root, "Metadata")
    _el(meta, "Creator").text = CREATOR
    _el(meta, "Created").text = now
    _el(meta, "LastChange").text = now
    _el(meta, "Comments").text = _xml_text(comments)
    for name, value in steps:
        _el(meta, "MetadataItem", type="processingStep", name=name, value=value, date=now)


def _ordered(lines: Sequence[TextLine]) -> list[TextLine]:
    """Lines top to bottom, left to right within a row (half a line height counts as a row)."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda ln: ln.cy):
        if rows and abs(rows[-1][0].cy - line.cy) <= max(rows[-1][0].height, 1) / 2:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda ln: ln.cx)]


def build_page(
    reading: PageReading | None,
    item: Record | Outcome,
    *,
    image_filename: str,
) -> bytes:
    """The PAGE document of one page: an empty page when it could not be read."""
    root = etree.Element(_P + "PcGts", nsmap={None: NS})
    outcome = item.status if isinstance(item, Outcome) else f"record ({item.status})"
    notes = [f"page {item.source.page or 1} of {item.source.file}: {outcome}"]
    if isinstance(item, Outcome):
        notes.append(item.reason)
    if reading is not None and reading.upside_down:
        notes.append("the scan lay upside down: coordinates are of the page turned by 180°")
    steps = [("ocr", f"{r.engine} {r.version}") for r in (reading.readings if reading else ())]
    _metadata(root, comments="; ".join(notes), steps=steps)
    page = _el(
        root,
        "Page",
        imageFilename=image_filename,
        imageWidth=str(reading.width if reading else 0),
        imageHeight=str(reading.height if reading else 0),
        orientation=f"{reading.skew:.3f}" if reading and reading.skew else None,
    )
    if reading is None or not reading.readings:
        return _serialise(root)
    fields = item.readings if isinstance(item, Record) else []
    order = _el(_el(page, "ReadingOrder"), "OrderedGroup", id="ro")
    for index, engine in enumerate(reading.readings):
        region_id = f"r{index}_{re.sub(r'[^A-Za-z0-9]', '_', engine.engine)}"
        _el(order, "RegionRefIndexed", index=str(index), regionRef=region_id)
        lines = _ordered(engine.lines)
        region = _el(
            page,
            "TextRegion",
            id=region_id,
            type="paragraph",
            custom=f"engine {{name:{_custom(engine.engine)};version:{_custom(engine.version)};}}",
        )
        _el(region, "Coords", points=_points(_bounds(lines, reading)))
        for number, line in enumerate(lines):
            _line(region, line, region_id=region_id, number=number, fields=fields)
    return _serialise(root)


def _bounds(lines: Sequence[TextLine], reading: PageReading) -> Box:
    if not lines:
        return 0, 0, max(reading.width - 1, 0), max(reading.height - 1, 0)
    return (
        min(ln.box[0] for ln in lines),
        min(ln.box[1] for ln in lines),
        max(ln.box[2] for ln in lines),
        max(ln.box[3] for ln in lines),
    )


def _line(
    region: etree._Element,
    line: TextLine,
    *,
    region_id: str,
    number: int,
    fields: Sequence[FieldReading],
) -> None:
    field = _field_of(line, fields)
    custom = f"readingOrder {{index:{number};}}"
    if field is not None:
        custom += f" field {{name:{field.field};}}"
    element = _el(region, "TextLine", id=f"{region_id}_l{number}", index=str(number), custom=custom)
    _el(element, "Coords", points=_points(line.box))
    equiv = _el(element, "TextEquiv", index="1", conf=_conf(line.score))
    _el(equiv, "Unicode").text = _xml_text(line.text)
    if field is not None:
        _user_attributes(
            element,
            {
                "field": field.field,
                "value": field.value or "",
                "field_confidence": _conf(field.confidence),
                "read_by": field.engine,
            },
        )


def _serialise(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def write_page(path: Path, document: bytes) -> Path:
    """Write the machine's file (written again when the page is read again)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(document)
    return path


def versions(path: Path) -> list[Path]:
    """The machine's file and every corrected version after it, oldest first."""
    stem = path.name.removesuffix(".xml")
    later = [p for p in path.parent.glob(f"{stem}.v*.xml") if _VERSION.search(p.name)]
    found = [path] if path.is_file() else []
    return found + sorted(later, key=lambda p: int(_VERSION.search(p.name).group(1)))  # type: ignore[union-attr]


def write_correction(path: Path, *, changes: Mapping[str, str | None], by: str) -> Path | None:
    """A new version of the page's file with the steward's values before the machine's: each
    line read into a changed field gets the steward's text as its first ``TextEquiv`` (the
    machine's kept after it); a field no line was read into gets a line of its own. Returns the
    new file, or ``None`` when the page has no file (a ledger row, a page never written)."""
    known = versions(path)
    if not known or not changes:
        return None
    root = etree.fromstring(known[-1].read_bytes(), etree.XMLParser(remove_blank_text=True))
    page = root.find(_P + "Page")
    meta = root.find(_P + "Metadata")
    if page is None or meta is None:
        return None
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    last = meta.find(_P + "LastChange")
    if last is not None:
        last.text = now
    _el(meta, "MetadataItem", type="processingStep", name="correction", value=by, date=now)
    for field, value in changes.items():
        _correct_field(page, field=field, value=value or "", by=by)
    target = path.with_name(f"{path.name.removesuffix('.xml')}.v{len(known) + 1}.xml")
    target.write_bytes(_serialise(root))
    return target


def _correct_field(page: etree._Element, *, field: str, value: str, by: str) -> None:
    marker = f"field {{name:{field};}}"
    lines = [ln for ln in page.iter(_P + "TextLine") if marker in (ln.get("custom") or "")]
    if not lines:
        lines = [_steward_line(page, field)]
    for line in lines:
        equivs = line.findall(_P + "TextEquiv")
        for equiv in equivs:
            equiv.set("index", str(int(equiv.get("index") or "1") + 1))
        equiv = etree.Element(_P + "TextEquiv", {"index": "1", "conf": "1.0000"})
        equiv.set("comments", _xml_text(f"corrected by {by}"))
        _el(equiv, "Unicode").text = _xml_text(value)
        for attribute in line.iter(_P + "UserAttribute"):
            if attribute.get("name") == "value":
                attribute.set("value", _xml_text(value))
            elif attribute.get("name") == "read_by":
                attribute.set("value", "steward")
        anchor = equivs[0] if equivs else line.find(_P + "Coords")
        if anchor is not None and equivs:
            anchor.addprevious(equiv)
        elif anchor is not None:
            anchor.addnext(equiv)


def _steward_line(page: etree._Element, field: str) -> etree._Element:
    """A line for a value no engine's line held: it has no place on the page, so its
    polygon is the page's corner."""
    region = page.find(f"{_P}TextRegion[@id='r_steward']")
    if region is None:
        region = etree.Element(_P + "TextRegion", {"id": "r_steward", "type": "other"})
        _el(region, "Coords", points="0,0 1,0 1,1 0,1")
        after = [e for e in page if e.tag in (_P + "ReadingOrder", _P + "TextRegion")]
        if after:
            after[-1].addnext(region)
        else:
            page.insert(0, region)
    number = len(region.findall(_P + "TextLine"))
    line = _el(
        region,
        "TextLine",
        id=f"r_steward_l{number}",
        index=str(number),
        custom=f"field {{name:{field};}}",
    )
    _el(line, "Coords", points="0,0 1,0 1,1 0,1")
    return line


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    """The PAGE 2019 schema shipped with the project (nothing is fetched)."""
    text = files("ocr.data").joinpath(SCHEMA_FILE).read_bytes()
    return etree.XMLSchema(etree.fromstring(text))


def schema_errors(document: bytes) -> list[str]:
    """Why a document is not valid PAGE 2019; empty when it is."""
    checker = schema()
    if checker.validate(etree.fromstring(document)):
        return []
    return [str(error) for error in checker.error_log]
