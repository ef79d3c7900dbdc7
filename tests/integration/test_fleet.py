"""A fleet of simulated miners through Home Assistant, the clock moved forward.

Members: a Braiins OS S21 Pro (power target, the most efficient), an Avalon Mini 3 (work
levels) and a stock Antminer S19 Pro (sleep / wake only, the least efficient). What the
tests assert is what a user sees: the members' power sensors (each read from its simulated
miner) against the budget, how often each miner was started or stopped, the fleet's sums.
Addresses: 127.0.91.x.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Final

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import SOURCE_USER, ConfigEntry
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNKNOWN
from homeassistant.core import HomeAssistant, State
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    mock_restore_cache_with_extra_data,
)
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

from custom_components.asic_miner.const import (
    BUDGET_SENSOR_GRID,
    BUDGET_SENSOR_SURPLUS,
    CONF_BUDGET_SENSOR,
    CONF_BUDGET_SENSOR_KIND,
    CONF_ENTRY_TYPE,
    CONF_HYSTERESIS,
    CONF_MEMBERS,
    CONF_MIN_OFF,
    CONF_MIN_ON,
    CONF_PRICE_SENSOR,
    CONF_PRICE_START,
    CONF_PRICE_STOP,
    CONF_ROOM_SENSOR,
    CONF_SMOOTHING,
    DOMAIN,
    ENTRY_TYPE_FLEET,
)

from .conftest import (
    WHATSMINER_PASSWORD,
    SimFactory,
    start_whatsminer,
    whatsminer_entry_for,
)

S21: Final = ("braiins-s21-bos", "127.0.91.10", "antminer_s21_pro")
MINI3: Final = ("avalon-mini3", "127.0.91.11", "avalon_mini_3")
S19: Final = ("antminer-s19pro", "127.0.91.12", "antminer_s19_pro")
M50S_HOST: Final = "127.0.91.13"
S19_NOMINAL_W: Final = 3250.0
HYSTERESIS = 100
SURPLUS = "sensor.solar_surplus"
PRICE = "sensor.electricity_price"


@dataclass
class Fleet:
    hass: HomeAssistant
    freezer: FrozenDateTimeFactory
    entry: ConfigEntry
    sims: dict[str, Any]
    members: dict[str, ConfigEntry]
    # Every change of a member's mining state seen, per prefix: (minutes since start, on).
    switches: dict[str, list[tuple[float, bool]]] = field(default_factory=dict)
    minutes: float = 0.0
    reasons: list[Any] = field(default_factory=list)

    def plan_reasons(self) -> dict[str, str]:
        state = self.hass.states.get("sensor.fleet_power_budget_in_use")
        rows = state.attributes.get("plan") if state is not None else None
        return {row["miner"]: row["reason"] for row in rows or []}

    def state(self, entity_id: str) -> State:
        state = self.hass.states.get(entity_id)
        assert state is not None, entity_id
        return state

    def member_power(self, prefix: str) -> float:
        """A member's power as its own sensor shows it (0 while it sleeps); the stock S19
        Pro reports none: its model's 3250 W while it hashes."""
        if not self.mining(prefix):
            return 0.0
        state = self.hass.states.get(f"sensor.{prefix}_power")
        if state is None:
            return S19_NOMINAL_W
        return float(state.state) if state.state not in ("unknown", "unavailable") else 0.0

    def mining(self, prefix: str) -> bool:
        return self.state(f"binary_sensor.{prefix}_hashing").state == STATE_ON

    def total_draw(self) -> float:
        return sum(self.member_power(prefix) for prefix in self.prefixes())

    def prefixes(self) -> Iterator[str]:
        return iter((S21[2], MINI3[2], S19[2]))

    async def tick(self, minutes: float = 0.5) -> None:
        """Move the clock on; the members poll and the fleet plans as it goes."""
        steps = max(1, round(minutes * 2))
        for _ in range(steps):
            self.freezer.tick(timedelta(seconds=30))
            async_fire_time_changed(self.hass)
            await self.hass.async_block_till_done(wait_background_tasks=True)
            self.minutes += 0.5
            for prefix in self.prefixes():
                seen = self.switches.setdefault(prefix, [])
                now_on = self.mining(prefix)
                if not seen or seen[-1][1] != now_on:
                    seen.append((self.minutes, now_on))
                    self.reasons.append((self.minutes, prefix, now_on, self.plan_reasons()))

    async def set_budget(self, watts: float) -> None:
        await self.hass.services.async_call(
            "number",
            "set_value",
            {"entity_id": "number.fleet_power_budget", "value": watts},
            blocking=True,
        )
        await self.hass.async_block_till_done()

    def plan(self) -> dict[str, dict[str, Any]]:
        return {
            row["miner"]: row
            for row in self.state("sensor.fleet_power_budget_in_use").attributes["plan"] or []
        }


