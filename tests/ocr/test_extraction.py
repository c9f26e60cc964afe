"""Field extraction on readings from made-up pages (no OCR engine runs here)."""

import copy

from hunyin.schema import Outcome, Record, Source
from ocr.engines.base import TextLine
from ocr.extraction import extract_page
from ocr.reading import EngineReading, PageReading
from tests.ocr.pages import MODERN, line, reading, table_lines, table_rules

SOURCE = Source(file="532301/2018/00002.png", page=1)


def _extract(lines: list[TextLine], **kwargs: object) -> Record:
    result = extract_page(reading(lines, rules=table_rules(), **kwargs), source=SOURCE)  # type: ignore[arg-type]
    assert isinstance(result, Record)
    return result


def test_modern_table_is_read_and_accepted() -> None:
    record = _extract(table_lines(MODERN))
    assert record.status == "accepted", record.issues
    assert record.record_type == "marriage"
    assert record.office_code == "532301"
    assert record.male.name == "程辉忠"
    assert str(record.male.birth_date) == "1991-11-15"
    assert record.female.hukou == MODERN["female"]["hukou"]
    assert record.female.id_number == "532324198311250605"
    assert {r.field for r in record.readings} >= {"male.name", "office_code", "record_type"}


def test_wrong_check_character_sends_to_review() -> None:
    doubtful = copy.deepcopy(MODERN)
    doubtful["male"]["id_number"] = "532301199111152091"
    record = _extract(table_lines(doubtful))
    assert record.status == "needs_review"
    assert any(i.field == "male.id_number" and i.rule == "id-check" for i in record.issues)


def test_second_engine_reading_is_chosen_by_the_check_character() -> None:
    misread = copy.deepcopy(MODERN)
    misread["male"]["id_number"] = "532301199111152O90"
    lines = table_lines(misread)
    id_line = next(ln for ln in lines if ln.text == "532301199111152O90")
    second = EngineReading("tesseract", "5", (TextLine("532301199111152090", 0.8, id_line.box),))
    record = _extract(lines, extra=(second,))
    assert record.male.id_number == "532301199111152090"
    provenance = next(r for r in record.readings if r.field == "male.id_number")
    assert provenance.engine == "tesseract"


def test_no_digit_is_invented_when_no_reading_passes_the_check() -> None:
    misread = copy.deepcopy(MODERN)
    misread["male"]["id_number"] = "532301199111152O90"
    lines = table_lines(misread)
    id_line = next(ln for ln in lines if ln.text == "532301199111152O90")
    second = EngineReading("tesseract", "5", (TextLine("532301199111152080", 0.8, id_line.box),))
    record = _extract(lines, extra=(second,))
    assert record.status == "needs_review"
    assert record.male.id_number != "532301199111152090"


def test_birth_date_must_match_the_id_number() -> None:
    wrong = copy.deepcopy(MODERN)
    wrong["female"]["birth_date"] = "1983-11-26"
    record = _extract(table_lines(wrong))
    assert record.status == "needs_review"
    assert {i.rule for i in record.issues} >= {"id-birth-date"}


def test_certificate_year_must_match_the_registration_date() -> None:
    wrong = copy.deepcopy(MODERN)
    wrong["certificate_no"] = "J532301-2017-000588"
    record = _extract(table_lines(wrong))
    assert any(i.rule == "number-year" for i in record.issues)


def test_office_in_number_must_match_the_office_name() -> None:
    wrong = copy.deepcopy(MODERN)
    wrong["certificate_no"] = "J532322-2018-000588"
    record = _extract(table_lines(wrong))
    assert record.status == "needs_review"
    assert any(i.rule == "office-number" for i in record.issues)


def test_low_reading_scores_are_never_accepted() -> None:
    record = _extract(table_lines(MODERN, score=0.7))
    assert record.status == "needs_review"
    assert record.confidence["male.name"] < 0.95


def test_seal_lettering_beside_a_value_makes_it_doubtful() -> None:
    lines = table_lines(MODERN)
    registrar = next(ln for ln in lines if ln.text == "起志红")
    lines.append(line("县民", registrar.box[2] + 300, registrar.box[1]))
    record = _extract(lines)
    assert record.registrar == "起志红"
    assert record.status == "needs_review"


