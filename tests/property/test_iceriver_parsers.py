"""IceRiver's panel parsers on arbitrary JSON and on mutated captured replies.

Covered: ``backends/iceriver/replies.py`` (rates with unit letters, "dd:hh:mm:ss" uptimes,
the model in softver1, boards, fans, pools) and the backend's whole reading of one panel
reply (``backend.miner_data``). Property: nothing but a driver error escapes, and what a
user sees is sane (finite numbers, nothing negative); unbroken, the capture reads as
recorded.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from custom_components.asic_miner.driver import Algorithm
from custom_components.asic_miner.driver.backends.iceriver import replies
from custom_components.asic_miner.driver.backends.iceriver.backend import miner_data
from tests.simulator.iceriver import captures

from .checks import check_miner_data, finite_or_none, result_or_driver_error, text_or_none
from .strategies import json_values, mutated

CAPTURE = captures.USERPANEL_KS3M
panels = st.one_of(json_values, mutated(CAPTURE), st.just(CAPTURE))


@given(reply=panels, value=json_values, unit=json_values)
def test_pure_readers_never_raise(reply: Any, value: Any, unit: Any) -> None:
    finite_or_none(replies.rate(value, unit), minimum=0)
    finite_or_none(replies.uptime(value), minimum=0)
    data = replies.panel(reply)
    assert data is None or isinstance(data, dict)
    text_or_none(replies.model_name(data or {}))
    assert replies.flag(value) in (True, False, None)


@given(reply=panels, model=st.sampled_from([None, "KS3M", "AL3", "KS0"]))
def test_a_panel_reads_to_sane_data_or_a_driver_error(reply: Any, model: str | None) -> None:
    data = replies.panel(reply)
    if data is None:
        return
    result = result_or_driver_error(lambda: miner_data("127.0.105.250", data, model, "IceRiver"))
    if not isinstance(result, Exception):
        check_miner_data(result)
        assert len(result.hashboards) >= 3  # the model's three, a missing one marked so


def test_the_unbroken_capture_reads_as_recorded() -> None:
    data = replies.panel(CAPTURE)
    assert data is not None
    result = miner_data("127.0.105.250", data, replies.model_name(data), "IceRiver")
    assert (result.model, result.algorithm, result.hashrate) == (
        "KS3M",
        Algorithm.KHEAVYHASH,
        6.226,
    )
    assert result.uptime == 9 * 3600 + 36 * 60 + 2
    assert [b.chips for b in result.hashboards] == [18, 18, 18]
    assert [p.url for p in result.pools if p.active] == ["stratum+tcp://asia-kas.2miners.com:2323"]


def test_rates_with_their_unit_letters() -> None:
    assert [replies.rate(v, "G") for v in ("6226G", "2151.38G", "15T", "900M", 512)] == [
        6.226,
        2.15138,
        15.0,
        0.0009,
        0.512,
    ]
    assert [replies.rate(v) for v in ("", "G", "-3G", "1e9999G", None)] == [None] * 5
