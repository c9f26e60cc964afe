"""The Jinja2 environment shared by every page (``registry/templates``)."""

from importlib.resources import files

from fastapi.templating import Jinja2Templates

from hunyin.codes import event_types
from hunyin.domain.idnumber import mask

templates = Jinja2Templates(directory=str(files("registry").joinpath("templates")))
templates.env.filters["mask"] = mask

RECORD_TYPES = {
    "marriage": "结婚",
    "divorce": "离婚",
    "reissue": "补发证",
    **{code: kind.name for code, kind in event_types().items()},
}
STATUSES = {
    "unmarried": "未婚",
    "married": "已婚",
    "divorced": "离婚",
    "widowed": "丧偶",
    "unknown": "无记录",
    "needs_verification": "需人工核实",
}
DECISIONS = {
    "eligible": "符合条件",
    "not_eligible": "不符合条件",
    "needs_verification": "需人工核实",
}
FLAGS = {"bigamy": "重婚嫌疑（婚姻重叠）", "deceased": "已死亡"}
templates.env.globals.update(
    record_types=RECORD_TYPES, statuses=STATUSES, decisions=DECISIONS, flags=FLAGS
)
