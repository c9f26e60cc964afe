"""The Jinja2 environment shared by every page (``registry/templates``), with the label filters."""

from importlib.resources import files

from fastapi.templating import Jinja2Templates

from hunyin.domain.idnumber import mask
from hunyin.labels import field_label, label, office_label, tables
from hunyin.messages import translate

templates = Jinja2Templates(directory=str(files("registry").joinpath("templates")))
templates.env.filters["mask"] = mask
# ``{{ code | label("rules") }}``: every code a person reads goes through the one table.
templates.env.filters["label"] = lambda code, table: label(table, code)
templates.env.filters["field"] = field_label
templates.env.filters["office"] = office_label
templates.env.filters["zh"] = translate
templates.env.globals["labels"] = tables()
# The names templates used before the table (kept so every page reads from the one table).
templates.env.globals.update(
    record_types=tables()["events"],
    statuses=tables()["statuses"],
    decisions=tables()["decisions"],
    flags=tables()["flags"],
)
