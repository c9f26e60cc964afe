"""Request bodies of the registry API, validated before any rule or store is touched."""

import datetime as dt
from typing import Annotated, Literal

from fastapi import Path
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from hunyin.codes import office_by_code
from hunyin.domain.dates import office_today
from hunyin.domain.idnumber import birth_date_of, is_valid, mask, normalise, sex_of, upgrade
from hunyin.domain.text import checked_text

Kind = Literal["marriage", "divorce", "reissue", "archive_access"]
Residency = Literal["mainland", "hk", "macau", "taiwan", "overseas_chinese", "foreign"]
Declared = Literal["未婚", "离婚", "丧偶"]
Text64 = Annotated[str, AfterValidator(checked_text), Field(min_length=1, max_length=64)]
CountyCode = Annotated[str, Field(pattern=r"^[0-9]{6}$", description="6-digit county code")]


def checked_id_number(raw: str) -> str:
    """A well-formed 15- or 18-character number, upper-cased; ValueError (masked) otherwise."""
    number = normalise(raw) or ""
    if not is_valid(number):
        raise ValueError(
            f"{mask(number) or 'empty'} is not a well-formed resident ID number "
            "(length, characters, birth date or check character)"
        )
    return number


def known_office(code: str) -> str:
    """An office code of the code table; ValueError otherwise."""
    if office_by_code(code) is None:
        raise ValueError(f"unknown office code {code}")
    return code


IdNumber = Annotated[str, AfterValidator(checked_id_number)]
# A name or a note a person typed: no blank, no control characters, on every store alike.
FreeText = Annotated[str, AfterValidator(checked_text)]
Name = Annotated[FreeText, Field(min_length=1, max_length=64)]
Note = Annotated[FreeText, Field(max_length=200)]
# Row ids fit a signed 64-bit integer on both stores.
RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]
OfficeCode = Annotated[str, Field(pattern=r"^[0-9]{6}$"), AfterValidator(known_office)]


class Military(BaseModel):
    """An active servicemember's station and pre-enlistment hukou (county codes)."""

    model_config = ConfigDict(extra="forbid")

    station_code: CountyCode | None = None
    pre_enlistment_hukou_code: CountyCode | None = None


