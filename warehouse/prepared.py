"""A read statement compiled once per dialect and run on the driver's own cursor.

The status query's one statement is a union of six parts. Executed through SQLAlchemy, each run
costs about 0.3 ms of Python on top of the driver's 0.12 ms (the execution context, the result
object, the rows wrapped), more than its own database time on the 1.2 M-record store. Here it is
compiled to the driver's SQL once per dialect and sent as it is: psycopg then prepares it after
a few uses on a connection, as it would any statement. Values come back as the driver gives
them, converted only where the dialect needs it (SQLite keeps dates as text).

It runs on the session's connection, so it sees the session's transaction; the engine's
statement events do not see it. Its errors are raised as SQLAlchemy raises them.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import CompoundSelect, Connection, Dialect, Select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    # The names of the parameters in the order the driver takes them (positional styles), or
    # None where it takes a mapping.
    order: tuple[str, ...] | None
    # Values the statement binds itself (its literals), merged under the caller's.
    fixed: dict[str, Any]


def _raw_psycopg(dialect: Dialect) -> bool:
    return dialect.driver == "psycopg"


def _psycopg_raw_cursor(connection: Any) -> Any:
    # Imported here: SQLite alone needs no psycopg.
    from psycopg import RawCursor

    return RawCursor(connection)


def _as_sqlalchemy_raises(connection: Connection, cursor: Any, sql: str, error: Any) -> Exception:
    """The driver's ``error`` as SQLAlchemy raises it, so that callers and the service's error
    handlers see one kind of error whichever path ran the statement. A lost connection is
    dropped, and the pool's idle connections with it (the server that dropped this one has
    likely dropped them too), as SQLAlchemy does for its own statements."""
    dialect = connection.dialect
    gone = dialect.is_disconnect(error, connection.connection.dbapi_connection, cursor)
    if gone:
        connection.invalidate(error)
        connection.engine.pool.dispose()
    return DBAPIError.instance(
        sql,
        None,
        error,
        dialect.loaded_dbapi.Error,
        hide_parameters=True,
        connection_invalidated=gone,
        dialect=dialect,
        ismulti=False,
    )


class Prepared:
    """``statement`` compiled per dialect; its parameters without a value are given at each run."""

    def __init__(self, statement: Select[*tuple[Any, ...]] | CompoundSelect[Any]) -> None:
        self._statement = statement
        self._by_dialect: dict[str, _Compiled] = {}
        # Per dialect, a converter per column (None where every value comes back as it should),
        # from the column types the driver reports on the first run.
        self._converters: dict[str, tuple[Callable[[Any], Any] | None, ...] | None] = {}

    def _compiled(self, dialect: Dialect) -> _Compiled:
        found = self._by_dialect.get(dialect.name)
        if found is None:
            # psycopg takes PostgreSQL's own $1 placeholders on a raw cursor, and then has no
            # query to rewrite at each run (it caches rewrites of short queries only).
            native: Any = type(dialect)
            native = native(paramstyle="numeric_dollar") if _raw_psycopg(dialect) else dialect
            compiled = self._statement.compile(dialect=native)
            # A list bound to IN is spelled out at each run by SQLAlchemy: not for this path.
            if any(b.expanding for b in compiled.binds.values()):
                raise ValueError("a prepared statement takes no expanding (IN list) parameters")
            given = {b.key for b in compiled.binds.values() if b.required}
            fixed = compiled.construct_params(dict.fromkeys(given))
            found = _Compiled(
                sql=compiled.string,
                order=tuple(compiled.positiontup or ()) if compiled.positional else None,
                fixed={k: v for k, v in fixed.items() if k not in given},
            )
            self._by_dialect[dialect.name] = found
        return found

    def _converters_of(self, dialect: Dialect, cursor: Any) -> Any:
        if dialect.name not in self._converters:
            # Read once: the driver builds the description anew each time it is asked.
            converters = tuple(
                column.type.dialect_impl(dialect).result_processor(dialect, described[1])
                for column, described in zip(
                    self._statement.selected_columns, cursor.description, strict=True
                )
            )
            self._converters[dialect.name] = converters if any(converters) else None
        return self._converters[dialect.name]

    def rows(self, session: Session, params: Mapping[str, Any]) -> list[Sequence[Any]]:
        """The statement's rows for ``params`` (a value for each parameter the statement leaves
        open), in the session's transaction."""
        connection = session.connection()
        compiled = self._compiled(connection.dialect)
        values = compiled.fixed | dict(params)
        args: Any = values if compiled.order is None else [values[n] for n in compiled.order]
        dbapi = connection.connection
        cursor = (
            _psycopg_raw_cursor(dbapi.driver_connection)
            if _raw_psycopg(connection.dialect)
            else dbapi.cursor()
        )
        try:
            cursor.execute(compiled.sql, args)
            found = cursor.fetchall()
            converters = self._converters_of(connection.dialect, cursor)
        except connection.dialect.loaded_dbapi.Error as exc:
            raise _as_sqlalchemy_raises(connection, cursor, compiled.sql, exc) from exc
        finally:
            cursor.close()
        if converters is None:
            return list(found)
        return [
            tuple(
                v if f is None or v is None else f(v) for f, v in zip(converters, row, strict=True)
            )
            for row in found
        ]
