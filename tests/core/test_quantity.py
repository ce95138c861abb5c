from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core import quantity as q


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1Gi", 2**30),
        ("1G", 10**9),
        ("0.5Gi", 2**29),
        ("100m", Fraction(1, 10)),
        ("1e3", 1000),
        ("1E3", 1000),
        ("1E", 10**18),
        ("800E", 800 * 10**18),
        ("1k", 1000),
        ("12", 12),
        ("+5Mi", 5 * 2**20),
        (".5", Fraction(1, 2)),
        ("1n", Fraction(1, 10**9)),
    ],
)
def test_parse_exact(text, value):
    assert q.parse(text).value == value


@pytest.mark.parametrize("text", ["1K", "1gi", "1GB", "", "abc", "1.2.3Gi", "Gi", "1e", "--1", "1 Gi"])
def test_parse_rejects_with_api_server_text(text):
    with pytest.raises(q.QuantityError) as info:
        q.parse(text)
    assert "quantit" in str(info.value)


def test_binary_and_decimal_differ():
    assert q.parse("1Gi") > q.parse("1G")
    assert q.parse("950E") > q.parse("800E")


def test_absurd_exponent_is_refused_quickly():
    with pytest.raises(q.QuantityError):
        q.parse("1e999999999")


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("1Gi", "1Gi"), ("1024Mi", "1Gi"), ("1536Mi", "1536Mi"), ("0.5Gi", "512Mi"),
        ("1G", "1G"), ("1000M", "1G"), ("1.5G", "1500M"), ("100m", "100m"), ("1e3", "1e3"),
        ("0", "0"), ("512", "512"), ("800E", "800E"), ("1000E", "1000E"), ("0.1", "100m"),
    ],
)
def test_canonical_printing(text, canonical):
    assert str(q.parse(text)) == canonical


def test_values_beyond_nano_round_up():
    assert q.parse("0.0000000001").value == Fraction(1, 10**9)


@given(st.integers(min_value=1, max_value=2**70), st.sampled_from(["", "Ki", "Mi", "Gi", "k", "M", "G"]))
def test_round_trip(number, suffix):
    parsed = q.parse(f"{number}{suffix}")
    assert q.parse(str(parsed)).value == parsed.value
