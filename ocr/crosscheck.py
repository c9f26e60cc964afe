"""Cross-field facts that raise or lower confidence: ID vs birth date and sex, certificate
number vs date, office and kind of registration, office name vs the code table on the date."""

from datetime import date

from hunyin.codes import office_by_name
from hunyin.domain import idnumber
from ocr import certno
from ocr.constrained import constrained_date
from ocr.forms import routing
from ocr.values import FieldValue


def check_party(values: dict[str, FieldValue], role: str, registered: date | None) -> None:
    """ID number against birth date and sex; a missing ID only where the era allows it."""
    knobs = routing()
    number = values[f"{role}.id_number"]
    birth, sex = values[f"{role}.birth_date"], values[f"{role}.sex"]
    if number.value is None:
        if registered is None or registered.year >= knobs["id_optional_before"]:
            number.doubt("id-missing", f"no {role} ID number on a record of this era")
        return
    if not idnumber.is_valid(number.value):
        return
    inside = idnumber.birth_date_of(number.value)
    if inside and birth.value != inside.isoformat():
        _birth_from_number(birth, inside.isoformat())
    if inside and birth.value == inside.isoformat():
        birth.confidence = max(birth.confidence, knobs["agreement_confidence"])
    else:
        birth.doubt("id-birth-date", f"{role} birth date differs from the one in the ID number")
        number.doubt("id-birth-date", f"{role} ID number's birth date differs from the form")
    if sex.value not in _COLUMN_SEX.values() and inside and birth.value == inside.isoformat():
        _sex_from_column(sex, role, idnumber.sex_of(number.value))
    if sex.value == idnumber.sex_of(number.value):
        sex.confidence = max(sex.confidence, knobs["agreement_confidence"])
    else:
        sex.doubt("id-sex", f"{role} sex differs from the ID number's sequence parity")


# The sex each column of the forms is printed for (男方, 女方).
_COLUMN_SEX = {"male": "男", "female": "女"}


def _sex_from_column(sex: FieldValue, role: str, parity: str | None) -> None:
    """A sex cell not read at all, or read as no sex (另 for 男), filled in where two facts off
    the cell agree: the column it stands in (男方, 女方) and the sequence parity of an ID number
    whose check character and birth date hold. Either alone could be a slip; both together
    leave no doubt about the value, and the note says how it was found."""
    if parity != _COLUMN_SEX[role]:
        return
    read = sex.value
    sex.value = parity
    sex.issues = [i for i in sex.issues if i.rule not in ("missing", "format")]
    how = f"read as {read!r}" if read else "not read"
    sex.note("sex-from-column", f"{sex.field} {how}: {parity} by its column and the ID number")


def _birth_from_number(birth: FieldValue, day: str) -> None:
    """A birth date read otherwise than the ID number's: one of the readings under the date
    grammar that the recogniser produced is that date (two pieces of evidence agree, the doubt
    on the plain reading is lifted); a date not read at all is filled in from the number with
    its doubt kept, for the steward to confirm."""
    if any(constrained_date(reading) == day for reading, _ in birth.alternatives):
        birth.value = day
        birth.issues = [i for i in birth.issues if i.severity == "warning"]
        birth.note("date-from-readings", f"{birth.field}: the reading that agrees with the ID")
    elif birth.value is None and birth.issues:
        birth.value = day
        birth.note("date-from-id", f"{birth.field} not readable: filled in from the ID number")


# How much the widths of two lines wrapped where their cells are full may differ (typed fills
# of one form differ by a few pixels of the last character's width).
_FULL_WIDTH_SLACK = 0.03


def check_wraps(values: dict[str, FieldValue]) -> None:
    """A township not in the table cut by a line wrap is a doubt (a character lost at the end
    of a line leaves no trace in either line, and nothing checks a former township), unless the
    other party's hukou wraps after as many characters at the same width: the fill wraps where
    the cell is full, as a typed form does, and a line that lost its last character would be
    one character short of the other."""
    for role, other in (("male", "female"), ("female", "male")):
        value = values[f"{role}.hukou"]
        if not value.cut_township:
            continue
        theirs = values[f"{other}.hukou"].wrapped_lines
        if not (theirs and value.cut_township and _same_fill(value.cut_township[0], theirs[0])):
            value.doubt(
                "hukou-wrap", f"{value.field}: a township not in the table wraps onto a new line"
            )


