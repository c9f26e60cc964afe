"""Who may decide an event that voids a marriage, by era: only a court declares a marriage void;
a registry office annulled a coerced marriage from 2003-10-01 to 2020-12-31, a court before
and since (``hunyin/data/event-authorities.csv``). The authority is read from the evidence:
its issuer, else the document's name."""

from hunyin.codes import event_types
from hunyin.domain.law import AUTHORITY_NAMES, authorities_on, decided_by, restricted
from registry.errors import ApiError
from registry.schemas import EventIn

CODE = "wrong_authority"


def check_authority(body: EventIn) -> None:
    """Refuse (422) a void or annulment whose evidence names no authority, two of them, or one
    the law did not let decide it on the event's date."""
    if not restricted(body.type):
        return
    name = event_types()[body.type].name
    document, issuer = body.evidence.document, body.evidence.issuer
    by_document, by_issuer = decided_by(document), decided_by(issuer)
    if by_document and by_issuer and by_document != by_issuer:
        raise ApiError(
            422,
            f"the document ({document}) and its issuer ({issuer}) name different authorities",
            code=CODE,
        )
    found = by_issuer or by_document
    if found is None:
        raise ApiError(
            422,
            f"the evidence does not say who decided the {name}: name the court or registry office",
            code=CODE,
        )
    allowed = authorities_on(body.type, body.date)
    if found not in {a.authority for a in allowed}:
        who = "、".join(AUTHORITY_NAMES[a.authority] for a in allowed)
        law = "；".join(a.citation for a in allowed)
        raise ApiError(
            422,
            f"on {body.date.isoformat()} a {name} is decided only by {who} ({law}), "
            f"not by {AUTHORITY_NAMES[found]}",
            code=CODE,
        )
