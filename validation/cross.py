"""Cross-record rules over the consolidated store: duplicates, conflicts, bigamy (read with the
court divorces, deaths and void marriages of the store), orphans.

The store is read once into a frame (``validation.cross_frame``); each rule is a polars query
over it. A finding names every record involved, so a steward can open each of them.
"""

from dataclasses import dataclass

import polars as pl
from sqlalchemy.orm import Session

from validation.catalog import rules
from validation.cross_frame import event_frame, store_frame


@dataclass(frozen=True, slots=True)
class CrossIssue:
    """A finding about several records together."""

    rule: str
    severity: str
    message: str
    record_ids: tuple[int, ...]
    office_code: str | None


def _same_number(frame: pl.DataFrame) -> pl.DataFrame:
    """Records sharing an office and certificate number, classified by how they differ."""
    groups = (
        frame.filter(pl.col("certificate_no").is_not_null())
        .group_by("office_code", "certificate_no")
        .agg(
            pl.col("record_id").sort(),
            who=pl.struct(
                "record_type", "registration_date", "male_read", "female_read"
            ).n_unique(),
            when=pl.struct("record_type", "registration_date").n_unique(),
        )
        .filter(pl.col("record_id").list.len() > 1)
    )
    rule = (
        pl.when(pl.col("who") == 1)
        .then(pl.lit("duplicate-record"))
        .when(pl.col("when") == 1)
        .then(pl.lit("conflicting-readings"))
        .otherwise(pl.lit("serial-reused"))
    )
    return groups.select("office_code", "record_id", rule=rule)


def _revived(frame: pl.DataFrame, endings: pl.DataFrame) -> pl.DataFrame:
    """Marriages (``record_id``) a revoked declaration of death revived: the survivor did not
    marry anyone between the declaration and its revocation (民法典 art. 51)."""
    deaths = endings.filter(pl.col("event_type") == "death").select(
        "record_id", "role", died="event_date"
    )
    revoked = (
        endings.filter(pl.col("event_type") == "death_revoked")
        .select("record_id", "role", revoked="event_date")
        .join(deaths, on=["record_id", "role"])
        .filter(pl.col("died") <= pl.col("revoked"))
        .join(frame.select("record_id", "male", "female"), on="record_id")
        .with_columns(
            survivor=pl.when(pl.col("role") == "male")
            .then(pl.col("female"))
            .otherwise(pl.col("male"))
        )
    )
    marriages = pl.concat(
        [
            frame.filter(pl.col("record_type") == "marriage").select(
                other="record_id", survivor=pl.col(side), day="registration_date"
            )
            for side in ("male", "female")
        ]
    ).filter(pl.col("survivor").is_not_null())
    remarried = (
        revoked.join(marriages, on="survivor")
        .filter(
            (pl.col("other") != pl.col("record_id"))
            & (pl.col("day") > pl.col("died"))
            & (pl.col("day") <= pl.col("revoked"))
        )
        .select("record_id")
    )
    return revoked.select("record_id").join(remarried, on="record_id", how="anti").unique()


def _events(frame: pl.DataFrame, endings: pl.DataFrame) -> pl.DataFrame:
    """One row per person and marriage or divorce, duplicates of one event dropped; a court
    divorce or a death ends the marriage on its day (``ended``) unless a revoked declaration
    of death revived it, a void or annulled marriage never counted."""
    sides = [
        frame.select(
            "record_id",
            "record_type",
            "registration_date",
            "office_code",
            person=pl.col(me),
            spouse=pl.col(other),
        )
        for me, other in (("male", "female"), ("female", "male"))
    ]
    voided = endings.filter(pl.col("event_type").is_in(["void", "annulment"]))
    rows = (
        pl.concat(sides)
        .filter(pl.col("record_type").is_in(["marriage", "divorce"]))
        .filter(pl.col("person").is_not_null() & pl.col("registration_date").is_not_null())
        .join(voided.select("record_id"), on="record_id", how="anti")
    )
    ended = (
        rows.filter(pl.col("record_type") == "marriage")
        .join(
            pl.concat(
                [
                    endings.filter(pl.col("event_type") == "court_divorce"),
                    endings.filter(pl.col("event_type") == "death").join(
                        _revived(frame, endings), on="record_id", how="anti"
                    ),
                ]
            ),
            on="record_id",
        )
        .select(
            "record_id",
            pl.lit("ended").alias("record_type"),
            pl.col("event_date").alias("registration_date"),
            "office_code",
            "person",
            "spouse",
        )
    )
    return (
        pl.concat([rows, ended])
        .unique(["person", "record_type", "registration_date", "spouse"], keep="first")
        .sort("person", "registration_date", "record_type", "record_id")
    )


