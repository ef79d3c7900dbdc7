"""Hypothesis strategies: arbitrary JSON, and real-shaped replies with a few things broken.

``mutated(sample)`` changes a handful of places in a reply taken from the simulator: a key
dropped, a value of another type, None, a huge or negative number, NaN or infinity (as a
number or a string), nested junk, odd unicode. ``damaged_bytes(sample)`` then works on the
serialised text: cut short, trailing NULs, stray bytes.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st

HUGE = 10**400  # beyond any float: float(HUGE) overflows
SPECIAL_STRINGS = (
    "",
    " ",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "1e999",
    "-1e999",
    "-1",
    "-0",
    "0",
    "1e308",
    "-1e308",
    "1,000.5",
    "1_000",
    "0x1f",
    "\uff11\uff12\uff13",  # full-width digits: float() takes them
    "12-34-56",
    "--",
    "\x00",
    "\ud800",  # a lone surrogate, as a JSON "\ud800" escape decodes to
    "🔥" * 3,
    "e" * 300,
    "Antminer S19 Pro (vnish 1.2)",
    "whatsminer v",
    "GH",
    "PH",
    "true",
    "false",
    "auto",
)
SPECIAL_NUMBERS = (
    0,
    -1,
    -(2**63),
    2**64,
    HUGE,
    -HUGE,
    1e308,
    -1e308,
    float("nan"),
    float("inf"),
    float("-inf"),
    5e-324,
    -0.0,
    True,
    False,
)

leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-HUGE, max_value=HUGE),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(SPECIAL_STRINGS),
    st.sampled_from(SPECIAL_NUMBERS),
)

keys = st.one_of(st.text(max_size=12), st.sampled_from(SPECIAL_STRINGS))
json_values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(keys, inner, max_size=5),
    ),
    max_leaves=20,
)
json_objects = st.dictionaries(st.text(max_size=12), json_values, max_size=8)


def socket_examples() -> int:
    """Examples for a test over real sockets: a quarter of the profile's, at least 30."""
    return max(30, settings.default.max_examples // 4)


def _children(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return list(node)
    if isinstance(node, list):
        return list(range(len(node)))
    return []


def _replacement(draw: st.DrawFn, old: Any) -> Any:
    kind = draw(st.integers(0, 7))
    if kind == 0:
        return None
    if kind == 1:
        return draw(st.sampled_from(SPECIAL_NUMBERS))
    if kind == 2:
        return draw(st.sampled_from(SPECIAL_STRINGS))
    if kind == 3 and isinstance(old, bool | int | float):
        return draw(st.sampled_from([str(old), -old, old * 10**300, [old], {"v": old}]))
    if kind == 4 and isinstance(old, str):
        return draw(st.sampled_from([[old], {old: old}, len(old), old * 50, old[::-1]]))
    if kind == 5 and isinstance(old, dict):
        return draw(st.sampled_from([list(old.values()), list(old), [old, old], str(old)]))
    if kind == 6 and isinstance(old, list):
        return draw(st.sampled_from([dict(enumerate(old)), old[:1], old * 20, {"0": old}]))
    return draw(json_values)


@st.composite
def mutated(draw: st.DrawFn, sample: Any, max_changes: int = 6) -> Any:
    """``sample`` (deep-copied) with one to ``max_changes`` places changed or dropped."""
    value = copy.deepcopy(sample)
    root = [value]
    for _ in range(draw(st.integers(1, max_changes))):
        parent: Any = root
        key: Any = 0
        # Walk down a random path; stop anywhere on the way.
        while _children(parent[key]) and draw(st.integers(0, 3)):
            node = parent[key]
            parent, key = node, draw(st.sampled_from(_children(node)))
        if draw(st.integers(0, 3)) == 0 and parent is not root:
            del parent[key]  # a dropped key, or a list one element shorter
        else:
            parent[key] = _replacement(draw, parent[key])
    return root[0]


def dumps(value: Any) -> str:
    """JSON as firmware might write it: NaN and Infinity bare, non-ASCII raw or escaped."""
    return json.dumps(value, allow_nan=True, ensure_ascii=False)


@st.composite
def damaged_bytes(draw: st.DrawFn, sample: Any) -> bytes:
    """A (possibly mutated) sample serialised, then possibly cut, padded or spliced."""
    value = draw(st.one_of(st.just(sample), mutated(sample)))
    data = dumps(value).encode("utf-8", errors="surrogatepass")
    kind = draw(st.integers(0, 4))
    if kind == 1:
        data = data[: draw(st.integers(0, len(data)))]
    elif kind == 2:
        data += b"\x00" * draw(st.integers(1, 3))
    elif kind == 3:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    elif kind == 4:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + data[at + draw(st.integers(1, 20)) :]
    return data
