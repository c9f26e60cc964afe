"""The floors of the house: the import-linter contracts in ``pyproject.toml`` hold."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_every_floor_imports_only_the_floors_below() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--config", str(REPO / "pyproject.toml"), "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    """The guard is real: the same contracts over a copy with one upward import fail."""
    for package in (
        "hunyin",
        "ocr",
        "warehouse",
        "validation",
        "batch",
        "registry",
        "assets",
        "pipelines",
        "cli",
        "synth",
        "bench",
    ):
        for source in (REPO / package).rglob("*.py"):
            target = tmp_path / source.relative_to(REPO)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    codes = tmp_path / "hunyin" / "codes.py"
    codes.write_text(
        codes.read_text(encoding="utf-8") + "\nimport registry.app\n", encoding="utf-8"
    )
    (tmp_path / "pyproject.toml").write_text(
        (REPO / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "hunyin.codes -> registry.app" in result.stdout


def test_generators_and_benchmarks_are_not_installed() -> None:
    """The package list the build installs holds the product floors and nothing else."""
    import tomllib

    from setuptools import find_packages

    found = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    include = found["tool"]["setuptools"]["packages"]["find"]["include"]
    installed = {name.split(".")[0] for name in find_packages(where=str(REPO), include=include)}
    assert installed == {
        "hunyin",
        "ocr",
        "warehouse",
        "validation",
        "batch",
        "registry",
        "assets",
        "pipelines",
        "cli",
    }
