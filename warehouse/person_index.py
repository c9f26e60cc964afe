"""The person index, as loaders call it: see ``warehouse.linkage`` for how parties are linked."""

from warehouse.linkage import LinkResult, link_by_id, link_records

__all__ = ["LinkResult", "link_by_id", "link_records"]
