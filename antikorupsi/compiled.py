"""Querysets compiled to SQL once per database connection, then run with each call's values (issue 14).

Django builds and compiles a queryset to SQL each time it is evaluated: 0,2-1 ms of Python for each
query of the busiest pages, even a one-table read, longer than PostgreSQL takes to answer it. A read that
a page makes on every request, with the same shape every time, is written once as a function of its
parameters::

    @compiled_query
    def roles(p):
        return TeamMember.objects.filter(team=p.team, user=p.user).values_list("id", "role")

    roles(team=assessment.team_id, user=user.pk)  # [(12, "ketua")]

On a connection's first call the function is given placeholders (``p.team``: a stand-in value of the
type the call passed) and its queryset is compiled. Every call runs that SQL with its own values
and applies the conversions Django applies to the columns (a ``DecimalField`` read from SQLite, a date and
time, a boolean). A call returns what the queryset's ``values_list()`` would give, as a list.

Compiling checks what would make the SQL wrong for another call's values: a parameter that does not
reach the SQL as itself (an ``__in`` list, whose length changes the SQL, is not a parameter; nor is a
``None``, which turns ``=`` into ``IS NULL``), and a call whose parameters are not those the query was
compiled with. A value the function takes from anywhere but its placeholders (today's date, a user from
the caller) would be frozen into the SQL: the functions use only their placeholders and constants.
Parameters are ``int`` or ``str``.
"""

import weakref
from collections.abc import Callable
from functools import update_wrapper

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import FlatValuesListIterable, ValuesListIterable


class _Placeholders:
    """What the query's function receives: ``p.name`` is a mark standing for the call's ``name``, a value
    of its type. Integer marks stay within the range of a small integer column (outside it, a lookup on
    PostgreSQL is decided without the value, and the value does not reach the SQL)."""

    def __init__(self, values: dict, *, first: int, step: int):
        self.marks = {}
        for number, (name, value) in enumerate(values.items()):
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise TypeError(f"a compiled query's parameter is an int or a str, not {value!r}")
            mark = first + step * number
            self.marks[name] = mark if isinstance(value, int) else f"\x00compiled-query-parameter-{mark}"

    def __getattr__(self, name: str):
        try:
            return self.marks[name]
        except KeyError:
            raise AttributeError(f"the compiled query was not called with {name!r}") from None


class _Compiled:
    """A query's SQL, where each of its parameters comes from (a call's value by name, or a constant of
    the queryset), and the converters of its columns.

    The function is compiled twice, with two sets of marks: a parameter of the SQL is the call's ``name``
    where both compilations put the mark of ``name``, and a constant where both put the same value
    (a constant that happens to equal one mark cannot equal the other)."""

    def __init__(self, build: Callable, using: str, values: dict):
        first, second = (
            _Placeholders(values, first=32_700, step=1),
            _Placeholders(values, first=32_500, step=3),
        )
        queryset = build(first).using(using)
        if queryset._iterable_class not in (ValuesListIterable, FlatValuesListIterable):
            raise TypeError("a compiled query's function returns a values_list() queryset")
        self.names = frozenset(values)
        self.flat = queryset._iterable_class is FlatValuesListIterable
        self.compiler = queryset.query.get_compiler(using)
        self.sql, params = self.compiler.as_sql()
        again, params_again = build(second).using(using).query.get_compiler(using).as_sql()
        if again != self.sql or len(params_again) != len(params):
            raise ValueError("a compiled query's SQL depends on its parameters' values")
        self.params = []  # (the call's name, or None for a constant; the constant)
        for value, value_again in zip(params, params_again, strict=True):
            name = next(
                (
                    name
                    for name, mark in first.marks.items()
                    if value == mark and type(value) is type(mark) and value_again == second.marks[name]
                ),
                None,
            )
            if name is None and value != value_again:
                raise ValueError(f"a compiled query's parameter does not reach the SQL as itself: {value!r}")
            self.params.append((name, value))
        missing = self.names - {name for name, _value in self.params}
        if missing:
            raise ValueError(
                f"parameters that do not reach the compiled SQL as themselves: {sorted(missing)}"
            )
        columns = [column[0] for column in self.compiler.select[: self.compiler.col_count]]
        self.converters = self.compiler.get_converters(columns)

    def run(self, connection, values: dict) -> list:
        if values.keys() != self.names:
            raise TypeError(f"the compiled query takes {sorted(self.names)}, not {sorted(values)}")
        params = [value if name is None else values[name] for name, value in self.params]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = [tuple(row) for row in self.compiler.apply_converters(rows, self.converters)]
        if self.flat:
            return [row[0] for row in rows]
        return rows


