"""Each record rule with a table of cases, including the era boundaries and office renames."""

from datetime import date, timedelta
from typing import Any

import pytest

from hunyin.domain.idnumber import check_character
from hunyin.schema import Record
from tests.validation.test_frame import assert_agree
from validation.rules import check_record


def id18(prefix: str, birth: str, seq: str) -> str:
    first17 = prefix + birth.replace("-", "") + seq
    return first17 + check_character(first17)


MODERN: dict[str, Any] = {
    "source": {"file": "case.jpg", "page": 1},
    "record_type": "marriage",
    "registration_date": "2015-06-01",
    "office_code": "532301",
    "office_name": "楚雄市民政局",
    "certificate_no": "J532301-2015-000141",
    "registrar": "起志红",
    "male": {
        "name": "程辉忠",
        "sex": "男",
        "birth_date": "1980-03-08",
        "id_number": id18("532301", "1980-03-08", "201"),
        "ethnicity": "彝族",
        "prior_status": "未婚",
    },
    "female": {
        "name": "唐芬",
        "sex": "女",
        "birth_date": "1982-11-25",
        "id_number": id18("532324", "1982-11-25", "060"),
        "ethnicity": "汉族",
        "prior_status": "未婚",
    },
}


def build(base: dict[str, Any] | None = None, **changes: Any) -> Record:
    """``base`` with dotted changes, e.g. ``{"male.sex": "女"}`` as ``male__sex="女"``."""
    data = {k: dict(v) if isinstance(v, dict) else v for k, v in (base or MODERN).items()}
    for key, value in changes.items():
        if "__" in key:
            role, field = key.split("__")
            data[role][field] = value
        else:
            data[key] = value
    return Record.model_validate(data)


def old(day: str, number: str, **changes: Any) -> Record:
    """A record without ID numbers, of the given date and certificate number."""
    values = {
        "registration_date": day,
        "certificate_no": number,
        "male__id_number": None,
        "female__id_number": None,
        "male__birth_date": f"{int(day[:4]) - 30}-01-01",
        "female__birth_date": f"{int(day[:4]) - 28}-01-01",
    }
    return build(**(values | changes))


def fired(record: Record) -> set[tuple[str, str | None]]:
    return {(i.rule, i.field) for i in check_record(record)}


TOMORROW = (date.today() + timedelta(days=1)).isoformat()