class PartyIn(BaseModel):
    """One party of a couple as the registrar enters it."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    sex: Literal["男", "女"]
    birth_date: dt.date | None = None
    id_number: IdNumber | None = None
    hukou_code: CountyCode | None = None
    residency: Residency = "mainland"
    military: Military | None = None
    declared_status: Declared | None = Field(
        default=None, description="本人婚姻状况 as the party declares it (written into the record)"
    )
    # The rest of the form, kept in a live record as written.
    ethnicity: Text64 | None = None
    occupation: Text64 | None = None
    education: Text64 | None = None
    nationality: Text64 | None = None
    hukou: Annotated[str, Field(min_length=1, max_length=200)] | None = Field(
        default=None, description="常住户口所在地, the full text"
    )

    @property
    def id18(self) -> str | None:
        """The 18-digit matching key of the ID number, if one was given."""
        return upgrade(self.id_number)

    @model_validator(mode="after")
    def _matches_id_number(self) -> "PartyIn":
        if self.id_number is None:
            return self
        if sex_of(self.id_number) != self.sex:
            raise ValueError(f"sex {self.sex} does not match the ID number")
        born = birth_date_of(self.id_number)
        if self.birth_date is not None and born != self.birth_date:
            raise ValueError("birth_date does not match the ID number")
        self.birth_date = born
        return self


def one_man_one_woman(kind: str, parties: list[PartyIn]) -> None:
    """A marriage or divorce is of two parties, one man and one woman; ValueError otherwise."""
    if len(parties) != 2:
        raise ValueError(f"a {kind} needs both parties")
    if {p.sex for p in parties} != {"男", "女"}:
        raise ValueError("the two parties are one man and one woman")


class CaseIn(BaseModel):
    """The body of an eligibility check and of a registration."""

    model_config = ConfigDict(extra="forbid")

    kind: Kind
    office_code: OfficeCode
    date: dt.date | None = Field(default=None, description="the day asked about; default today")
    original_office_code: OfficeCode | None = None
    parties: Annotated[list[PartyIn], Field(min_length=1, max_length=2)]
    purpose: Note | None = None
    record_id: Annotated[int, Field(ge=1, le=2**63 - 1)] | None = Field(
        default=None, description="the original record a reissue or an archive access is about"
    )
    verified_distinct: Annotated[
        list[Annotated[int, Field(ge=1, le=2**63 - 1)]],
        Field(
            max_length=50,
            description="candidate records a registrar has verified to be of another person",
        ),
    ] = []
    verified_records: Annotated[
        list[Annotated[int, Field(ge=1, le=2**63 - 1)]],
        Field(
            max_length=50,
            description="records without ID numbers a registrar has verified to be the couple's",
        ),
    ] = []
    checked_documents: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=128)]],
        Field(
            max_length=10,
            description="documents the registrar checked (a certificate, a judgment, a death "
            "certificate) for what the store cannot show",
        ),
    ] = []

    @model_validator(mode="after")
    def _couple(self) -> "CaseIn":
        if self.kind in ("marriage", "divorce"):
            one_man_one_woman(self.kind, self.parties)
        return self

    @property
    def day(self) -> dt.date:
        """The day asked about."""
        return self.date or office_today()


class BackCaptureIn(BaseModel):
    """The body of ``POST /api/v1/back-captures``: a registration of the past as its paper has
    it, entered by a steward (the window registers only today's)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["marriage", "divorce"]
    office_code: OfficeCode
    date: dt.date = Field(description="the day it was registered, before today at the office")
    certificate_no: Annotated[
        FreeText, Field(min_length=1, max_length=64, description="as written on the paper")
    ]
    registrar: Name | None = Field(default=None, description="the registrar, as written")
    parties: Annotated[list[PartyIn], Field(min_length=1, max_length=2)]
    source: Annotated[
        FreeText,
        Field(
            min_length=1,
            max_length=200,
            description="the paper it is entered from and where it is kept",
        ),
    ]
    purpose: Note | None = None

    @model_validator(mode="after")
    def _couple(self) -> "BackCaptureIn":
        one_man_one_woman(self.kind, self.parties)
        return self


EventType = Literal["court_divorce", "death", "void", "annulment", "death_revoked"]


class PersonRef(BaseModel):
    """Whom an event is about: an ID number, or a name and birth date."""

    model_config = ConfigDict(extra="forbid")

    id_number: IdNumber | None = None
    name: Name | None = None
    birth_date: dt.date | None = None

    @model_validator(mode="after")
    def _identified(self) -> "PersonRef":
        if self.id_number is None and (self.name is None or self.birth_date is None):
            raise ValueError("give id_number, or name and birth_date")
        return self

    @property
    def id18(self) -> str | None:
        return upgrade(self.id_number)


class EvidenceIn(BaseModel):
    """The document the event is entered from."""

    model_config = ConfigDict(extra="forbid")

    document: Annotated[str, Field(min_length=1, max_length=64)]
    number: Annotated[str, Field(max_length=128)] | None = None
    issuer: Annotated[str, Field(max_length=128)] | None = None
    date: dt.date | None = None


class EventIn(BaseModel):
    """The body of ``POST /api/v1/events``: for a death the person who died; otherwise either
    spouse, with the marriage named or found."""

    model_config = ConfigDict(extra="forbid")

    type: EventType
    date: dt.date
    person: PersonRef
    marriage_record_id: Annotated[int, Field(ge=1, le=2**63 - 1)] | None = None
    evidence: EvidenceIn
    purpose: Note | None = None