class CompiledQuery:
    """A read whose SQL is made once per connection (see the module's docstring)."""

    def __init__(self, build: Callable, using: str = DEFAULT_DB_ALIAS):
        self.build = build
        self.using = using
        # Per connection object: each thread has its own, and a closed test database takes its SQL along.
        self._compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        update_wrapper(self, build)

    def __call__(self, **values) -> list:
        connection = connections[self.using]
        compiled = self._compiled.get(connection)
        if compiled is None:
            compiled = self._compiled[connection] = _Compiled(self.build, self.using, values)
        return compiled.run(connection, values)


def compiled_query(build: Callable) -> CompiledQuery:
    """Make ``build(p)``, a function returning a ``values_list()`` queryset of placeholders ``p.name``, a
    read compiled once per connection: ``query(name=value, ...)`` gives its rows."""
    return CompiledQuery(build)


class Columns:
    """The fields of ``model`` reached by ``path`` (``"candidate__region"``; every concrete field, or
    those named in ``only``), as names for a compiled query's ``values_list()``, and the instance made of
    them, as ``select_related()`` or ``only()`` makes it (the other fields deferred)."""

    def __init__(self, model, path: str = "", *, only: tuple[str, ...] | None = None):
        self.model = model
        # In the model's order of fields, which ``Model.from_db`` expects of a part of them.
        self.attnames = tuple(
            field.attname for field in model._meta.concrete_fields if only is None or field.attname in only
        )
        if only is not None and len(self.attnames) != len(only):
            raise ValueError(f"{model.__name__} has no field {sorted(set(only) - set(self.attnames))}")
        self.names = tuple(f"{path}__{name}" if path else name for name in self.attnames)

    def __len__(self) -> int:
        return len(self.attnames)

    def instance(self, row, start: int = 0):
        """The instance of the fields in ``row`` from position ``start``."""
        return self.model.from_db(DEFAULT_DB_ALIAS, self.attnames, row[start : start + len(self.attnames)])


def names(*columns: Columns) -> tuple[str, ...]:
    """The ``values_list()`` names of several models' ``Columns``, one after the other."""
    return tuple(name for each in columns for name in each.names)


def instances(row, *columns: Columns) -> list:
    """The instances of a row of several models' ``Columns`` one after the other, in their order."""
    made, start = [], 0
    for each in columns:
        made.append(each.instance(row, start))
        start += len(each)
    return made


def prefetched(instance, name: str, objects: list) -> None:
    """Give ``instance``'s related manager ``name`` (a reverse foreign key) the ``objects`` a compiled
    query read, as ``prefetch_related_objects`` gives them: ``instance.<name>.all()`` then reads nothing,
    each object's foreign key holds ``instance``, and a further ``filter()`` is a query of ``instance``'s
    rows alone. It fills Django's prefetch cache as Django's own ``prefetch_one_level`` does (its private
    attributes: tests/test_compiled.py holds the behaviour)."""
    manager = getattr(instance, name)
    for each in objects:
        manager.field.set_cached_value(each, instance)
    queryset = manager.get_queryset()
    queryset._result_cache, queryset._prefetch_done = list(objects), True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[manager.field.remote_field.cache_name] = queryset
