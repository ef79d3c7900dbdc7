"""The BOSminer backend's parsers on generated input.

Covered: ``backends/braiins/rpc_replies.py`` (every parser), ``toml_config.py`` (loads,
dumps, to_config, power_target, set_power_target, set_pools, set_fan) and the whole poll
(``BraiinsBosminer.data_from``) on the simulated S9's replies, mutated.

Properties: the parsers never raise on whatever a reply holds, and what they return is sane
(finite, not negative, slots in order); the whole poll gives a sane MinerData whose power
target lies within its bounds; ``dumps`` writes TOML that reads back as the document it
was given; a change of the power target or the pools keeps everything else of the file.
"""

from __future__ import annotations

import json
import math
import string
import tomllib
from functools import cache
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from custom_components.asic_miner.driver.backends import cgminer_replies
from custom_components.asic_miner.driver.backends.braiins import rpc_replies, toml_config
from custom_components.asic_miner.driver.backends.braiins.bosminer import (
    POLL,
    BraiinsBosminer,
)
from custom_components.asic_miner.driver.config import FanConfig, FanMode, PoolConfig
from custom_components.asic_miner.driver.errors import MinerProtocolError
from custom_components.asic_miner.driver.settings import NumberKey
from tests.property.checks import (
    check_boards,
    check_errors,
    check_fans,
    check_miner_data,
    check_pools,
    finite_or_none,
    text_or_none,
)
from tests.property.strategies import json_objects, json_values, mutated
from tests.simulator.bosminer import BosminerSim
from tests.simulator.bosminer import rpc as sim_rpc


@cache
def samples() -> dict[str, dict[str, Any]]:
    """Each polled command's reply as the simulated S9 sends it (no socket needed)."""
    sim = BosminerSim("braiins-s9-bosminer", "127.0.70.180")
    found = {}
    for command in POLL:
        raw = sim_rpc.respond(sim, json.dumps({"command": command}).encode())
        assert raw is not None
        found[command] = json.loads(raw.rstrip(b"\x00"))
    return found


REPLIES = st.one_of(
    st.sampled_from(sorted(samples())).flatmap(lambda name: mutated(samples()[name])),
    json_objects,
    json_values,
)


def _all_parsers(reply: Any) -> None:
    version = rpc_replies.version(reply)
    for part in (version.daemon, version.version, version.api):
        text_or_none(part)
    text_or_none(rpc_replies.description(reply))
    text_or_none(rpc_replies.model(reply))
    total = rpc_replies.summary(reply)
    for rate in (total.hashrate, total.current, *total.averages.values()):
        finite_or_none(rate, minimum=0)
    for count in (total.uptime, total.accepted, total.rejected):
        finite_or_none(count, minimum=0)
    for slot, chain in rpc_replies.chains(reply, reply, reply).items():
        assert 0 <= slot <= 15
        for rate in (chain.hashrate, chain.nominal, chain.current):
            finite_or_none(rate, minimum=0)
        finite_or_none(chain.chips, minimum=0)
        finite_or_none(chain.board_temp)
        finite_or_none(chain.chip_temp)
    fans, duty = rpc_replies.fans(reply)
    check_fans(fans)
    finite_or_none(duty, minimum=0)
    tuner = rpc_replies.tuner(reply)
    if tuner is not None:
        finite_or_none(tuner.power, minimum=0)
        finite_or_none(tuner.power_limit, minimum=0)
        assert all(0 <= slot <= 15 for slot in tuner.states)
    text_or_none(rpc_replies.tuner_state(tuner))
    check_errors(rpc_replies.errors(tuner))
    check_pools(cgminer_replies.pools(reply))
    assert isinstance(rpc_replies.paused(reply, "PAUSE"), bool)


@given(REPLIES)
def test_parsers_never_raise_and_read_sane_figures(reply: Any) -> None:
    _all_parsers(reply)


