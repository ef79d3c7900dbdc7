"""Each family's power lever, found from a real poll of its simulated miner, and a draw set
through it read back from the miner.

Simulated miners over real sockets on 127.0.94.10-59.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator

import pytest

from custom_components.asic_miner.power.levers import (
    LeverKind,
    PowerLever,
    apply,
    current_draw_setting,
    lever_for,
    nominal_efficiency,
)
from tests.simulator.testing import DriverClients

_ADDRESSES = (f"127.0.94.{n}" for n in itertools.cycle(range(10, 60)))

# model key: (lever kind, costly, can stop)
EXPECTED = {
    "whatsminer-m50s": (LeverKind.POWER_LIMIT, True, True),
    "whatsminer-m60s": (LeverKind.POWER_LIMIT, True, True),
    "braiins-s21-bos": (LeverKind.POWER_TARGET, False, True),
    "braiins-s19-bosplus": (LeverKind.POWER_TARGET, False, True),
    "vnish-s19pro": (LeverKind.POWER_TARGET, True, True),
    # LuxOS: the power target picks a profile (its watts are the levels); the boards ramp.
    "luxos-s19kpro": (LeverKind.POWER_TARGET, True, True),
    "avalon-mini3": (LeverKind.LEVELS, False, True),
    "avalon-q": (LeverKind.LEVELS, False, True),
    "avalon-nano3s": (LeverKind.LEVELS, False, False),  # no soft off on its firmware
    "antminer-s19pro": (LeverKind.SWITCH, False, True),
    "espminer-bitaxe-gamma": (LeverKind.SWITCH, False, True),
    "antminer-s9": (LeverKind.NONE, False, False),  # no sleep mode on the S9 generation
}


@pytest.fixture
async def polled() -> AsyncIterator[DriverClients]:
    clients = DriverClients(_ADDRESSES)
    yield clients
    await clients.close()


@pytest.mark.parametrize("model", sorted(EXPECTED))
async def test_each_family_offers_its_finest_lever(polled, model: str) -> None:
    miner = await polled(model)
    data = await miner.get_data()
    lever = lever_for(miner, data)
    kind, costly, can_stop = EXPECTED[model]
    assert (lever.kind, lever.costly, lever.can_stop) == (kind, costly, can_stop)
    assert 0 < lever.minimum_w <= lever.maximum_w
    draws = lever.running_draws()
    assert draws[0] == lever.minimum_w
    assert draws[-1] == lever.maximum_w
    assert list(draws) == sorted(draws)
    # Below its lowest draw nothing runs; above its highest it runs at the highest.
    assert lever.fit(lever.minimum_w - 1) is None
    assert lever.fit(lever.maximum_w * 2) == lever.maximum_w
    assert nominal_efficiency(data, miner) is not None


def _other_than(lever: PowerLever, setting: float | None) -> float:
    """A running draw in the lever's middle, other than what it is set to now."""
    draws = lever.running_draws()
    middle = draws[len(draws) // 2]
    return middle if middle != setting or len(draws) == 1 else draws[0]


@pytest.mark.parametrize(
    "model",
    sorted(m for m, (kind, _, _) in EXPECTED.items() if kind is not LeverKind.NONE),
)
async def test_a_draw_set_through_the_lever_is_what_the_miner_reports(polled, model) -> None:
    miner = await polled(model)
    data = await miner.get_data()
    lever = lever_for(miner, data)
    before = current_draw_setting(lever, data)
    wanted = _other_than(lever, before)
    await apply(
        miner, lever, wanted, mining=bool(data.is_mining), current=current_draw_setting(lever, data)
    )
    after = await miner.get_data()
    assert current_draw_setting(lever, after) == wanted
    if lever.adjustable:
        assert wanted != before


@pytest.mark.parametrize("model", sorted(m for m, (_, _, can_stop) in EXPECTED.items() if can_stop))
async def test_stopped_through_the_lever_and_started_again(polled, model: str) -> None:
    miner = await polled(model)
    data = await miner.get_data()
    lever = lever_for(miner, data)
    await apply(miner, lever, None, mining=True)
    if miner.mining_change_delay:
        pytest.skip("the firmware carries out a stop seconds later (Avalon): tested in HA")
    assert (await miner.get_data()).is_mining is False
    await apply(miner, lever, lever.minimum_w, mining=False)
    after = await miner.get_data()
    assert after.is_mining is True
    if lever.adjustable:
        assert current_draw_setting(lever, after) == lever.minimum_w


async def test_an_unchanged_draw_is_not_sent_again(polled) -> None:
    """A Whatsminer restarts its mining software for every power limit it is sent."""
    miner = await polled("whatsminer-m50s")
    sim = polled.sims[miner.host]
    data = await miner.get_data()
    lever = lever_for(miner, data)
    setting = current_draw_setting(lever, data)
    assert setting is not None

    def limits_heard() -> int:
        return sum("power_limit" in entry.name for entry in sim.state.requests.entries)

    await apply(miner, lever, setting, mining=True, current=setting)
    assert limits_heard() == 0
    await apply(miner, lever, lever.minimum_w, mining=True, current=setting)
    assert limits_heard() == 1
    assert current_draw_setting(lever, await miner.get_data()) == lever.minimum_w


async def test_luxos_levels_are_its_profiles_watts(polled) -> None:
    """The budget steps through LuxOS's profiles: each level is one profile's draw, and a
    level set is that profile on the miner."""
    miner = await polled("luxos-s19kpro")
    sim = polled.sims[miner.host]
    data = await miner.get_data()
    lever = lever_for(miner, data)
    watts = [p["Watts"] for p in sim.state.profile_entries()]
    assert [level for _, level in lever.levels] == sorted(watts)
    await apply(miner, lever, 2100, mining=True, current=current_draw_setting(lever, data))
    assert sim.state.profile == "465MHz"  # 2052 W, the most at or below 2100 W
