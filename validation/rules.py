"""Record rules of ``domain.md`` for one record at a time (scans, live registrations, review).

The rule ids, severities, messages and every date or code they depend on are data in
``validation/data``; ``validation.frame`` runs the same rules vectorised over ledger frames.
The ``record-type`` rule runs on frames only: a ``Record`` admits no other type.
"""

import re
from datetime import date

from hunyin.codes import ethnic_groups, marital_statuses, office_by_code
from hunyin.domain import idnumber
from hunyin.domain.dates import age_on
from hunyin.domain.law import min_age_on
from hunyin.schema import Issue, Party, Record
from validation.catalog import (
    SEX_OF_ROLE,
    cert_eras,
    county_initial,
    county_keys,
    in_period,
    issue,
    limits,
    office_numbers,
)

_SHAPE = re.compile(idnumber.ID_SHAPE)


def _record_rules(record: Record) -> list[Issue]:
    out = [
        issue("required", field=f)
        for f in ("record_type", "registration_date", "office_code", "certificate_no")
        if record.get(f) is None
    ]
    day, code = record.registration_date, record.office_code
    if day is not None and day < limits()["first_registration"]:
        out.append(issue("date-too-early", field="registration_date"))
    if day is not None and day > date.today():
        out.append(issue("date-future", field="registration_date"))
    office = office_by_code(code) if code else None
    if code is not None and office is None:
        out.append(issue("office-unknown", field="office_code"))
    if office is not None and day is not None and not office.valid_on(day):
        out.append(issue("office-period", field="office_code"))
    if office is not None and record.office_name is not None and record.office_name != office.name:
        out.append(issue("office-name", field="office_name"))
    return out


def _certificate_rules(record: Record) -> list[Issue]:
    day, number = record.registration_date, record.certificate_no
    if day is None or number is None:
        return []
    era = next((e for e in cert_eras() if in_period(day, e.valid_from, e.valid_to)), None)
    if era is None:
        return []
    match = re.fullmatch(era.pattern, number)
    if match is None:
        return [issue(era.rule, field="certificate_no")]
    parts = match.groupdict()
    out = []
    if record.record_type and parts["kind"] not in era.kinds[record.record_type]:
        out.append(issue("cert-type", field="certificate_no"))
    year = parts["year"]
    if int(year) != (day.year if len(year) == 4 else day.year % 100):
        out.append(issue("cert-year", field="certificate_no"))
    code = record.office_code
    if code is None or office_by_code(code) is None:
        return out
    inside = parts.get("office")
    renamed = inside not in (None, code) and county_keys().get(inside) == county_keys()[code]
    wrong = (
        (inside not in (None, code) and not renamed)
        or parts.get("office_no") not in (None, office_numbers().get(code))
        or parts.get("county") not in (None, county_initial(code))
    )
    if wrong:
        out.append(issue("cert-office", field="certificate_no"))
    elif renamed:
        out.append(issue("cert-office-renamed", field="certificate_no"))
    return out


def _id_rules(party: Party, role: str, day: date | None) -> list[Issue]:
    number = party.id_number
    # A placeholder (zeros around the birth date, back-filled) is no number: nothing to check.
    if not number or idnumber.is_placeholder(number):
        return []
    if not _SHAPE.fullmatch(number):
        return [issue("id-shape", field="id_number", role=role)]
    out = []
    inside = idnumber.birth_date_of(number)
    if inside is None:
        out.append(issue("id-date", field="id_number", role=role))
    if len(number) == 18 and idnumber.check_character(number[:17]) != number[17]:
        out.append(issue("id-check", field="id_number", role=role))
    if len(number) == 15 and day is not None and day >= limits()["id15_expired"]:
        out.append(issue("id-15-late", field="id_number", role=role))
    if inside is not None and party.birth_date is not None and inside != party.birth_date:
        out.append(issue("id-birth-date", field="birth_date", role=role))
    if party.sex is not None and idnumber.sex_of(number) != party.sex:
        out.append(issue("id-sex", field="sex", role=role))
    return out


def _age_rules(party: Party, role: str, record: Record) -> list[Issue]:
    birth, day = party.birth_date, record.registration_date
    if birth is None or day is None:
        return []
    if birth >= day or age_on(birth, day) > limits()["oldest_party_age"]:
        return [issue("birth-plausible", field="birth_date", role=role)]
    era = min_age_on(day)
    minimum = None if era is None else era.male if role == "male" else era.female
    if record.record_type == "marriage" and minimum is not None and age_on(birth, day) < minimum:
        return [issue("min-age", field="birth_date", role=role)]
    return []


def _party_rules(record: Record, role: str) -> list[Issue]:
    party = record.party(role)  # type: ignore[arg-type]
    out = [
        issue("party-required", field=f, role=role)
        for f in ("name", "birth_date")
        if getattr(party, f) is None
    ]
    if party.sex is not None and party.sex != SEX_OF_ROLE[role]:
        out.append(issue("sex-value", field="sex", role=role))
    out += _age_rules(party, role, record)
    out += _id_rules(party, role, record.registration_date)
    if party.ethnicity is not None and party.ethnicity not in ethnic_groups():
        out.append(issue("ethnicity-code", field="ethnicity", role=role))
    if party.prior_status is not None and party.prior_status not in marital_statuses():
        out.append(issue("prior-status-code", field="prior_status", role=role))
    return out


def check_record(record: Record) -> list[Issue]:
    """Every record rule that ``record`` fails, in a stable order."""
    return [
        *_record_rules(record),
        *_certificate_rules(record),
        *_party_rules(record, "male"),
        *_party_rules(record, "female"),
    ]
