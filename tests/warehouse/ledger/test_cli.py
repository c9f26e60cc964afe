import json
from pathlib import Path

import pytest

from cli.main import main


def test_import_ledger_json_twice(
    sqlite_url: str, samples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(samples_dir / "ledgers")
    assert main(["import-ledger", folder, "--db", sqlite_url, "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(["import-ledger", folder, "--db", sqlite_url, "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    for summary in (first, second):
        rest = sum(summary[k] for k in ("imported", "already_present", "to_review", "quarantined"))
        assert rest == summary["rows_read"] == 478
    assert (first["imported"], second["imported"]) == (478, 0)


def test_unknown_header_fails_naming_columns(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "532301-ledger.csv"
    path.write_text("日期,类型,结婚证号,男姓名,女姓名,男方血型\n", encoding="utf-8")
    assert main(["import-ledger", str(path), "--db", sqlite_url]) == 1
    captured = capsys.readouterr()
    assert "cannot map columns: 男方血型" in captured.err
    assert "rows read" in captured.out