@given(st.fixed_dictionaries({name: mutated(sample) for name, sample in samples().items()}))
def test_a_whole_poll_of_mutated_replies_is_sane(found: dict[str, Any]) -> None:
    miner = BraiinsBosminer("127.0.70.181")
    data = miner.data_from(found, {"mac": "00:0a:3a:01:02:03", "hostname": "miner-010203"})
    check_miner_data(data)
    check_boards(data.hashboards)
    target = data.settings.numbers.get(NumberKey.POWER_TARGET)
    if target is not None:
        assert target.value is not None
        assert math.isfinite(target.value)
        assert target.minimum <= target.maximum


def test_the_untouched_poll_reads_as_the_simulator_says() -> None:
    data = BraiinsBosminer("127.0.70.182").data_from(samples(), {})
    assert data.model == "S9"
    assert data.wattage_limit == 1420
    assert [b.chips for b in data.hashboards] == [63, 63, 63]


# -- bosminer.toml ------------------------------------------------------------------------

KEYS = st.text(string.ascii_letters + string.digits + "_-. '\"é\\", min_size=1, max_size=10)
SCALARS = st.one_of(
    st.text(max_size=20),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4), max_leaves=6)
TABLES = st.recursive(
    st.dictionaries(KEYS, VALUES, max_size=5),
    lambda inner: st.dictionaries(
        KEYS,
        st.one_of(VALUES, inner, st.lists(inner, min_size=1, max_size=3)),
        max_size=4,
    ),
    max_leaves=12,
)


@given(TABLES)
def test_dumps_reads_back_as_the_document(doc: dict[str, Any]) -> None:
    assert tomllib.loads(toml_config.dumps(doc)) == doc


@given(st.text(max_size=200))
def test_loads_raises_only_a_driver_error(text: str) -> None:
    try:
        doc = toml_config.loads(text)
    except MinerProtocolError:
        return
    config = toml_config.to_config(doc)
    assert isinstance(config.pools, list)
    power = toml_config.power_target(doc)
    assert power is None or isinstance(power, int)


REAL = toml_config.loads(
    "[format]\nversion = '1.0'\nmodel = 'Antminer S9'\n\n[[group]]\nname = 'Default'\n\n"
    "[[group.pool]]\nurl = 'stratum+tcp://a.example:3333'\nuser = 'u'\n\n"
    "[autotuning]\nenabled = true\npsu_power_limit = 1420\n"
)
DOCS = st.one_of(st.just(REAL), st.builds(lambda extra: {**REAL, **extra}, TABLES))
POOLS = st.lists(
    st.builds(
        PoolConfig,
        st.from_regex(r"stratum\+tcp://[a-z]{1,8}\.example:[1-9][0-9]{0,3}", fullmatch=True),
        st.text(string.ascii_letters + ".", min_size=1, max_size=10),
        st.text(max_size=16),
    ),
    min_size=1,
    max_size=4,
)


@given(DOCS, st.integers(100, 5000), POOLS, st.sampled_from(list(FanMode)))
def test_changes_keep_the_rest_of_the_file(
    doc: dict[str, Any], watts: int, pools: list[PoolConfig], fan: FanMode
) -> None:
    before = tomllib.loads(toml_config.dumps(doc))
    changed = tomllib.loads(toml_config.dumps(doc))
    toml_config.set_power_target(changed, watts)
    toml_config.set_pools(changed, pools)
    toml_config.set_fan(changed, FanConfig(fan, 50 if fan is FanMode.MANUAL else None))
    after = tomllib.loads(toml_config.dumps(changed))
    assert toml_config.power_target(after) == watts
    config = toml_config.to_config(after)
    assert [(p.url, p.user, p.password) for p in config.pools] == [
        (p.url, p.user, p.password) for p in pools
    ]
    touched = {"autotuning", "group", "temp_control", "fan_control"}
    assert {k: v for k, v in after.items() if k not in touched} == {
        k: v for k, v in before.items() if k not in touched
    }
