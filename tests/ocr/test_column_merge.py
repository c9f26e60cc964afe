"""Repairs for handwritten fills: a line the detector merged across both party columns, a
closed-list value read unsurely that is no seal debris, and a birth date nobody can read beside
a valid ID number (no OCR engine runs here)."""

from hunyin.schema import Record, Source
from ocr.engines.base import TextLine
from ocr.extraction import extract_page
from ocr.layout import analyse
from tests.ocr.pages import MODERN, reading, stepped_line, table_lines, table_rules

SOURCE = Source(file="532301/2018/00003.png", page=1)


def _hukou_rows(lines: list[TextLine]) -> tuple[list[TextLine], list[TextLine]]:
    """The lines without the first hukou line of each party, and those two lines."""
    male, female = MODERN["male"]["hukou"][:10], MODERN["female"]["hukou"][:10]
    firsts = [ln for ln in lines if ln.text in (male, female)]
    return [ln for ln in lines if ln not in firsts], firsts


def test_a_line_merged_across_the_party_columns_is_cut_where_the_second_hukou_opens() -> None:
    rest, firsts = _hukou_rows(table_lines(MODERN))
    male_first = MODERN["male"]["hukou"][:13]  # the man's line runs on to his county
    merged = stepped_line(male_first + MODERN["female"]["hukou"][:10])
    x0, y0 = firsts[0].box[0], firsts[0].box[1]
    merged = TextLine(
        merged.text,
        merged.score,
        (x0, y0, x0 + 30 * len(merged.text), y0 + 40),
        merged.char_scores,
        merged.steps,
        merged.cols,
        merged.glyphs,
    )
    rest = [
        ln if ln.text != MODERN["male"]["hukou"][10:] else _moved(ln, MODERN["male"]["hukou"][13:])
        for ln in rest
    ]
    layout = analyse(reading([*rest, merged], rules=table_rules()))
    male = "".join(ln.text for ln in layout.cells["male.hukou"])
    female = "".join(ln.text for ln in layout.cells["female.hukou"])
    assert male == MODERN["male"]["hukou"]
    assert female == MODERN["female"]["hukou"]


def _moved(line: TextLine, text: str) -> TextLine:
    return TextLine(text, line.score, line.box)


def test_an_unsure_ethnicity_beside_its_label_is_read_not_dropped_as_debris() -> None:
    lines = table_lines(MODERN)
    index = next(i for i, ln in enumerate(lines) if ln.text == "汉族" and ln.box[0] == 400)
    old = lines[index]
    # 汉 written so that the recogniser hesitates: 汶 first, 汉 close behind.
    unsure = stepped_line("汶族", doubt={0: {"汶": 0.5, "汉": 0.45}})
    lines[index] = TextLine(
        "汶族", 0.7, old.box, (0.5, 0.97), unsure.steps, unsure.cols, unsure.glyphs
    )
    record = extract_page(reading(lines, rules=table_rules()), source=SOURCE)
    assert isinstance(record, Record)
    assert record.male.ethnicity == "汉族"
    assert record.status == "needs_review"


def test_an_unreadable_birth_date_is_filled_in_from_the_id_number_for_review() -> None:
    lines = table_lines(MODERN)
    index = next(i for i, ln in enumerate(lines) if ln.text == "1991-11-15")
    old = lines[index]
    lines[index] = TextLine("19g1-1l-!5号", 0.9, old.box)
    record = extract_page(reading(lines, rules=table_rules()), source=SOURCE)
    assert isinstance(record, Record)
    assert str(record.male.birth_date) == "1991-11-15"
    assert record.status == "needs_review"
    rules = {i.rule for i in record.issues if i.field == "male.birth_date"}
    assert {"date-from-id", "format"} <= rules


def test_an_unsure_name_on_its_row_goes_to_review_as_read_not_dropped_as_debris() -> None:
    lines = table_lines(MODERN)
    index = next(i for i, ln in enumerate(lines) if ln.text == MODERN["female"]["name"])
    old = lines[index]
    # Written so that the recogniser is sure of one character only: a mean below the bar
    # under which a short line elsewhere is a speck of the seal.
    scores = (0.99, 0.56, 0.6)[: len(old.text)]
    lines[index] = TextLine(old.text, min(scores), old.box, scores)
    record = extract_page(reading(lines, rules=table_rules()), source=SOURCE)
    assert isinstance(record, Record)
    assert record.female.name == MODERN["female"]["name"]
    assert record.status == "needs_review"
    # The same line on the office's row, where the seal is stamped, is still a speck.
    office = next(ln for ln in lines if ln.text == MODERN["office_name"])
    speck = TextLine(
        "公专",
        0.55,
        (office.box[2] + 200, office.box[1], office.box[2] + 260, office.box[3]),
        (0.5, 0.6),
    )
    record = extract_page(
        reading([*table_lines(MODERN), speck], rules=table_rules()), source=SOURCE
    )
    assert isinstance(record, Record)
    assert record.office_name == MODERN["office_name"]
    assert not any(i.rule == "extra-text" for i in record.issues)
