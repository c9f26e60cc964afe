"""The Chinese names of codes (``hunyin/data/labels.toml``): rule ids, fields, statuses, actions."""

import tomllib
from functools import lru_cache
from importlib.resources import files

from hunyin.codes import event_types, office_by_code


@lru_cache(maxsize=1)
def tables() -> dict[str, dict[str, str]]:
    """Every table of the file, by its name."""
    text = files("hunyin.data").joinpath("labels.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    data["events"] |= {code: kind.name for code, kind in event_types().items()}
    return data


def label(table: str, code: str | None) -> str:
    """The Chinese name of ``code`` in ``table``; the code itself when the table lacks it."""
    if code is None:
        return ""
    return tables().get(table, {}).get(code, code)


def field_label(dotted: str | None) -> str:
    """A record field by its name on the form: ``male.occupation`` → ``男方·职业``."""
    if not dotted:
        return ""
    party, _, name = dotted.rpartition(".")
    # positions in a request body (``parties.0.id_number``) name the party by its place
    party = {"parties.0": "male", "parties.1": "female"}.get(party, party)
    if party and party not in tables()["parties"]:
        return label("fields", name)
    head = f"{label('parties', party)}·" if party else ""
    return head + label("fields", name)


def office_label(code: str | None) -> str:
    """``532301 楚雄市民政局``: the office's name beside its code (the code alone if unknown)."""
    if not code:
        return ""
    office = office_by_code(code)
    return f"{code} {office.name}" if office else code
