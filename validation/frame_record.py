"""Record-level and certificate rules as polars expressions (see ``validation.rules``).

Work shared by several rules (which era, the parts of the certificate number) is computed once
into helper columns, named with a leading underscore, that ``check_frame`` drops at the end.
"""

from datetime import date

import polars as pl

from hunyin.codes import offices
from validation.catalog import cert_eras, county_keys, limits, office_numbers

Check = tuple[str, str, str | None, pl.Expr]
"""A rule id, the field, the party role (or ``None``) and the expression true where it fails."""

RECORD_TYPES = ("marriage", "divorce", "reissue")
GROUPS = ("kind", "year", "office", "office_no", "county")
reg_date = pl.col("registration_date")
office = pl.col("office_code")
cert = pl.col("certificate_no")
era = pl.col("_era")


def between(start: date, end: date | None) -> pl.Expr:
    """The registration date lies in the period (``end`` open when ``None``)."""
    return (reg_date >= start) & (reg_date <= end) if end else reg_date >= start


def record_helpers() -> list[list[pl.Expr]]:
    """Helper columns in stages: each stage may use the columns of the ones before."""
    era_index = pl.lit(None, pl.Int8)
    for index, shape in enumerate(cert_eras()):
        era_index = (
            pl.when(between(shape.valid_from, shape.valid_to)).then(index).otherwise(era_index)
        )
    parts = [
        pl.when(era == i).then(cert.str.extract_groups(shape.pattern)).alias(f"_cert{i}")
        for i, shape in enumerate(cert_eras())
    ]
    fields = []
    for name in GROUPS:
        found = [
            pl.col(f"_cert{i}").struct.field(name)
            for i, shape in enumerate(cert_eras())
            if f"(?P<{name}>" in shape.pattern
        ]
        fields.append(pl.coalesce(found).alias(f"_{name}"))
    known = office.is_in([o.code for o in offices()]).alias("_known")
    return [[era_index.alias("_era"), known], parts, fields]


def record_checks(*, ledger: bool = False) -> list[Check]:
    """Required fields, dates, the office code and name. A ledger row without a certificate
    number is a real registration (old and township ledgers often lack one): a warning, where
    a scan's is a field nobody read."""
    valid = pl.any_horizontal(
        [(office == o.code) & between(o.valid_from, o.valid_to) for o in offices()]
    )
    names = {o.code: o.name for o in offices()}
    known = pl.col("_known")
    required: list[Check] = [
        ("required", f, None, pl.col(f).is_null())
        for f in ("record_type", "registration_date", "office_code")
    ]
    absent = "certificate-absent" if ledger else "required"
    required.append((absent, "certificate_no", None, pl.col("certificate_no").is_null()))
    return [
        *required,
        ("record-type", "record_type", None, ~pl.col("record_type").is_in(RECORD_TYPES)),
        ("date-too-early", "registration_date", None, reg_date < limits()["first_registration"]),
        ("date-future", "registration_date", None, reg_date > date.today()),
        ("office-unknown", "office_code", None, office.is_not_null() & ~known),
        ("office-period", "office_code", None, known & reg_date.is_not_null() & ~valid),
        (
            "office-name",
            "office_name",
            None,
            known & (pl.col("office_name") != office.replace_strict(names, default=None)),
        ),
    ]


def certificate_checks() -> list[Check]:
    """Shape of the era, prefix vs record type, and the year and office inside the number."""
    kind, year, inside = pl.col("_kind"), pl.col("_year"), pl.col("_office")
    shapes: list[Check] = [
        (shape.rule, "certificate_no", None, (era == i) & cert.is_not_null() & kind.is_null())
        for i, shape in enumerate(cert_eras())
    ]
    wrong_kind = pl.any_horizontal(
        [
            (era == i) & (pl.col("record_type") == rtype) & ~kind.is_in(list(prefixes))
            for i, shape in enumerate(cert_eras())
            for rtype, prefixes in shape.kinds.items()
        ]
    )
    year_of_date = (
        pl.when(year.str.len_chars() == 4)
        .then(reg_date.dt.year())
        .otherwise(reg_date.dt.year() % 100)
    )
    keys = county_keys()
    other = inside.is_not_null() & (inside != office)
    renamed = other & (
        inside.replace_strict(keys, default=None) == office.replace_strict(keys, default=None)
    )
    initials = {code: key[0] for code, key in keys.items()}
    number, county = pl.col("_office_no"), pl.col("_county")
    wrong = pl.col("_known") & (
        (other & ~renamed.fill_null(False))
        | (
            number.is_not_null()
            & number.ne_missing(office.replace_strict(office_numbers(), default=None))
        )
        | (county.is_not_null() & county.ne_missing(office.replace_strict(initials, default=None)))
    )
    return [
        *shapes,
        ("cert-type", "certificate_no", None, wrong_kind),
        ("cert-year", "certificate_no", None, year.cast(pl.Int32) != year_of_date),
        ("cert-office", "certificate_no", None, wrong),
        (
            "cert-office-renamed",
            "certificate_no",
            None,
            pl.col("_known") & renamed & ~wrong.fill_null(False),
        ),
    ]
