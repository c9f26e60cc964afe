"""The record rules vectorised with polars, for ledgers of a million rows (no per-row Python).

Each rule is one boolean expression; a row's ``issues`` are the rules whose expression is true,
with the same field, rule, severity and message that ``validation.rules.check_record`` gives.
"""

from collections.abc import Sequence
from itertools import zip_longest

import polars as pl

from hunyin.schema import PARTY_FIELDS, RECORD_FIELDS, Record
from validation.catalog import issue, rules
from validation.frame_party import party_checks, party_helpers
from validation.frame_record import Check, certificate_checks, record_checks, record_helpers

_PREFIX = "__check"
ISSUE_TYPE = pl.Struct(
    {"field": pl.String, "rule": pl.String, "severity": pl.String, "message": pl.String}
)


def all_checks(*, ledger: bool = False) -> list[Check]:
    """Every record, certificate and party check, in ``check_record``'s order."""
    return [
        *record_checks(ledger=ledger),
        *certificate_checks(),
        *party_checks("male"),
        *party_checks("female"),
    ]


def _issue_lists(flags: pl.LazyFrame, names: list[str], checks: list[Check]) -> pl.LazyFrame:
    """``__row`` and its issues, for the rows where any check fired.

    Long form (one row per fired check) and back: building a list of structs per row with
    one ``when`` per check is two orders of magnitude slower once many rows fail.
    """
    found = [issue(rule, field=field, role=role) for rule, field, role, _ in checks]

    def lookup(attribute: str) -> pl.Expr:
        mapping = {i: getattr(f, attribute) for i, f in enumerate(found)}
        return pl.element().replace_strict(mapping, return_dtype=pl.String).alias(attribute)

    fired = (
        flags.filter(pl.any_horizontal(names))
        .select("__row", *names)
        .unpivot(index="__row", variable_name="check")
        .filter(pl.col("value"))
        .group_by("__row")
        .agg(pl.col("check").str.slice(len(_PREFIX)).cast(pl.Int32).sort())
    )
    structs = pl.struct(lookup("field"), lookup("rule"), lookup("severity"), lookup("message"))
    return fired.select("__row", issues=pl.col("check").list.eval(structs))


def input_schema() -> dict[str, pl.DataType]:
    """The columns ``check_frame`` reads, with their types."""
    schema: dict[str, pl.DataType] = {f: pl.String() for f in RECORD_FIELDS}
    schema["registration_date"] = pl.Date()
    for role in ("male", "female"):
        schema |= {f"{role}_{f}": pl.String() for f in PARTY_FIELDS}
        schema[f"{role}_birth_date"] = pl.Date()
    return schema | {"source_row": pl.Int64()}


def check_frame(df: pl.DataFrame, *, ledger: bool = False) -> pl.DataFrame:
    """``df`` with ``issues`` (list of {field, rule, severity, message}) and bool ``has_error``.

    A column a source does not have (ledgers record no occupation) is read as all blank;
    ``ledger`` rows may lack a certificate number.
    """
    checks = all_checks(ledger=ledger)
    names = [f"{_PREFIX}{i}" for i in range(len(checks))]
    errors = [n for n, c in zip(names, checks, strict=True) if rules()[c[0]].severity == "error"]
    missing = [pl.lit(None, t).alias(c) for c, t in input_schema().items() if c not in df.columns]
    # a frame glued from many files is slow in many chunks
    staged = df.rechunk().lazy().with_columns(missing)
    helpers = (record_helpers(), party_helpers("male"), party_helpers("female"))
    stage: tuple[list[pl.Expr], ...]
    for stage in zip_longest(*helpers, fillvalue=[]):
        staged = staged.with_columns(*(expr for exprs in stage for expr in exprs))
    flagged = (c[3].fill_null(False).alias(n) for c, n in zip(checks, names, strict=True))
    flags = staged.select(*df.columns, *flagged).with_row_index("__row").collect().lazy()
    result = flags.join(
        _issue_lists(flags, names, checks), on="__row", how="left", maintain_order="left"
    )
    return result.select(
        *df.columns,
        issues=pl.col("issues").fill_null(pl.lit([], pl.List(ISSUE_TYPE))),
        has_error=pl.any_horizontal(errors),
    ).collect()


def records_frame(records: Sequence[Record]) -> pl.DataFrame:
    """Records as a frame of ``check_frame``'s input columns (``source_row`` numbers them)."""
    rows = []
    for index, record in enumerate(records):
        row: dict[str, object] = {f: getattr(record, f) for f in RECORD_FIELDS}
        for role in ("male", "female"):
            party = record.party(role)
            row |= {f"{role}_{f}": getattr(party, f) for f in PARTY_FIELDS}
        rows.append(row | {"source_row": record.source.row or index})
    return pl.DataFrame(rows, schema=input_schema())
