"""Great Expectations suites on derived columns; Data Docs carry no ID number and no name."""

import json
from pathlib import Path

from hunyin.domain.idnumber import ids_in_text
from hunyin.schema import Record
from validation.frame import records_frame
from validation.gx import run_suites
from validation.gx.columns import derived
from validation.leaks import files_with_id_numbers


def _records(samples_dir: Path) -> list[Record]:
    out = []
    for line in (samples_dir / "scans" / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        source = {"file": data.pop("file"), "page": data.pop("page")}
        out.append(Record.model_validate({"source": source, **data}))
    return out


def test_suite_fails_on_bad_batch_and_docs_hold_no_personal_data(
    samples_dir: Path, tmp_path: Path
) -> None:
    good = _records(samples_dir)
    bad = [
        r.model_copy(update={"male": r.male.model_copy(update={"sex": "女", "name": "错号人"})})
        for r in good
    ]
    assert run_suites(records=good, batch="good", gx_dir=tmp_path).success
    result = run_suites(records=bad, batch="bad", gx_dir=tmp_path)
    assert not result.success and result.failed >= 1 and result.evaluated > result.failed
    assert result.docs is not None and result.docs.is_file()
    docs = list(result.docs.parent.rglob("*"))
    assert files_with_id_numbers(docs) == []
    text = "".join(p.read_text(errors="replace") for p in docs if p.suffix == ".html")
    assert "错号人" not in text and "程辉忠" not in text


def test_empty_batch_is_nothing_to_check(tmp_path: Path) -> None:
    result = run_suites(records=[], batch="empty", gx_dir=tmp_path)
    assert (result.success, result.evaluated, result.docs) == (True, 0, None)


def test_leak_finder_sees_valid_numbers_only() -> None:
    assert ids_in_text("号 532301199111152090 号") == ["532301199111152090"]
    assert ids_in_text("532301199111152091 and 5323011991******90") == []
    assert ids_in_text("old 532328650203447.") == ["532328650203447"]


def test_pandas_and_records_give_the_same_derived_columns(samples_dir: Path) -> None:
    records = _records(samples_dir)
    as_pandas = records_frame(records).to_pandas()
    assert as_pandas["registration_date"].dtype.kind == "M"  # pandas made them datetimes
    assert derived(as_pandas).equals(derived(records))
    assert not any("name" in c or c.endswith("id_number") for c in derived(records).columns)
