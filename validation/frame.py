"""The record rules vectorised with polars, for ledgers of a million rows (no per-row Python).

Each rule is one boolean expression; a row's ``issues`` are the rules whose expression is true,
with the same field, rule, severity and message that ``validation.rules.check_record`` gives.
"""

from collections.abc import Sequence

import polars as pl

from hunyin.schema import PARTY_FIELDS, RECORD_FIELDS, Record
from validation.catalog import issue, rules
from validation.frame_party import party_checks
from validation.frame_record import Check, certificate_checks, record_checks

ISSUE_TYPE = pl.Struct(
    {"field": pl.String, "rule": pl.String, "severity": pl.String, "message": pl.String}
)


def all_checks() -> list[Check]:
    """Every record, certificate and party check, in ``check_record``'s order."""
    return [
        *record_checks(),
        *certificate_checks(),
        *party_checks("male"),
        *party_checks("female"),
    ]


def _hit(check: Check) -> pl.Expr:
    rule_id, field, role, failed = check
    found = issue(rule_id, field=field, role=role)
    value = pl.struct(
        field=pl.lit(found.field, pl.String),
        rule=pl.lit(found.rule),
        severity=pl.lit(found.severity),
        message=pl.lit(found.message),
    )
    return pl.when(failed.fill_null(False)).then(value).otherwise(pl.lit(None, ISSUE_TYPE))


def check_frame(df: pl.DataFrame) -> pl.DataFrame:
    """``df`` with ``issues`` (list of {field, rule, severity, message}) and bool ``has_error``."""
    checks = all_checks()
    errors = [c[3].fill_null(False) for c in checks if rules()[c[0]].severity == "error"]
    return df.with_columns(
        issues=pl.concat_list([_hit(c) for c in checks]).list.drop_nulls(),
        has_error=pl.any_horizontal(errors),
    )


def records_frame(records: Sequence[Record]) -> pl.DataFrame:
    """Records as a frame of ``check_frame``'s input columns (``source_row`` numbers them)."""
    rows = []
    for index, record in enumerate(records):
        row: dict[str, object] = {f: getattr(record, f) for f in RECORD_FIELDS}
        for role in ("male", "female"):
            party = record.party(role)
            row |= {f"{role}_{f}": getattr(party, f) for f in PARTY_FIELDS}
        rows.append(row | {"source_row": record.source.row or index})
    schema = {f: pl.String for f in RECORD_FIELDS} | {"registration_date": pl.Date}
    for role in ("male", "female"):
        schema |= {f"{role}_{f}": pl.String for f in PARTY_FIELDS}
        schema[f"{role}_birth_date"] = pl.Date
    return pl.DataFrame(rows, schema=schema | {"source_row": pl.Int64})
