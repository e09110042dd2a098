"""Which columns of a table a loader reads, checked before any data is read.

The dataset loaders (``read_parquet``, ``read_arrow``, ``read_csv``) map columns the
same way: ``text_field`` is the text, ``id_field`` the id (without such a column, a
stable id from the file and row), every other column - or only the listed ``columns`` -
goes to ``meta``. A column a stage names that a file lacks is an :class:`InputError` at
planning time listing the file's columns with the closest name; so is a text column that
is not a string, and a file of one glob whose columns differ from the first file's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from corpuskit._errors import InputError, closest

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["ColumnMap", "check_same_columns", "is_text_type"]

DEFAULT_ID = "id"


@attrs.frozen
class ColumnMap:
    """What a loader reads of a table: the text and id columns, and those kept in ``meta``.

    ``columns`` None keeps every other column; ``id_field`` missing from a file is an
    error unless it is the default ``id`` (then ids are made from the file and row).
    """

    stage: str
    text_field: str
    id_field: str
    columns: tuple[str, ...] | None = None

    def check(self, names: Sequence[str], path: str) -> None:
        """Raise InputError naming ``path`` if a column this map names is not in ``names``."""
        wanted = [("text_field", self.text_field)]
        if self.id_field != DEFAULT_ID:
            wanted.append(("id_field", self.id_field))
        wanted += [("columns", c) for c in self.columns or ()]
        for key, column in wanted:
            if column not in names:
                raise _missing(self.stage, key, column, names, path)

    def meta_names(self, names: Sequence[str]) -> list[str]:
        """The columns that go to ``meta``, in the file's order (or the order of ``columns``)."""
        if self.columns is not None:
            return [c for c in self.columns if c not in (self.text_field, self.id_field)]
        return [c for c in names if c not in (self.text_field, self.id_field)]

    def read_names(self, names: Sequence[str]) -> list[str]:
        """Every column to read: text, id (if the file has it) and the meta columns."""
        found = [self.text_field] + ([self.id_field] if self.id_field in names else [])
        return found + [c for c in self.meta_names(names) if c not in found]

    def check_text_type(self, schema: pa.Schema, path: str) -> None:
        """Raise InputError if the text column of ``schema`` does not hold strings."""
        kind = schema.field(self.text_field).type
        if not is_text_type(kind):
            strings = [f.name for f in schema if is_text_type(f.type)]
            raise InputError(
                f"'{path}': the text column '{self.text_field}' holds {kind}, not strings",
                key=f"{self.stage}.text_field",
                hint=f"name a string column with text_field (string columns: {', '.join(strings) or 'none'})",
            )


def is_text_type(kind: pa.DataType) -> bool:
    """Whether an Arrow column of ``kind`` holds strings (dictionary-encoded ones too)."""
    import pyarrow as pa  # here: planning a CSV input, or importing corpuskit, does not load pyarrow

    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind))


def check_same_columns(stage: str, first: tuple[str, pa.Schema], other: tuple[str, pa.Schema],
                       columns: tuple[str, ...] | None, fields: tuple[str, str]) -> None:
    """Raise InputError if ``other``'s file differs from ``first``'s in the columns read.

    With ``columns`` listed only those (and the text and id ``fields``) must agree, in
    presence and type; without, every column must.
    """
    (first_path, first_schema), (path, schema) = first, other
    names = set(first_schema.names) if columns is None else {*columns, *fields}
    for name in sorted(names):
        here = first_schema.get_field_index(name) >= 0
        there = schema.get_field_index(name) >= 0
        if here != there:
            has, lacks = (first_path, path) if here else (path, first_path)
            raise InputError(
                f"'{lacks}' has no column '{name}', which '{has}' has: the files of one stage must share their columns",
                key=f"{stage}.paths", hint=_differ_hint(columns),
            )
        if here and not first_schema.field(name).type.equals(schema.field(name).type):
            raise InputError(
                f"column '{name}' is {schema.field(name).type} in '{path}' but "
                f"{first_schema.field(name).type} in '{first_path}'",
                key=f"{stage}.paths", hint=_differ_hint(columns),
            )
    if columns is None:
        extra = sorted(set(schema.names) - names)
        if extra:
            raise InputError(
                f"'{path}' has columns that '{first_path}' has not: {', '.join(extra)}",
                key=f"{stage}.paths", hint=_differ_hint(columns),
            )


def _differ_hint(columns: tuple[str, ...] | None) -> str:
    if columns is None:
        return "list the columns to keep in meta with columns: [...] (then only those must agree), or read the files " \
               "with separate stages"
    return "read the files with separate stages, or list only the columns they share in columns: [...]"


def _missing(stage: str, key: str, column: str, names: Sequence[str], path: str) -> InputError:
    near = closest(column, names)
    guess = f"did you mean '{near}'? " if near else ""
    return InputError(
        f"'{path}' has no column '{column}' (its columns: {', '.join(names) or 'none'})",
        key=f"{stage}.{key}",
        hint=f"{guess}" + ("list only columns the file has" if key == "columns" else
                           f"set {key} to one of the file's columns"),
    )