def _same_fill(mine: tuple[int, int], theirs: tuple[int, int]) -> bool:
    """True when two lines hold as many characters and are as wide, within the slack."""
    (count, width), (their_count, their_width) = mine, theirs
    return count == their_count and abs(width - their_width) <= _FULL_WIDTH_SLACK * max(
        width, their_width
    )


def check_dates(values: dict[str, FieldValue]) -> None:
    """A date the recogniser misread, put right by its grammar, is as sure as the characters
    it keeps when no other date one character from the reading is possible on the record:
    the registration between 1950 and today, a birth before the registration and within a
    lifetime of it."""
    knobs = routing()
    registration = values["registration_date"]
    if registration.slips:
        _forced(
            registration,
            {d for d in registration.slips if _EARLIEST <= d <= date.today().isoformat()},
        )
    registered = registration.value
    if registered is None or registration.confidence < knobs["accept_threshold"]:
        return
    day = date.fromisoformat(registered)
    oldest = day.replace(year=day.year - _LIFETIME, month=1, day=1).isoformat()
    for role in ("male", "female"):
        birth = values[f"{role}.birth_date"]
        if birth.slips:
            _forced(birth, {d for d in birth.slips if oldest <= d < registered})


# The first registrations the archive holds, and the most years a birth may lie before one.
_EARLIEST = "1950-01-01"
_LIFETIME = 100


def _forced(value: FieldValue, possible: set[str]) -> None:
    if value.value is not None and possible == {value.value}:
        value.confidence = max(
            value.confidence, min(value.slips[value.value], routing()["vocabulary_confidence"])
        )


def record_type(sources: list[str | None]) -> FieldValue:
    """The kind of registration from title, number label and number prefix, which must agree."""
    found = [s for s in sources if s]
    result = FieldValue("record_type", found[0] if found else None, 0.0)
    if not found:
        result.doubt("record-type", "form title and certificate label not found")
    elif len(set(found)) > 1:
        result.doubt("record-type", "form title, number label and number prefix disagree")
    else:
        result.confidence = routing()["agreement_confidence"] if len(found) > 1 else 0.9
    return result


def check_office(
    values: dict[str, FieldValue], number: certno.CertificateNumber | None
) -> FieldValue:
    """The office code from 登记机关, checked against the code table and the number."""
    name = values["office_name"]
    registered = values["registration_date"].value
    office = office_by_name(name.value) if name.value else None
    code = FieldValue("office_code", office.code if office else None, name.confidence, name.region)
    if office is None:
        # Without a readable 登记机关, a modern number still names the office for a human.
        code.value = number.office_code if number else None
        code.doubt("office-unknown", "登记机关 is not an office of the code table")
        return code
    day = date.fromisoformat(registered) if registered else None
    if day and not office.valid_on(day):
        code.doubt(
            "office-date",
            f"office {office.code} did not exist on the registration date",
            severity="anomaly",
        )
    if number is None:
        return code
    if number.office_code and number.office_code != office.code:
        code.doubt(
            "office-number",
            "office code in the certificate number differs from 登记机关",
            severity="anomaly",
        )
    elif number.county_abbreviation and not office.county.startswith(number.county_abbreviation):
        code.doubt(
            "office-number",
            "county in the certificate number differs from 登记机关",
            severity="anomaly",
        )
    elif number.office_code == office.code:
        _confirm_office(name, code, values["certificate_no"])
    return code


def _confirm_office(name: FieldValue, code: FieldValue, number: FieldValue) -> None:
    """登记机关 as sure as two readings agreeing when a certificate number read surely and
    without doubt carries its code: a misread name seldom lands on an office of the table,
    still less on the one a separately written number names."""
    knobs = routing()
    if number.issues or number.confidence < knobs["accept_threshold"]:
        return
    for value in (name, code):
        if not value.issues:
            value.confidence = max(value.confidence, knobs["agreement_confidence"])


def check_number(values: dict[str, FieldValue]) -> certno.CertificateNumber | None:
    """The certificate number's shape and year against the registration date."""
    field = values["certificate_no"]
    field.value = certno.normalise(field.value)
    number = certno.parse(field.value)
    if field.value is None:
        field.doubt("number-missing", "no certificate number")
        return None
    if number is None:
        field.doubt("number-shape", "certificate number has none of the known shapes")
        return None
    registered = values["registration_date"]
    if registered.value and not number.year_matches(int(registered.value[:4])):
        field.doubt(
            "number-year", "year in the certificate number differs from the registration date"
        )
        registered.doubt(
            "number-year", "registration date differs from the certificate number's year"
        )
    return number
