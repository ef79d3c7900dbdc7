"""The reply repairer: ``transport/json_repair.py``.

Covered: ``parse_json`` (strict parse, the firmware-defect repairs, truncation recovery,
``allow_truncated``), ``close_truncated`` and ``excerpt``. Property: any bytes or text give
parsed JSON or a MinerProtocolError (TruncatedReplyError when a cut reply is refused);
never another exception, and a reply that is valid JSON comes back unchanged.
"""

from __future__ import annotations

import json
import time
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from custom_components.asic_miner.driver.errors import MinerProtocolError
from custom_components.asic_miner.driver.transport.json_repair import (
    EXCERPT_LENGTH,
    TruncatedReplyError,
    close_truncated,
    excerpt,
    parse_json,
)

from . import samples
from .checks import result_or_driver_error
from .strategies import damaged_bytes, dumps, json_values

ALL_SAMPLES = [
    *samples.antminer().values(),
    *samples.antminer("antminer-s9").values(),
    *samples.whatsminer_v2().values(),
    *samples.whatsminer_v3().values(),
]
samples_as_bytes = st.sampled_from(ALL_SAMPLES).flatmap(damaged_bytes)
DEEP = b"[" * 30_000
DEEP_OBJECT = b'{"a":' * 30_000


def _parse(raw: bytes | str, allow_truncated: bool) -> Any:
    outcome = result_or_driver_error(lambda: parse_json(raw, allow_truncated=allow_truncated))
    if isinstance(outcome, Exception):
        assert isinstance(outcome, MinerProtocolError), repr(outcome)
    return outcome


@given(st.binary(max_size=300), st.booleans())
@example(DEEP, True)
@example(DEEP + b"]" * 30_000, False)
@example(DEEP_OBJECT + b"1" + b"}" * 30_000, True)
@example(b"1" * 5000, True)  # an int longer than Python converts
@example(b'{"a": 1' + b"0" * 5000 + b"}", True)
def test_any_bytes_parse_or_raise_protocol_error(raw: bytes, allow_truncated: bool) -> None:
    _parse(raw, allow_truncated)


@given(st.text(max_size=300), st.booleans())
@example("\ud800{", True)
@example(',"id":1}', True)
def test_any_text_parses_or_raises_protocol_error(raw: str, allow_truncated: bool) -> None:
    _parse(raw, allow_truncated)


@given(samples_as_bytes, st.booleans())
def test_damaged_real_replies_parse_or_raise_protocol_error(
    raw: bytes, allow_truncated: bool
) -> None:
    _parse(raw, allow_truncated)


@given(json_values)
def test_valid_json_comes_back_unchanged(value: Any) -> None:
    text = dumps(value)
    assert dumps(parse_json(text.encode("utf-8", "surrogatepass"))) == dumps(
        json.loads(text.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
    )


@given(st.sampled_from(ALL_SAMPLES), st.data())
def test_a_cut_reply_is_refused_or_shortened_never_invented(
    sample: Any, data: st.DataObject
) -> None:
    """A reply cut anywhere: refused with allow_truncated=False, else at most what was sent."""
    raw = json.dumps(sample).encode()
    cut = raw[: data.draw(st.integers(1, len(raw) - 1))]
    refused = result_or_driver_error(lambda: parse_json(cut, allow_truncated=False))
    assert isinstance(refused, MinerProtocolError)
    shortened = _parse(cut, True)
    if not isinstance(shortened, Exception) and isinstance(shortened, dict):
        assert set(shortened) <= set(sample)


@given(st.text(max_size=300))
def test_close_truncated_gives_text_or_none(raw: str) -> None:
    closed = close_truncated(raw)
    assert closed is None or isinstance(closed, str)


@given(st.text(max_size=300), st.integers(1, 200))
def test_excerpt_is_one_short_line(raw: str, limit: int) -> None:
    short = excerpt(raw, limit)
    assert "\n" not in short
    assert "\r" not in short
    assert len(short) <= limit + 1


def test_repairs_take_linear_time_on_hostile_input() -> None:
    """Patterns with nested repetition must not backtrack for ages on a near miss."""
    hostile = '{"error_code":[' + '"1":"2"' + " " * 5000 + '"3":"4"' * 2000
    start = time.monotonic()
    outcome = _parse(hostile, True)
    assert time.monotonic() - start < 2.0
    assert isinstance(outcome, Exception | dict)
    assert len(excerpt(hostile)) == EXCERPT_LENGTH + 1
    assert TruncatedReplyError.__mro__[1] is MinerProtocolError