def test_application_form_with_chinese_numeral_dates() -> None:
    lines = [line("结婚登记申请书", 400, 50), line("男方:", 80, 150)]
    lines += [line("姓名", 100, 220), line("苏成", 250, 215), line("性别男", 600, 220)]
    lines += [line("民族", 900, 220), line("彝族", 1030, 215)]
    lines += [line("出生日期", 100, 300), line("一九四三年五月十四日", 250, 295)]
    lines += [line("女方:", 80, 500), line("姓名", 100, 570), line("马艳春", 250, 565)]
    lines += [line("出生日期", 100, 650), line("一九四七年十二月二十六日", 250, 645)]
    lines += [line("户口所在地", 100, 730), line("云南省楚雄彝族自治州双柏县", 280, 725)]
    lines += [line("大庄镇板桥村委会", 280, 775)]
    lines += [line("登记日期", 100, 1000), line("一九七七年七月十六日", 250, 995)]
    lines += [line("结婚证字号", 100, 1080), line("(77)双民结字第2007号", 280, 1075)]
    result = extract_page(reading(lines), source=SOURCE)
    assert isinstance(result, Record)
    assert result.male.name == "苏成"
    assert result.male.sex == "男"
    assert result.male.ethnicity == "彝族"
    assert str(result.male.birth_date) == "1943-05-14"
    assert result.female.name == "马艳春"
    assert str(result.registration_date) == "1977-07-16"
    assert result.female.hukou == "云南省楚雄彝族自治州双柏县大庄镇板桥村委会"
    assert result.record_type == "marriage"
    assert result.status == "needs_review"  # office, registrar and more are missing


def test_blank_and_unknown_pages_hold_no_record() -> None:
    blank = PageReading(100, 100, True, 0.0, False, (), ())
    assert extract_page(blank, source=SOURCE) == Outcome(
        status="blank", source=SOURCE, reason="blank page: no text found"
    )
    letter = extract_page(reading([line("尊敬的领导", 100, 100)]), source=SOURCE)
    assert isinstance(letter, Outcome)
    assert letter.status == "quarantined"


def test_a_fifteen_digit_number_read_with_its_label_is_confirmed_by_the_second_engine() -> None:
    old = copy.deepcopy(MODERN)
    old["registration_date"], old["certificate_no"] = "1995-03-02", "(95)楚民结字第0123号"
    old["male"]["birth_date"], old["male"]["id_number"] = "1959-12-01", "532324591201211"
    lines = [ln for ln in table_lines(old) if ln.text != "532324591201211"]
    label = next(ln for ln in lines if ln.text == "身份证件号")
    # The main engine read label and number as one line; the second engine, limited to
    # digits, read the label as dashes.
    joined = line("身份证件号532324591201211", label.box[0], label.box[1])
    lines = [joined if ln is label else ln for ln in lines]
    agree = EngineReading("tesseract", "5", (TextLine("--532324591201211", 0.7, joined.box),))
    confirmed = _extract(lines, extra=(agree,))
    assert confirmed.male.id_number == "532324591201211"
    assert "id-unconfirmed" not in {i.rule for i in confirmed.issues}
    differ = EngineReading("tesseract", "5", (TextLine("--932324591201211", 0.7, joined.box),))
    assert "id-unconfirmed" in {i.rule for i in _extract(lines, extra=(differ,)).issues}
    # A second reading agrees, but the birth date the form gives apart is not the number's:
    # seven of its digits are unconfirmed, and so is the number.
    born = next(ln for ln in lines if "1959" in ln.text)
    lines = [line("1959年12月02日", born.box[0], born.box[1]) if ln is born else ln for ln in lines]
    assert "id-unconfirmed" in {i.rule for i in _extract(lines, extra=(agree,)).issues}


def test_an_abbreviated_ethnicity_is_read_as_the_table_name() -> None:
    written = copy.deepcopy(MODERN)
    written["male"]["ethnicity"] = "傈僳"
    written["female"]["ethnicity"] = "夷族"
    record = _extract(table_lines(written))
    assert (record.male.ethnicity, record.female.ethnicity) == ("傈僳族", "彝族")
    assert record.status == "accepted", record.issues
    assert {i.rule for i in record.issues} == {"ethnicity-synonym"}
