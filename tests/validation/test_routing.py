from hunyin.schema import Issue, Record, Source
from validation.routing import in_audit_sample, route


def _record(**kwargs: object) -> Record:
    return Record(status="accepted", source=Source(file="a.jpg", page=1), **kwargs)  # type: ignore[arg-type]


def test_an_error_sends_an_accepted_record_to_review() -> None:
    issue = Issue(field="male.id_number", rule="id-check", message="bad check character")
    routed = route(_record(), rule_issues=[issue])
    assert routed.status == "needs_review"
    assert routed.issues == [issue]


def test_anomalies_and_warnings_keep_a_record_accepted() -> None:
    anomaly = Issue(rule="min-age", message="under age", severity="anomaly")
    routed = route(_record(), rule_issues=[anomaly])
    assert routed.status == "accepted"
    assert routed.issues == [anomaly]


def test_the_same_issue_is_not_added_twice() -> None:
    issue = Issue(field="f", rule="r", message="m")
    record = _record(issues=[issue])
    assert route(record, rule_issues=[issue]).issues == [issue]


def test_audit_sample_is_stable_and_near_the_rate() -> None:
    keys = [f"scan:{i:064x}:1" for i in range(4000)]
    drawn = [k for k in keys if in_audit_sample(key=k, rate=0.05)]
    assert drawn == [k for k in keys if in_audit_sample(key=k, rate=0.05)]
    assert 120 < len(drawn) < 280
    assert not any(in_audit_sample(key=k, rate=0.0) for k in keys)


def test_a_file_with_no_result_is_reported_missing() -> None:
    from batch.results import BatchResults
    from hunyin.schema import Outcome

    junk = Outcome(status="quarantined", source=Source(file="bad/empty.jpg"), reason="empty file")
    results = BatchResults(items=[junk], expected_files={"bad/empty.jpg", "a.jpg"})
    assert results.missing_files() == ["a.jpg"]
    assert results.counts()["quarantined"] == 1
