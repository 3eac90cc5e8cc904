"""Hypothesis strategies for what a curious visitor types where a number is expected."""

from __future__ import annotations

from hypothesis import strategies as st

# Each one broke or could break an isdigit()-then-int() check, or a naive bound.
NASTY_NUMBERS = [
    "²", "³", "¹²", "٣", "१२", "１２", "⑫", "Ⅻ", "1" * 5000, "9" * 19, "99999999999999999999",
    "-1", "+1", "-0", "1e3", "1.0", "1,0", "1_000", "0x10", " ", "\x00", "1\x00", "2024\n",
    "NaN", "inf", "-inf", "", "⁰", "𝟚𝟘𝟚𝟜",
]

nasty_numbers = st.one_of(
    st.sampled_from(NASTY_NUMBERS),
    st.text(max_size=12),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=6),
)