async def _add_by_address(hass: HomeAssistant, host: str) -> ConfigEntry:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "manual"}
    )
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"host": host})
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    await hass.async_block_till_done()
    entry: ConfigEntry = result["result"]
    return entry


async def _add_fleet(hass: HomeAssistant, members: list[str] | None = None) -> ConfigEntry:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert "fleet" in result["menu_options"]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "fleet"}
    )
    assert result["type"] is FlowResultType.FORM
    user_input: dict[str, Any] = {"name": "Fleet"}
    if members is not None:
        user_input[CONF_MEMBERS] = members
    result = await hass.config_entries.flow.async_configure(result["flow_id"], user_input)
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    await hass.async_block_till_done()
    entry: ConfigEntry = result["result"]
    return entry


async def _set_options(hass: HomeAssistant, entry: ConfigEntry, **options: Any) -> None:
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["step_id"] == "fleet"
    values = {
        CONF_MEMBERS: list(entry.options[CONF_MEMBERS]),
        CONF_BUDGET_SENSOR_KIND: BUDGET_SENSOR_SURPLUS,
        CONF_SMOOTHING: 0,
        CONF_HYSTERESIS: HYSTERESIS,
        CONF_MIN_ON: 600,
        CONF_MIN_OFF: 300,
        **options,
    }
    result = await hass.config_entries.options.async_configure(result["flow_id"], values)
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    await hass.async_block_till_done()


