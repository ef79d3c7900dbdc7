"""IceRiver's panel parsers on arbitrary JSON and on mutated captured replies.

Covered: ``backends/iceriver/replies.py`` (rates with unit letters, "dd:hh:mm:ss" uptimes,
the model in softver1, boards, fans, pools, the pools as settings, answers' error codes,
the machine page's fan fields), the pool form of ``controls.py``, and the backend's whole
reading of one panel reply (``backend.miner_data``). Property: nothing but a driver
error escapes, and what a user sees is sane (finite numbers, nothing negative);
unbroken, the capture reads as recorded.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from custom_components.asic_miner.driver import Algorithm
from custom_components.asic_miner.driver.backends.iceriver import controls, replies
from custom_components.asic_miner.driver.backends.iceriver.backend import miner_data
from custom_components.asic_miner.driver.config import PoolConfig
from tests.simulator.iceriver import captures

from .checks import check_miner_data, finite_or_none, result_or_driver_error, text_or_none
from .strategies import json_values, mutated

CAPTURE = captures.USERPANEL_KS3M
panels = st.one_of(json_values, mutated(CAPTURE), st.just(CAPTURE))
machines = st.one_of(
    json_values, mutated(captures.MACHINECONFIG_KS3M), st.just(captures.MACHINECONFIG_KS3M)
)


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


@given(reply=st.one_of(panels, machines))
def test_answers_pools_and_fan_fields_never_raise(reply: Any) -> None:
    data = reply.get("data") if isinstance(reply, dict) else None
    data = data if isinstance(data, dict) else {}
    code = replies.error_code(reply) if isinstance(reply, dict) else None
    assert code is None or isinstance(code, int)
    for pool in replies.config_pools(data):
        assert pool.url.strip()
        assert isinstance(pool.user, str)
        assert isinstance(pool.password, str)
    fan = replies.fan_settings(data)
    assert fan == {} or (fan["fanratio"].isdigit() and fan["fanmode"] in ("normal", "sleep"))
    form = controls.pool_form(replies.config_pools(data)[:3], data)
    assert form["post"] == "2"
    assert all(isinstance(v, str) for v in form.values())


def test_the_captured_machine_page_fills_the_form_as_its_page_does() -> None:
    """machine.js: the slots from ``pools``, ``fanratio`` from ``ratio``, ``fanmode``
    "normal" for ``mode`` 1."""
    data = captures.MACHINECONFIG_KS3M["data"]
    form = controls.pool_form(replies.config_pools(data)[:1], data)
    assert form == {
        "pool1address": "stratum+tcp://kheavyhash.auto.nicehash.com:9200",
        "pool1miner": "NHb...L6D",
        "pool1pwd": "x",
        "pool2address": "",
        "pool2miner": "",
        "pool2pwd": "",
        "pool3address": "",
        "pool3miner": "",
        "pool3pwd": "",
        "fanratio": "1",
        "fanmode": "normal",
        "post": "2",
    }
    assert replies.fan_settings({"ratio": 60, "mode": 2})["fanmode"] == "sleep"
    assert replies.error_code({"error": "1004"}) == 1004
    assert replies.error_code({"error": 1.5}) is None


def test_the_al3_is_named_by_its_product_number() -> None:
    """softver1 of an AL3 names 10306 (pyasic's factory maps it to the AL3)."""
    assert replies.model_name({"softver1": "release_10306_miner"}) == "AL3"
    assert replies.model_name({"softver1": "x_KS5miner"}) == "KS5"


def test_pool_fields_the_firmware_would_break_on_are_refused() -> None:
    with pytest.raises(ValueError, match="pool 2 password"):
        controls.check_fields([PoolConfig("stratum+tcp://a:1", "u"), PoolConfig("b:1", "u", "\\")])
    controls.check_fields([PoolConfig("stratum+tcp://a:1", "kaspa:q", "p w")])
