"""Factories for records and parties used across the test suite."""

from datetime import date
from typing import Any

from hunyin.schema import Party, Record, Source


def party(role: str = "male", **overrides: Any) -> Party:
    base: dict[str, Any] = {
        "male": {
            "name": "程辉忠",
            "sex": "男",
            "birth_date": date(1991, 11, 15),
            "id_number": "532301199111152090",
            "ethnicity": "汉族",
            "hukou": "云南省楚雄彝族自治州楚雄市子午镇中村村委会",
            "occupation": "农民",
            "education": "中专",
            "prior_status": "未婚",
        },
        "female": {
            "name": "唐芬",
            "sex": "女",
            "birth_date": date(1983, 11, 25),
            "id_number": "532324198311250605",
            "ethnicity": "汉族",
            "hukou": "云南省楚雄彝族自治州南华县马街镇核桃村委会新村村99号",
            "occupation": "个体经营",
            "education": "大专",
            "prior_status": "未婚",
        },
    }[role]
    return Party(**(base | overrides))


def record(*, file: str = "532301/2018/00002.png", page: int = 1, **overrides: Any) -> Record:
    values: dict[str, Any] = {
        "status": "accepted",
        "source": Source(file=file, page=page, sha256=f"{abs(hash(file)):064x}"[:64]),
        "record_type": "marriage",
        "registration_date": date(2018, 7, 6),
        "office_code": "532301",
        "office_name": "楚雄市民政局",
        "certificate_no": "J532301-2018-000588",
        "registrar": "起志红",
        "male": party("male"),
        "female": party("female"),
    }
    return Record(**(values | overrides))