@pytest.fixture
async def fleet(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> Fleet:
    sims = {}
    members = {}
    for model, host, prefix in (S21, MINI3, S19):
        sims[prefix] = await start_sim(model, host, password="" if "braiins" in model else "root")
        members[prefix] = await _add_by_address(hass, host)
    entry = await _add_fleet(hass)
    return Fleet(hass, freezer, entry, sims, members)


def _switch_count(fleet: Fleet, prefix: str) -> int:
    return len(fleet.switches.get(prefix, [])) - 1


def _respects_minimum_times(fleet: Fleet, min_on: float = 10, min_off: float = 5) -> None:
    """No member was stopped sooner than min_on after a start, nor started sooner than
    min_off after a stop (minutes; a tick's half minute of slack for the poll)."""
    for prefix, seen in fleet.switches.items():
        for (then, was_on), (now, _) in itertools.pairwise(seen):
            if then == seen[0][0]:
                continue  # the state the test started with, of unknown age
            held = min_on if was_on else min_off
            assert now - then >= held - 0.5, (
                prefix,
                seen,
                [r for r in fleet.reasons if r[1] == prefix],
            )


async def test_sums_and_no_control_without_a_budget(hass: HomeAssistant, fleet: Fleet) -> None:
    """Added from the menu with every miner; it sums them and changes none of them."""
    assert set(fleet.entry.options[CONF_MEMBERS]) == {e.entry_id for e in fleet.members.values()}
    await fleet.tick(1)
    hashrates = [float(fleet.state(f"sensor.{p}_hashrate").state) for p in fleet.prefixes()]
    powers = [fleet.member_power(p) for p in fleet.prefixes()]
    assert float(fleet.state("sensor.fleet_hashrate").state) == pytest.approx(sum(hashrates), 0.01)
    assert float(fleet.state("sensor.fleet_power").state) == pytest.approx(sum(powers))
    assert fleet.state("sensor.fleet_power").attributes["estimated"] == ["Antminer S19 Pro"]
    # Efficiency over the members that measure their power.
    efficiency = float(fleet.state("sensor.fleet_efficiency").state)
    assert efficiency == pytest.approx(sum(powers[:2]) / sum(hashrates[:2]), rel=0.01)
    assert fleet.state("sensor.fleet_miners").state == "3"
    assert fleet.state("sensor.fleet_miners_mining").state == "3"
    # The simulated S21 Pro reports its real capture's errors (a pool it cannot resolve):
    # the fleet's problem sensor names it, and only it.
    problem = fleet.state("binary_sensor.fleet_problem")
    assert problem.state == STATE_ON
    own = fleet.state("binary_sensor.antminer_s21_pro_problem").attributes["problems"]
    assert problem.attributes["problems"] == {"Antminer S21 Pro": own}
    assert fleet.state("switch.fleet_mining").state == STATE_ON
    assert fleet.state("number.fleet_power_budget").state == STATE_UNKNOWN
    assert fleet.state("sensor.fleet_power_budget_in_use").state == STATE_UNKNOWN
    assert all(fleet.mining(prefix) for prefix in fleet.prefixes())
    # Energy for the Energy dashboard: kWh, growing with the fleet's power.
    energy = float(fleet.state("sensor.fleet_energy").state)
    await fleet.tick(10)
    grown = float(fleet.state("sensor.fleet_energy").state) - energy
    assert grown == pytest.approx(sum(powers) * 10 / 60 / 1000, rel=0.05)


async def test_budget_spent_most_efficient_first(hass: HomeAssistant, fleet: Fleet) -> None:
    """A small budget runs only the S21 Pro (turned down to fit); a larger one the Mini 3
    too; the whole budget runs all three. Never more than the budget plus the hysteresis."""
    await fleet.tick(1)
    await fleet.set_budget(2500)
    await fleet.tick(1)
    assert fleet.mining(S21[2])
    assert not fleet.mining(S19[2])
    assert not fleet.mining(MINI3[2])
    assert fleet.total_draw() <= 2500 + HYSTERESIS
    plan = fleet.plan()
    assert plan["Antminer S19 Pro"]["reason"] in ("no_budget", "min_on", "over_budget")

    for budget in (4500, 9000):
        await fleet.set_budget(budget)
        await fleet.tick(11)  # past the minimum off time of those it stopped
        assert fleet.total_draw() <= budget + HYSTERESIS, (budget, fleet.plan())
    assert all(fleet.mining(prefix) for prefix in fleet.prefixes()), fleet.plan()


async def test_follows_a_rising_and_falling_surplus(hass: HomeAssistant, fleet: Fleet) -> None:
    """A day of solar surplus (grid meter, negative while exporting): miners come on as it
    rises and go off as it falls, each within its minimum times, the draw within a step."""
    house = 400.0  # what the house draws besides the miners
    await fleet.tick(1)
    hass.states.async_set(
        SURPLUS,
        str(house + fleet.total_draw()),
        {"unit_of_measurement": "W", "device_class": "power"},
    )
    await _set_options(
        hass,
        fleet.entry,
        **{CONF_BUDGET_SENSOR: SURPLUS, CONF_BUDGET_SENSOR_KIND: BUDGET_SENSOR_GRID},
    )
    await fleet.tick(1)
    assert not any(fleet.mining(prefix) for prefix in fleet.prefixes())  # nothing to spend

    for solar in (1000, 3000, 5000, 8000, 10000, 8000, 6000, 3000, 1500, 500, 0):
        for _ in range(6):  # 3 minutes of each, the meter updated every 30 s
            grid = house + fleet.total_draw() - solar
            hass.states.async_set(
                SURPLUS, str(grid), {"unit_of_measurement": "W", "device_class": "power"}
            )
            await fleet.tick(0.5)
            spendable = solar - house
            # A member held on by its minimum on time at its lowest draw may exceed by a step.
            assert fleet.total_draw() <= max(0.0, spendable) + fleet_step(fleet), (
                solar,
                fleet.plan(),
            )
    _respects_minimum_times(fleet)
    assert max(_switch_count(fleet, prefix) for prefix in fleet.prefixes()) <= 4


def fleet_step(fleet: Fleet) -> float:
    """One step: the hysteresis plus the lowest draw of the largest member (a member kept on
    by its minimum on time draws at least that)."""
    return HYSTERESIS + 3250


async def test_price_step(hass: HomeAssistant, fleet: Fleet) -> None:
    """The price jumps above the stop threshold: miners stop (one started a moment ago once
    its minimum on time is over); below the start threshold they run again."""
    hass.states.async_set(PRICE, "0.10")
    await _set_options(
        hass,
        fleet.entry,
        **{CONF_PRICE_SENSOR: PRICE, CONF_PRICE_STOP: 0.30, CONF_PRICE_START: 0.20},
    )
    await fleet.tick(1)
    assert all(fleet.mining(prefix) for prefix in fleet.prefixes())
    assert fleet.state("sensor.fleet_power_budget_in_use").attributes["source"] == "price"

    hass.states.async_set(PRICE, "0.45")
    await fleet.tick(1)
    assert not any(fleet.mining(prefix) for prefix in fleet.prefixes())
    assert {row["reason"] for row in fleet.plan().values()} == {"price"}, fleet.plan()

    hass.states.async_set(PRICE, "0.25")  # between the thresholds: stays stopped
    await fleet.tick(6)
    assert not any(fleet.mining(prefix) for prefix in fleet.prefixes())
    hass.states.async_set(PRICE, "0.15")
    await fleet.tick(1)
    assert all(fleet.mining(prefix) for prefix in fleet.prefixes())
    hass.states.async_set(PRICE, "0.50")  # started a minute ago: kept on its 10 minutes
    await fleet.tick(1)
    assert fleet.mining(S21[2])
    assert fleet.plan()["Antminer S21 Pro"]["reason"] == "min_on"
    await fleet.tick(10)
    assert not any(fleet.mining(prefix) for prefix in fleet.prefixes())
    _respects_minimum_times(fleet)


async def test_member_away_and_back(hass: HomeAssistant, fleet: Fleet) -> None:
    """A member that stops answering leaves the sums and is counted; the others are still
    controlled; when it answers again it rejoins."""
    await fleet.set_budget(20000)
    await fleet.tick(1)
    mini3 = fleet.sims[MINI3[2]]
    await mini3.stop()
    await fleet.tick(2)
    assert fleet.state("sensor.fleet_miners").attributes["unavailable"] == ["Avalon Mini 3"]
    problem = fleet.state("binary_sensor.fleet_problem")
    assert problem.attributes["unavailable"] == ["Avalon Mini 3"]
    assert fleet.state("sensor.fleet_miners").attributes["available"] == 2
    assert fleet.plan()["Avalon Mini 3"]["reason"] == "unavailable"
    others = fleet.member_power(S21[2]) + fleet.member_power(S19[2])
    assert float(fleet.state("sensor.fleet_power").state) == pytest.approx(others)

    await fleet.set_budget(3500)  # the others still follow the budget
    await fleet.tick(11)
    assert not fleet.mining(S19[2])
    await mini3.start()
    await fleet.tick(3)
    assert fleet.state("sensor.fleet_miners").attributes["unavailable"] == []
    assert "Avalon Mini 3" not in fleet.state("binary_sensor.fleet_problem").attributes["problems"]
    assert fleet.total_draw() <= 3500 + fleet_step(fleet)


async def test_pause_stops_everything_at_once(hass: HomeAssistant, fleet: Fleet) -> None:
    """The fleet's Mining switch: off stops every member now (minimum on time or not),
    on lets the budget start them again."""
    await fleet.set_budget(20000)
    await fleet.tick(1)
    await hass.services.async_call(
        "switch", "turn_off", {"entity_id": "switch.fleet_mining"}, blocking=True
    )
    await fleet.tick(0.5)
    assert not any(fleet.mining(prefix) for prefix in fleet.prefixes())
    assert {row["reason"] for row in fleet.plan().values()} == {"paused"}
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": "switch.fleet_mining"}, blocking=True
    )
    await fleet.tick(6)  # past the minimum off time
    assert all(fleet.mining(prefix) for prefix in fleet.prefixes())


