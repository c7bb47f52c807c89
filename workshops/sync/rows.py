"""Model instances from hand-written SQL, for the few reads on the live session's hot path.

Why: on this machine building an ORM query costs 0.8–2 ms of Python (a select_related over
three tables, an annotation with GROUP BY), against 0.05 ms for running it. The live
session's writes and wall updates run about once a second per workshop, so the query
building was most of their cost (docs/performance.md). Everything else keeps the ORM.

`Table` lists a model's concrete columns under an alias for a SELECT, and turns that slice of
a row back into an instance with the ORM's own pieces: the backend's and the field's value
converters (SQLite's datetimes, booleans and UUIDs) and `Model.from_db`. So an instance from
here equals the ORM's, which `tests/test_live_rows.py` checks field by field.
"""

from django.db import connection
from django.db.models import Model
from django.db.models.expressions import Col


class Table:
    def __init__(self, model: type[Model], alias: str):
        self.model = model
        self.alias = alias
        self.fields = list(model._meta.concrete_fields)
        self.width = len(self.fields)
        self.attnames = [f.attname for f in self.fields]
        self.pk_index = self.fields.index(model._meta.pk)
        self.name = model._meta.db_table
        self.columns = ", ".join(f'{alias}."{f.column}"' for f in self.fields)
        self._converters: dict[str, list] = {}

    def __str__(self) -> str:
        return f"{self.name} {self.alias}"

    def converters(self) -> list:
        """Per column: the (converter, expression) pairs the ORM itself would apply."""
        vendor = connection.vendor
        if vendor not in self._converters:
            per_column = []
            for field in self.fields:
                expression = Col(self.alias, field)
                found = connection.ops.get_db_converters(expression) + field.get_db_converters(
                    connection
                )
                per_column.append([(converter, expression) for converter in found])
            self._converters[vendor] = per_column
        return self._converters[vendor]

    def instance(self, row, start: int = 0):
        """The model instance in row[start:start + width]; None for a LEFT JOIN's empty side."""
        values = list(row[start : start + self.width])
        if values[self.pk_index] is None:
            return None
        for i, pairs in enumerate(self.converters()):
            for converter, expression in pairs:
                values[i] = converter(values[i], expression, connection)
        return self.model.from_db(connection.alias, self.attnames, values)


def cache_related(instance: Model, name: str, related: Model | None) -> None:
    """What select_related does: the related object rides along, so reading it later costs
    no query. The foreign key's own value is left as the row had it."""
    instance._meta.get_field(name).set_cached_value(instance, related)


def fetch(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
