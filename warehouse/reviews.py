"""The one rule a load follows for review tasks, on the ORM path and the bulk path alike.

- **Content hash.** ``warehouse.keys.content_hash`` is the digest of the values as the source
  gave them. A load whose hash equals the stored one changes nothing: not the record, not its
  task. A steward's correction changes the values but not the stored hash, because the source
  did not change: importing the same source again keeps the correction and the closed task.
- **Kind.** A task's kind says why it was queued, from the source of the record
  (``TASK_KIND``); it is set when the task is created and no later load changes it.
- **Reopening.** A new or changed record that needs review has an open task with its current
  reasons: a task a steward had closed opens again, its resolution cleared, because the source
  now says something the steward has not seen. A record that loads as accepted leaves its task
  as it is (the steward's decision stands until a source contradicts it).
"""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.models import ReviewTask

# Scans are queued because the machine doubts its reading; ledgers, live registrations and a
# steward's back-captures, typed by people, because a rule found an error in what was typed.
TASK_KIND = {"scan": "doubt", "ledger": "rule", "live": "rule", "back_capture": "rule"}


def task_kind(source_kind: str) -> str:
    """The kind of a task opened for a record of this source kind."""
    return TASK_KIND[source_kind]


def sync_task(
    session: Session,
    *,
    record_id: int,
    source_kind: str,
    reasons: list[dict[str, Any]],
    batch: str | None,
    office_code: str | None,
) -> None:
    """Open (or reopen) the task of a new or changed record that needs review; a steward's
    correction that leaves an error opens it the same way."""
    task = session.scalar(select(ReviewTask).where(ReviewTask.record_id == record_id))
    if task is None:
        session.add(
            ReviewTask(
                record_id=record_id,
                kind=task_kind(source_kind),
                reasons=reasons,
                batch=batch,
                office_code=office_code,
            )
        )
        return
    task.reasons = reasons
    task.state, task.resolved_by, task.resolved_at, task.resolution = "open", None, None, None


def sync_tasks_sql(stage: str) -> str:
    """The same rule over a staging table of new or changed rows (``:task_kind``, ``:batch``,
    ``:now`` bound by the caller)."""
    return (
        "INSERT INTO review_tasks (record_id, kind, state, reasons, batch, office_code, "
        f"created_at) SELECT record_id, :task_kind, 'open', issues, :batch, office_code, :now "
        f"FROM {stage} WHERE status = 'needs_review' "
        "ON CONFLICT (record_id) DO UPDATE SET reasons = excluded.reasons, state = 'open', "
        "resolved_by = NULL, resolved_at = NULL, resolution = NULL"
    )
