"""``hunyin user add``: the token alone on the last line, shown once, stored hashed."""

import pytest

from cli.main import main
from registry.users import user_by_token
from warehouse.db import transaction


def test_user_add_prints_a_working_token_last(
    fresh_store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["user", "add", "--name", "李文", "--office", "532324", "--role", "registrar"]
    assert main([*args, "--db", fresh_store]) == 0
    token = capsys.readouterr().out.splitlines()[-1]
    assert " " not in token and len(token) >= 40
    with transaction(fresh_store) as session:
        user = user_by_token(session, token)
        assert user is not None
        assert (user.name, user.office_code, user.role) == ("李文", "532324", "registrar")
        assert user.token_hash != token


def test_user_add_refuses_an_unknown_office(
    fresh_store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["user", "add", "--name", "x", "--office", "999999", "--role", "registrar"]
    assert main([*args, "--db", fresh_store]) == 1
    assert capsys.readouterr().err.startswith("hunyin: unknown office")


def test_user_add_refuses_an_unknown_role_as_a_usage_error(
    fresh_store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["user", "add", "--name", "x", "--office", "532301", "--role", "king"]
    with pytest.raises(SystemExit) as exit_info:
        main([*args, "--db", fresh_store])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