# (case id, record, the exact set of (rule, field) expected)
CASES: list[tuple[str, Record, set[tuple[str, str | None]]]] = [
    ("clean modern record", build(), set()),
    ("required office code", build(office_code=None), {("required", "office_code")}),
    ("required party name", build(male__name=None), {("party-required", "male.name")}),
    (
        "first day of the law",
        old(
            "1950-05-01",
            "(50)楚民结字第0001号",
            office_code="532321",
            office_name="楚雄县民政局",
            male__birth_date="1920-01-01",
            female__birth_date="1920-01-01",
        ),
        set(),
    ),
    (
        "before the law",
        old(
            "1950-04-30",
            "(50)楚民结字第0001号",
            office_code="532321",
            office_name="楚雄县民政局",
            male__birth_date="1920-01-01",
            female__birth_date="1920-01-01",
        ),
        {("date-too-early", "registration_date")},
    ),
    (
        "in the future",
        build(registration_date=TOMORROW, certificate_no=None),
        {("date-future", "registration_date"), ("required", "certificate_no")},
    ),
    (
        "born after registration",
        build(male__birth_date="2016-01-01", male__id_number=None),
        {("birth-plausible", "male.birth_date")},
    ),
    (
        "too old to be real",
        build(female__birth_date="1900-01-01", female__id_number=None),
        {("birth-plausible", "female.birth_date")},
    ),
    (
        "sex vs role",
        build(female__sex="男"),
        {("sex-value", "female.sex"), ("id-sex", "female.sex")},
    ),
    # 1950 law: 20/18 up to 1980-12-31; 1980 law: 22/20 from 1981-01-01
    (
        "man of 20 on 1980-12-31",
        old(
            "1980-12-31",
            "(80)双民结字第0001号",
            office_code="532322",
            office_name="双柏县民政局",
            male__birth_date="1960-12-31",
        ),
        set(),
    ),
    (
        "man of 20 on 1981-01-01",
        old(
            "1981-01-01",
            "(81)双民结字第0001号",
            office_code="532322",
            office_name="双柏县民政局",
            male__birth_date="1960-12-31",
        ),
        {("min-age", "male.birth_date")},
    ),
    (
        "woman of 18 on 1980-12-31",
        old(
            "1980-12-31",
            "(80)双民结字第0001号",
            office_code="532322",
            office_name="双柏县民政局",
            female__birth_date="1962-12-31",
        ),
        set(),
    ),
    (
        "woman of 19 on 1981-01-01",
        old(
            "1981-01-01",
            "(81)双民结字第0001号",
            office_code="532322",
            office_name="双柏县民政局",
            female__birth_date="1961-06-30",
        ),
        {("min-age", "female.birth_date")},
    ),
    (
        "woman of 17 in 1960",
        old(
            "1960-03-01",
            "(60)楚民结字第0001号",
            office_code="532321",
            office_name="楚雄县民政局",
            female__birth_date="1942-03-02",
        ),
        {("min-age", "female.birth_date")},
    ),
    (
        "man turns 22 on the day, 2021",
        build(
            registration_date="2021-03-08",
            certificate_no="J532301-2021-000001",
            male__birth_date="1999-03-08",
            male__id_number=id18("532301", "1999-03-08", "201"),
        ),
        set(),
    ),
    (
        "man of 21 in 2021",
        build(
            registration_date="2021-03-07",
            certificate_no="J532301-2021-000001",
            male__birth_date="1999-03-08",
            male__id_number=id18("532301", "1999-03-08", "201"),
        ),
        {("min-age", "male.birth_date")},
    ),
    (
        "under age divorce is no anomaly",
        build(
            record_type="divorce",
            certificate_no="L532301-2015-000141",
            female__birth_date="1996-01-01",
            female__id_number=None,
        ),
        set(),
    ),
    (
        "ID number shape",
        build(male__id_number="53230119900308201"),
        {("id-shape", "male.id_number")},
    ),
    (
        "ID check character",
        build(
            male__id_number=id18("532301", "1980-03-08", "201")[:17] + "0"
            if id18("532301", "1980-03-08", "201")[17] != "0"
            else id18("532301", "1980-03-08", "201")[:17] + "1"
        ),
        {("id-check", "male.id_number")},
    ),
    (
        "ID with no real date",
        build(male__id_number=id18("532301", "1980-02-30", "201")),
        {("id-date", "male.id_number")},
    ),
    (
        "ID birth date differs",
        build(male__birth_date="1980-03-09"),
        {("id-birth-date", "male.birth_date")},
    ),
    (
        "ID parity differs",
        build(male__id_number=id18("532301", "1980-03-08", "202")),
        {("id-sex", "male.sex")},
    ),
    (
        "15-digit number in 2012",
        build(
            registration_date="2012-12-31",
            certificate_no="J532301-2012-000001",
            male__id_number="532301800308201",
        ),
        set(),
    ),
    (
        "15-digit number in 2013",
        build(
            registration_date="2013-01-01",
            certificate_no="J532301-2013-000001",
            male__id_number="532301800308201",
        ),
        {("id-15-late", "male.id_number")},
    ),
    (
        "unknown office",
        build(office_code="532399", office_name=None),
        {("office-unknown", "office_code")},
    ),
    # 楚雄县 532321 became 楚雄市 532301 on 1983-09-09
    (
        "楚雄县 on 1983-09-08",
        old("1983-09-08", "(83)楚民结字第0001号", office_code="532321", office_name="楚雄县民政局"),
        set(),
    ),
    (
        "楚雄县 on 1983-09-09",
        old("1983-09-09", "(83)楚民结字第0001号", office_code="532321", office_name="楚雄县民政局"),
        {("office-period", "office_code")},
    ),
    (
        "楚雄市 on 1983-09-08",
        old("1983-09-08", "(83)楚民结字第0001号"),
        {("office-period", "office_code")},
    ),
    # 禄丰县 532331 became 禄丰市 532302 on 2021-04-01
    (
        "禄丰县 on 2021-03-31",
        build(
            registration_date="2021-03-31",
            office_code="532331",
            office_name="禄丰县民政局",
            certificate_no="J532331-2021-000001",
        ),
        set(),
    ),
    (
        "禄丰县 on 2021-04-01",
        build(
            registration_date="2021-04-01",
            office_code="532331",
            office_name="禄丰县民政局",
            certificate_no="J532331-2021-000001",
        ),
        {("office-period", "office_code")},
    ),
    (
        "禄丰市 with the old code in its number, 2022",
        build(
            registration_date="2022-05-01",
            office_code="532302",
            office_name="禄丰市民政局",
            certificate_no="J532331-2022-000001",
        ),
        {("cert-office-renamed", "certificate_no")},
    ),
    (
        "office name of another office",
        build(office_name="双柏县民政局"),
        {("office-name", "office_name")},
    ),
    ("modern shape", build(certificate_no="J532301-2015-141"), {("cert-shape", "certificate_no")}),
    (
        "2008 number in 2009",
        build(registration_date="2009-01-01", certificate_no="云楚结字010900123"),
        {("cert-shape", "certificate_no")},
    ),
    (
        "2004 shape in 2008",
        build(registration_date="2008-12-31", certificate_no="云楚结字010800123"),
        set(),
    ),
    (
        "2004 shape, office number of another office",
        build(registration_date="2006-05-01", certificate_no="云楚结字040600123"),
        {("cert-office", "certificate_no")},
    ),
    (
        "free-form number in 2003",
        old("2003-12-31", "楚民结字123", office_code="532301"),
        {("cert-old-shape", "certificate_no")},
    ),
    ("prefix vs type", build(record_type="divorce"), {("cert-type", "certificate_no")}),
    ("reissue prefix", build(record_type="reissue", certificate_no="BJ532301-2015-000001"), set()),
    (
        "year inside differs",
        build(certificate_no="J532301-2014-000141"),
        {("cert-year", "certificate_no")},
    ),
    (
        "two-digit year differs",
        old("1987-03-18", "(86)楚民结字第0123号"),
        {("cert-year", "certificate_no")},
    ),
    (
        "office inside differs",
        build(certificate_no="J532322-2015-000141"),
        {("cert-office", "certificate_no")},
    ),
    (
        "county inside differs",
        old("1987-03-18", "(87)双民结字第0123号"),
        {("cert-office", "certificate_no")},
    ),
    (
        "ethnicity not in table",
        build(male__ethnicity="火星族"),
        {("ethnicity-code", "male.ethnicity")},
    ),
    (
        "prior status not in table",
        build(female__prior_status="单身"),
        {("prior-status-code", "female.prior_status")},
    ),
]


@pytest.mark.parametrize(("record", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_cases(record: Record, expected: set[tuple[str, str | None]]) -> None:
    assert fired(record) == expected


def test_frame_agrees_on_every_case() -> None:
    assert_agree([case[1] for case in CASES])


def test_messages_never_carry_the_number() -> None:
    record = build(male__birth_date="1980-03-09")
    number = record.male.id_number
    assert number and all(number not in i.message for i in check_record(record))