async def test_restored_budget_and_pause(
    hass: HomeAssistant, start_sim: SimFactory, freezer: FrozenDateTimeFactory
) -> None:
    """After a restart the fleet has its budget and its pause back before it controls."""
    await start_sim(S19[0], S19[1])
    member = await _add_by_address(hass, S19[1])
    mock_restore_cache_with_extra_data(
        hass,
        (
            (State("switch.fleet_mining", STATE_OFF), {}),
            (
                State("number.fleet_power_budget", "1234"),
                {
                    "native_value": 1234.0,
                    "native_min_value": 0,
                    "native_max_value": 1_000_000,
                    "native_step": 10,
                    "native_unit_of_measurement": "W",
                },
            ),
        ),
    )
    await _add_fleet(hass, [member.entry_id])
    assert hass.states.get("number.fleet_power_budget").state == "1234.0"  # type: ignore[union-attr]
    assert hass.states.get("switch.fleet_mining").state == STATE_OFF  # type: ignore[union-attr]
    freezer.tick(timedelta(seconds=30))
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)
    hashing = hass.states.get("binary_sensor.antminer_s19_pro_hashing")
    assert hashing is not None
    assert hashing.state == STATE_OFF, hass.states.get("sensor.fleet_power_budget_in_use")


async def test_options_refuse_what_cannot_work(hass: HomeAssistant, fleet: Fleet) -> None:
    """A start price above the stop price, a price sensor without a stop price, a miner
    in another fleet: each named, nothing saved."""
    result = await hass.config_entries.options.async_init(fleet.entry.entry_id)
    base = {
        CONF_MEMBERS: list(fleet.entry.options[CONF_MEMBERS]),
        CONF_BUDGET_SENSOR_KIND: BUDGET_SENSOR_SURPLUS,
        CONF_SMOOTHING: 0,
        CONF_HYSTERESIS: 100,
        CONF_MIN_ON: 600,
        CONF_MIN_OFF: 300,
    }
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**base, CONF_PRICE_SENSOR: PRICE}
    )
    assert result["errors"] == {CONF_PRICE_STOP: "price_stop_needed"}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {**base, CONF_PRICE_SENSOR: PRICE, CONF_PRICE_STOP: 0.2, CONF_PRICE_START: 0.3},
    )
    assert result["errors"] == {CONF_PRICE_START: "price_start_above_stop"}
    options = dict(fleet.entry.options)

    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "fleet"}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "Second", CONF_MEMBERS: [fleet.members[S19[2]].entry_id]}
    )
    assert result["errors"] == {CONF_MEMBERS: "member_in_other_fleet"}
    assert result["description_placeholders"]["miners"] == "Antminer S19 Pro"
    assert dict(fleet.entry.options) == options


