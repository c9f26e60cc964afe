"""Every command-line failure is one line on stderr and exit 1; an interrupted or killed run
keeps the previous output; ledgers named by a glob beside other files import with exit 0."""

import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from cli.main import main

_ID = "532301199111152090"


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("hunyin: ") and _ID not in lines[0]
    return lines[0]


def test_an_unreachable_store_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql://nobody@127.0.0.1:1/none"
    assert main(["status", "--id", _ID, "--db", url, "--json"]) == 1
    assert "cannot be reached" in _one_line(capsys.readouterr().err)


def test_an_unwritable_var_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "var"
    blocker.write_text("a file where the folder should be")
    assert main(["status", "--id", _ID, "--db", f"sqlite:///{blocker}/h.db", "--json"]) == 1
    _one_line(capsys.readouterr().err)


def test_an_unwritable_output_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("")
    (tmp_path / "scans").mkdir()
    assert main(["extract", str(tmp_path / "scans"), "--out", str(blocker / "x.jsonl")]) == 1
    _one_line(capsys.readouterr().err)


def test_serve_on_a_busy_port_is_one_line(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        assert main(["serve", "--db", sqlite_url, "--port", port, "--workers", "1"]) == 1
    assert port in _one_line(capsys.readouterr().err)


def test_a_glob_over_a_ledger_folder_skips_what_is_no_ledger(
    sqlite_url: str, samples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = sorted(str(p) for p in (samples_dir / "ledgers").iterdir())
    assert main(["import-ledger", *paths, "--db", sqlite_url, "--json"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    others = [p for p in paths if not p.endswith((".csv", ".xlsx"))]
    assert len(err) == len(others) > 0
    assert all(line.startswith("hunyin: skipped ") for line in err)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGKILL])
def test_an_interrupted_extract_keeps_the_previous_output_and_its_workers_end(
    samples_dir: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    scans = tmp_path / "scans"
    shutil.copytree(samples_dir / "scans" / "532322", scans)
    out = tmp_path / "out.jsonl"
    out.write_text('{"previous": "run"}\n', encoding="utf-8")
    hunyin = Path(sys.executable).with_name("hunyin")
    command = [str(hunyin), "extract", str(scans), "--out", str(out), "--workers", "2"]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    parent = psutil.Process(run.pid)
    # Wait until both workers are up (no clock involved: the run is interrupted mid-reading).
    while len(parent.children()) < 2 and run.poll() is None:
        time.sleep(0.05)
    workers = parent.children(recursive=True)
    assert len(workers) >= 2
    run.send_signal(stop)
    _, err = run.communicate(timeout=120)
    assert out.read_text(encoding="utf-8") == '{"previous": "run"}\n'
    if stop == signal.SIGINT:
        assert run.returncode == 1
        assert err.strip().splitlines()[-1] == "hunyin: interrupted"
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl.")]
    _, alive = psutil.wait_procs(workers, timeout=60)
    assert alive == []
