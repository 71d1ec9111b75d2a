"""Shared fixtures of the package's tests: the repository's paths, and report comparison."""

import math
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"


def _plain(value):
    """A cell as a comparable Python value: missing values (None, NaN, NA) are None."""
    if value is None:
        return None
    try:
        if value != value:  # NaN
            return None
    except (TypeError, ValueError):
        pass
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def records(frame, ignore=()):
    """A DataFrame's rows as a list of dicts of plain values, in row order."""
    columns = [c for c in frame.columns if c not in ignore]
    return [{c: _plain(row[c]) for c in columns} for row in frame.to_dict("records")]


def assert_same_rows(got, want, key, ignore=()):
    """The two tables have the same columns, in order, and the same rows (sorted by `key`)."""
    assert list(got.columns) == list(want.columns)
    g = sorted(records(got, ignore), key=lambda r: tuple(str(r[k]) for k in key))
    w = sorted(records(want, ignore), key=lambda r: tuple(str(r[k]) for k in key))
    assert len(g) == len(w)
    for a, b in zip(g, w):
        assert a == b


@pytest.fixture(scope="session")
def root():
    return ROOT


def fixture(*parts):
    path = FIXTURES.joinpath(*parts)
    assert path.exists(), path
    return path


os.environ.setdefault("PYTHONHASHSEED", "0")