async def test_failing_member_does_not_stop_the_others(
    hass: HomeAssistant,
    start_sim: SimFactory,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A Whatsminer whose writes are switched off refuses the fleet's control: the S21 Pro
    still gets its target, the Whatsminer is left alone and tried again after 5 minutes
    (one warning, not one per tick), and obeys once writes are switched on."""
    s21 = await start_sim(S21[0], S21[1], password="")
    s21_entry = await _add_by_address(hass, S21[1])
    m50s = await start_whatsminer(
        start_sim, "whatsminer-m50s", M50S_HOST, password=WHATSMINER_PASSWORD, write_api=False
    )
    m50s_entry = whatsminer_entry_for(m50s, M50S_HOST, username="admin")
    m50s_entry.add_to_hass(hass)
    await hass.config_entries.async_setup(m50s_entry.entry_id)
    await hass.async_block_till_done()
    entry = await _add_fleet(hass, [s21_entry.entry_id, m50s_entry.entry_id])
    fleet = Fleet(hass, freezer, entry, {S21[2]: s21, "whatsminer_m50s": m50s}, {})
    fleet.prefixes = lambda: iter((S21[2], "whatsminer_m50s"))  # type: ignore[method-assign]

    limit = m50s.state.power_limit
    await fleet.set_budget(6000)  # the S21 Pro at full, the Whatsminer turned down
    await fleet.tick(1)
    assert fleet.mining(S21[2]), fleet.plan()
    assert m50s.state.power_limit == limit  # refused: unchanged
    assert fleet.plan()["Whatsminer M50S"]["reason"] == "held"
    warnings = [r for r in caplog.records if "could not" in r.getMessage()]
    assert len(warnings) == 1
    assert WHATSMINER_PASSWORD not in caplog.text
    await fleet.tick(3)  # not tried again meanwhile
    assert len([r for r in caplog.records if "could not" in r.getMessage()]) == 1
    assert m50s.state.power_limit == limit

    m50s.state.write_api_enabled = True
    await fleet.tick(2.5)  # 5 minutes after the refusal: tried again, and it obeys
    assert m50s.state.power_limit < limit, fleet.plan()
    assert fleet.mining(S21[2])


async def test_diagnostics_show_the_plan(
    hass: HomeAssistant, fleet: Fleet, hass_client: ClientSessionGenerator
) -> None:
    """The fleet's diagnostics: its options, the budget, the sums and each member's plan."""
    await fleet.set_budget(5000)
    await fleet.tick(1)
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, fleet.entry)
    assert diagnostics["budget_w"] == 5000
    assert diagnostics["budget_source"] == "number"
    assert diagnostics["controlling"] is True
    assert diagnostics["totals"]["total"] == 3
    assert {row["miner"] for row in diagnostics["plan"]} == {
        "Antminer S21 Pro",
        "Avalon Mini 3",
        "Antminer S19 Pro",
    }
    assert diagnostics["planned_w"] <= 5000 + HYSTERESIS


async def test_unload_and_reload(hass: HomeAssistant, fleet: Fleet) -> None:
    """A fleet unloads and comes back with its members; its miners are untouched by it."""
    assert await hass.config_entries.async_reload(fleet.entry.entry_id)
    await hass.async_block_till_done()
    assert fleet.state("sensor.fleet_miners").state == "3"
    assert await hass.config_entries.async_unload(fleet.entry.entry_id)
    await hass.async_block_till_done()
    assert fleet.state("sensor.fleet_miners").state == "unavailable"
    assert all(fleet.mining(prefix) for prefix in fleet.prefixes())


async def test_pause_and_resume_without_a_budget(hass: HomeAssistant, fleet: Fleet) -> None:
    """A fleet that spends no budget still pauses its miners, and resumes those it paused
    (at the draws they were set to) when switched on again."""
    await fleet.tick(1)
    await hass.services.async_call(
        "switch", "turn_off", {"entity_id": "switch.fleet_mining"}, blocking=True
    )
    await fleet.tick(0.5)
    assert not any(fleet.mining(prefix) for prefix in fleet.prefixes())
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": "switch.fleet_mining"}, blocking=True
    )
    await fleet.tick(1)
    assert all(fleet.mining(prefix) for prefix in fleet.prefixes())
    assert fleet.state("sensor.fleet_power_budget_in_use").state == STATE_UNKNOWN


async def test_a_heating_member_belongs_to_its_room(hass: HomeAssistant, fleet: Fleet) -> None:
    """The Mini 3 heats a room: the fleet counts its draw and leaves it alone (its plan
    row says held), while it still spends the rest of the budget on the others."""
    room = "sensor.room"
    hass.states.async_set(
        room, "15.0", {"unit_of_measurement": "°C", "device_class": "temperature"}
    )
    mini3 = fleet.members[MINI3[2]]
    hass.config_entries.async_update_entry(mini3, options={**mini3.options, CONF_ROOM_SENSOR: room})
    await hass.config_entries.async_reload(mini3.entry_id)
    await hass.async_block_till_done()
    await hass.services.async_call(
        "climate",
        "set_temperature",
        {"entity_id": "climate.avalon_mini_3_heater", "temperature": 22, "hvac_mode": "heat"},
        blocking=True,
    )
    await fleet.set_budget(0)  # the fleet would stop everything it controls
    await fleet.tick(1)
    assert fleet.plan()["Avalon Mini 3"]["reason"] == "held"
    assert fleet.mining(MINI3[2])  # the cold room keeps it heating
    assert not fleet.mining(S21[2])
    assert not fleet.mining(S19[2])


async def test_minimum_times_survive_a_reload(hass: HomeAssistant, fleet: Fleet) -> None:
    """Stopped by the fleet, reloaded (as by a restart) a minute later: the members still
    rest their minimum off time before the budget starts them again."""
    await fleet.set_budget(20000)
    await fleet.tick(1)
    await hass.services.async_call(
        "switch", "turn_off", {"entity_id": "switch.fleet_mining"}, blocking=True
    )
    await fleet.tick(0.5)  # and the memory written
    assert not any(fleet.mining(prefix) for prefix in fleet.prefixes())
    assert await hass.config_entries.async_reload(fleet.entry.entry_id)
    await hass.async_block_till_done()
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": "switch.fleet_mining"}, blocking=True
    )
    await fleet.tick(1)
    assert not any(fleet.mining(prefix) for prefix in fleet.prefixes())
    assert {row["reason"] for row in fleet.plan().values()} == {"min_off"}
    await fleet.tick(4)
    assert all(fleet.mining(prefix) for prefix in fleet.prefixes())


async def test_the_followed_sensor_cannot_be_the_fleets_own(
    hass: HomeAssistant, fleet: Fleet
) -> None:
    """Its own Power or budget sensor would make the fleet chase itself: not offered."""
    result = await hass.config_entries.options.async_init(fleet.entry.entry_id)
    schema = result["data_schema"].schema
    picker = next(value for key, value in schema.items() if key == CONF_BUDGET_SENSOR)
    excluded = picker.config["exclude_entities"]
    assert "sensor.fleet_power" in excluded
    assert "sensor.fleet_power_budget_in_use" in excluded
    assert "sensor.antminer_s21_pro_power" not in excluded


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_fleet_entities(
    hass: HomeAssistant,
    start_sim: SimFactory,
    freezer: FrozenDateTimeFactory,
    snapshot: SnapshotAssertion,
) -> None:
    """What a fleet of the three shows once it has spent a 5 kW budget for a minute."""
    members = []
    for model, host, _prefix in (S21, MINI3, S19):
        await start_sim(model, host, password="" if "braiins" in model else "root")
        members.append((await _add_by_address(hass, host)).entry_id)
    entry = MockConfigEntry(
        domain=DOMAIN,
        entry_id="01JFLEET0000000000000000FL",
        title="Fleet",
        data={CONF_ENTRY_TYPE: ENTRY_TYPE_FLEET},
        options={CONF_MEMBERS: members},
    )
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    fleet = Fleet(hass, freezer, entry, {}, {})
    await fleet.set_budget(5000)
    await fleet.tick(1)
    registry = er.async_get(hass)
    entities = sorted(
        er.async_entries_for_config_entry(registry, entry.entry_id), key=lambda e: e.entity_id
    )
    assert [(e, hass.states.get(e.entity_id)) for e in entities] == snapshot
