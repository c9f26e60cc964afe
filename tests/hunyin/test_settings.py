from pathlib import Path

from hunyin.settings import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_is_described_and_documented_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        assert field.description, name
        assert f"HUNYIN_{name.upper()}" in text, f"README does not document HUNYIN_{name.upper()}"


def test_settings_come_from_the_environment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HUNYIN_DB_URL", "sqlite:///elsewhere.db")
    monkeypatch.setenv("HUNYIN_AUDIT_SAMPLE_RATE", "0.5")
    settings = Settings()
    assert settings.db_url == "sqlite:///elsewhere.db"
    assert settings.audit_sample_rate == 0.5
