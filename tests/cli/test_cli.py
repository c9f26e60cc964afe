"""Exit codes and error lines of the command line (contracts.md: 0 done, 1 failed, 2 usage)."""

import json

import pytest

from cli.main import main


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["status"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("hunyin: ") and len(err.strip().splitlines()) == 1


def test_a_malformed_id_is_one_clear_line_and_exit_1(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "--id", "532301199111152091", "--db", sqlite_url, "--json"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("hunyin: ") and "532301199111152091" not in err


def test_a_person_the_store_holds_nothing_of_is_no_record(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "--id", "532327197510311970", "--db", sqlite_url, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    # Nothing in the store, which is not the national register: no proof of being unmarried.
    assert doc["status"] == "no_record" and doc["events"] == [] and doc["candidates"] == []
