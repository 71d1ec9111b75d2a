"""Helpers for running threadscan on Apache Spark (``examples/spark/``): the report tables
as Spark schemas, a scored thread as table rows, and writing the tables as Parquet. Imported
only by Spark jobs (it needs ``pyspark``)."""

from pyspark.sql import types as T

import threadscan

__all__ = ["TABLES", "merged", "schema", "tagged_rows", "write_tables"]

TABLES = ("threads", "comments", "flags")

_TYPES = {
    "string": T.StringType(),
    "integer": T.LongType(),
    "number": T.DoubleType(),
    "boolean": T.BooleanType(),
}


def schema(report):
    """A report's columns (names, order, types of ``datapackage.json``) as a Spark schema."""
    return T.StructType([T.StructField(name, _TYPES[kind], True) for name, kind in threadscan.columns(report)])


def tagged_rows(result):
    """A :class:`threadscan.ThreadResult` as (table, row tuple) pairs, columns in report order."""
    for table in TABLES:
        names = [name for name, _ in threadscan.columns(table)]
        for row in getattr(result, table):
            yield table, tuple(row[n] for n in names)


def write_tables(spark, rows, out):
    """Writes each table of the (table, row) RDD ``rows`` as Parquet under ``out/<table>``."""
    rows = rows.persist()
    for table in TABLES:
        part = rows.filter(lambda tr, table=table: tr[0] == table).map(lambda tr: tr[1])
        spark.createDataFrame(part, schema(table)).write.mode("overwrite").parquet(f"{out}/{table}")
    rows.unpersist()


def merged(campaigns):
    """Sums the per-partition counts into one :class:`threadscan.Campaigns`."""
    total = threadscan.Campaigns()
    for part in campaigns:
        total.merge(part)
    return total