def _bigamy(frame: pl.DataFrame, endings: pl.DataFrame) -> pl.DataFrame:
    """A marriage whose person's previous event is a marriage to someone else."""
    events = _events(frame, endings).with_columns(
        pl.col("record_type").shift(1).over("person").alias("before"),
        pl.col("spouse").shift(1).over("person").alias("before_spouse"),
        pl.col("record_id").shift(1).over("person").alias("before_id"),
    )
    found = events.filter(
        (pl.col("record_type") == "marriage")
        & (pl.col("before") == "marriage")
        & (pl.col("before_spouse") != pl.col("spouse"))
    )
    return found.select(
        "office_code",
        record_id=pl.concat_list("before_id", "record_id").list.sort(),
        rule=pl.lit("bigamy"),
    ).unique("record_id")


def _without_original(frame: pl.DataFrame, *, kind: str, originals: pl.Expr) -> pl.DataFrame:
    """Records of ``kind`` with no record matching ``originals`` of the couple on or before."""
    later = frame.filter(pl.col("record_type") == kind)
    earlier = frame.filter(originals).rename(
        {"registration_date": "original_date", "record_type": "original"}
    )
    # the couple by person keys, or by names and birth dates: an original from before ID
    # numbers were written down has no other key
    matched = pl.concat(
        [
            later.join(earlier.select(*keys, "original_date", "original"), on=keys)
            for keys in (["male", "female"], ["male_name", "female_name"])
        ],
        how="diagonal",
    ).filter(pl.col("original_date") <= pl.col("registration_date"))
    if kind == "reissue":
        # a BJ number reissues a marriage certificate, BL a divorce one; older ones may be either
        wanted = (
            pl.when(pl.col("certificate_no").str.starts_with("BJ"))
            .then(pl.lit("marriage"))
            .when(pl.col("certificate_no").str.starts_with("BL"))
            .then(pl.lit("divorce"))
        )
        matched = matched.filter(wanted.is_null() | (wanted == pl.col("original")))
    orphans = later.join(matched.select("record_id").unique(), on="record_id", how="anti")
    rule = "divorce-without-marriage" if kind == "divorce" else "reissue-without-original"
    return orphans.select("office_code", pl.concat_list("record_id"), rule=pl.lit(rule))


def check_store(session: Session, *, batch: str | None = None) -> list[CrossIssue]:
    """Every cross-record finding; with ``batch``, those involving a record of that batch."""
    frame = store_frame(session)
    endings = event_frame(session)
    found = pl.concat(
        [
            _same_number(frame),
            _bigamy(frame, endings),
            _without_original(frame, kind="divorce", originals=pl.col("record_type") == "marriage"),
            _without_original(
                frame,
                kind="reissue",
                originals=pl.col("record_type").is_in(["marriage", "divorce"]),
            ),
        ]
    )
    if batch is not None:
        ids = set(frame.filter(pl.col("batch") == batch)["record_id"].to_list())
        found = found.filter(pl.col("record_id").list.eval(pl.element().is_in(ids)).list.any())
    catalogue = rules()
    return [
        CrossIssue(
            rule=row["rule"],
            severity=catalogue[row["rule"]].severity,
            message=catalogue[row["rule"]].message,
            record_ids=tuple(row["record_id"]),
            office_code=row["office_code"],
        )
        for row in found.sort("rule", "record_id").iter_rows(named=True)
    ]
