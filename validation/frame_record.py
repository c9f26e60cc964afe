"""Record-level and certificate rules as polars expressions (see ``validation.rules``)."""

import re
from datetime import date

import polars as pl

from hunyin.codes import offices
from validation.catalog import CertEra, cert_eras, county_keys, limits, office_numbers

Check = tuple[str, str, str | None, pl.Expr]
"""A rule id, the field, the party role (or ``None``) and the expression true where it fails."""

RECORD_TYPES = ("marriage", "divorce", "reissue")
reg_date = pl.col("registration_date")
office = pl.col("office_code")
cert = pl.col("certificate_no")


def _between(start: date, end: date | None) -> pl.Expr:
    return (reg_date >= start) & (reg_date <= end) if end else reg_date >= start


def _known() -> pl.Expr:
    return office.is_in([o.code for o in offices()])


def record_checks() -> list[Check]:
    """Required fields, dates, the office code and name."""
    valid = pl.any_horizontal(
        [(office == o.code) & _between(o.valid_from, o.valid_to) for o in offices()]
    )
    names = {o.code: o.name for o in offices()}
    checks: list[Check] = [
        ("required", f, None, pl.col(f).is_null())
        for f in ("record_type", "registration_date", "office_code", "certificate_no")
    ]
    return [
        *checks,
        ("record-type", "record_type", None, ~pl.col("record_type").is_in(RECORD_TYPES)),
        ("date-too-early", "registration_date", None, reg_date < limits()["first_registration"]),
        ("date-future", "registration_date", None, reg_date > date.today()),
        ("office-unknown", "office_code", None, office.is_not_null() & ~_known()),
        ("office-period", "office_code", None, _known() & reg_date.is_not_null() & ~valid),
        (
            "office-name",
            "office_name",
            None,
            _known() & (pl.col("office_name") != office.replace_strict(names, default=None)),
        ),
    ]


def _group(name: str) -> pl.Expr:
    """A named group of the era's shape, from whichever era the registration date falls in."""
    parts = []
    for era in cert_eras():
        index = re.compile(era.pattern).groupindex.get(name)
        if index is not None:
            parts.append(pl.when(_matched(era)).then(cert.str.extract(era.pattern, index)))
    return pl.coalesce(parts) if parts else pl.lit(None, pl.String)


def _matched(era: CertEra) -> pl.Expr:
    return _between(era.valid_from, era.valid_to) & cert.str.contains(era.pattern)


def certificate_checks() -> list[Check]:
    """Shape of the era, prefix vs record type, and the year and office inside the number."""
    shapes: list[Check] = [
        (
            era.rule,
            "certificate_no",
            None,
            _between(era.valid_from, era.valid_to) & ~cert.str.contains(era.pattern),
        )
        for era in cert_eras()
    ]
    kind, year = _group("kind"), _group("year")
    wrong_kind = pl.any_horizontal(
        [
            _matched(era) & (pl.col("record_type") == rtype) & ~kind.is_in(list(prefixes))
            for era in cert_eras()
            for rtype, prefixes in era.kinds.items()
        ]
    )
    year_of_date = (
        pl.when(year.str.len_chars() == 4)
        .then(reg_date.dt.year())
        .otherwise(reg_date.dt.year() % 100)
    )
    inside, county_key = _group("office"), county_keys()
    other = inside.is_not_null() & (inside != office)
    renamed = other & (
        inside.replace_strict(county_key, default=None)
        == office.replace_strict(county_key, default=None)
    )
    initials = {code: key[0] for code, key in county_key.items()}
    wrong = _known() & (
        (other & ~renamed.fill_null(False))
        | _group("office_no").ne_missing(office.replace_strict(office_numbers(), default=None))
        & _group("office_no").is_not_null()
        | _group("county").ne_missing(office.replace_strict(initials, default=None))
        & _group("county").is_not_null()
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
            _known() & renamed & ~wrong.fill_null(False),
        ),
    ]
