"""The soak's fleet mix, checked quickly (the soak itself runs for a minute, longer in
scripts/soak): every firmware family the driver reads is in it, each miner is described as
the config flow stores it, every fault the chaos may pick for a home miner (ESP-Miner,
Avalon) or one on aftermarket firmware (Braiins OS, VNish) does fail its poll, then heals,
and every control the soak presses works on every model that has it. Miners in this process on
127.0.85.x.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any
from unittest.mock import patch

import pytest
from homeassistant.const import CONF_PASSWORD, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.asic_miner.const import CONF_SSH_HOST_KEY
from custom_components.asic_miner.driver.backends import FAMILY_PACKAGES
from tests.simulator import Fault, Fleet

from .chaos import KINDS, Target
from .controls import DONE, Controls, offered
from .fleet import (
    AFTERMARKET_MODELS,
    HOME_MODELS,
    MIX,
    OPEN_MODELS,
    Commands,
    describe,
    family_of,
    fleet_at,
)
from .polling import entry_for, load_integration, set_up

TIMEOUT = 1.0  # s: the driver's timeout here (the soak keeps Home Assistant's 10 s)
DELAY = 3 * TIMEOUT  # a delayed answer that times the poll out, as the chaos's do
NET = "127.0.85"
# The models whose every fault is tried here; the benchmark's are the fault matrix's
# (tests/integration/test_fault_matrix.py).
FAULT_GROUPS = {"home": HOME_MODELS, "aftermarket": AFTERMARKET_MODELS, "open": OPEN_MODELS}

Started = tuple[list[Commands], list[dict[str, Any]]]
StartMix = Callable[[tuple[str, ...], int], Awaitable[Started]]


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Load our integration from custom_components."""


def test_the_mix_has_every_family_the_driver_reads() -> None:
    assert {family_of(model) for model in MIX} == set(FAMILY_PACKAGES)
    hosts = [f"{NET}.{n}" for n in range(1, 2 * len(MIX) + 1)]
    miners = describe(fleet_at(hosts))  # made, never started
    assert [m["model"] for m in miners] == [*MIX, *MIX]
    assert [m["host"] for m in miners] == hosts
    for miner in miners:
        home = miner["model"] in (*HOME_MODELS, *OPEN_MODELS)  # LuxOS: no login either
        # The config flow stores no login for the home miners; the others have one (the
        # benchmark's changed, the aftermarket firmware's default), and a BOSminer's entry
        # the SSH host key it trusted.
        assert (miner["username"] is None, miner["password"] is None) == (home, home)
        data = entry_for(miner).data
        assert (CONF_PASSWORD in data) is not home
        assert (CONF_SSH_HOST_KEY in data) is (miner["model"] == "braiins-s9-bosminer")
        # A refused login fails a poll where the poll logs in (stock Antminer, Whatsminer,
        # MARA's digest).
        target = Target.of(miner)
        stock = family_of(miner["model"]) in (
            "antminer",
            "hiveon",
            "whatsminer",
            "marathon",
            "elphapex",
            "iceriver",
        )
        assert (Fault.WRONG_PASSWORD.value in target.kinds) is stock
    protocols = {m["model"]: m["protocols"] for m in miners}
    assert protocols["espminer-bitaxe-gamma"] == ["http"]
    assert protocols["avalon-mini3"] == ["rpc"]
    assert protocols["braiins-s9-bosminer"] == ["rpc"]
    assert protocols["vnish-s21plus-hydro"] == ["http"]
    assert protocols["hiveon-s9"] == ["rpc", "http"]
    assert protocols["mskminer-s19-88"] == ["rpc"]
    assert protocols["marathon-ks5pro"] == protocols["marathon-s19xp"] == ["http"]
    assert protocols["epic-s19xp"] == ["http"]
    assert protocols["elphapex-dg1plus"] == ["http"]
    assert protocols["hammer-d10"] == ["rpc"]
    assert protocols["goldshell-sclite"] == ["http"]
    assert protocols["iceriver-ks3m"] == ["http"]
    assert protocols["innosilicon-a9"] == ["rpc"]


@pytest.fixture
async def start_mix() -> AsyncIterator[StartMix]:
    """Starts one miner of each model given, each with its own fleet commands (so that
    their faults are tried side by side), on NET.FIRST and on."""
    fleets: list[Fleet] = []

    async def start(models: tuple[str, ...], first: int) -> Started:
        hosts = [f"{NET}.{n}" for n in range(first, first + len(MIX))]
        made = [sim for sim in fleet_at(hosts) if sim.model in models]
        for sim in made:
            sim.reboot_seconds = 0.5
            fleet = Fleet([sim])
            await fleet.start()
            fleets.append(fleet)
        return [Commands(f) for f in fleets[-len(made) :]], describe(Fleet(made))

    yield start
    for fleet in fleets:
        await fleet.stop()


def _available(hass: HomeAssistant, entity_ids: list[str]) -> set[str]:
    return {
        entity_id
        for entity_id in entity_ids
        if (state := hass.states.get(entity_id)) is not None and state.state != STATE_UNAVAILABLE
    }


def _lines(host: str, target: Target) -> list[str]:
    """The command lines the chaos may send for this miner, every kind and protocol."""
    lines = []
    for kind in target.kinds:
        if kind in ("down", "reboot"):
            lines.append(f"{kind} {host}")
            continue
        seconds = DELAY if kind == Fault.DELAY else 0.0
        lines += [f"fault {host} {kind} {seconds} {p}" for p in target.fault_protocols]
    return lines


async def _every_fault(
    hass: HomeAssistant, commands: Commands, entry: MockConfigEntry, miner: dict[str, Any]
) -> list[str]:
    """Each fault the chaos may pick for this miner fails a poll; once healed, one works."""
    coordinator = entry.runtime_data
    registry = er.async_get(hass)
    ids = [e.entity_id for e in er.async_entries_for_config_entry(registry, entry.entry_id)]
    available = _available(hass, ids)
    assert available, miner["model"]
    tried = []
    for line in _lines(miner["host"], Target.of(miner)):
        await commands.run(line)
        await asyncio.sleep(0.05)  # a reboot under way: the miner is going down
        await coordinator.async_refresh()
        assert not coordinator.last_update_success, f"{miner['model']}: {line} did not fail"
        await commands.heal()  # a reboot under way included
        await coordinator.async_refresh()
        assert coordinator.last_update_success, f"{miner['model']}: not back after {line}"
        tried.append(line)
    await hass.async_block_till_done()
    assert _available(hass, ids) == available, miner["model"]
    return tried


@pytest.mark.parametrize("group", sorted(FAULT_GROUPS))
async def test_every_fault_the_chaos_picks_fails_a_poll(
    hass: HomeAssistant, start_mix: StartMix, group: str
) -> None:
    first = 101 if group == "home" else 121
    commands, miners = await start_mix(FAULT_GROUPS[group], first)
    await load_integration(hass)
    with patch("custom_components.asic_miner.coordinator.MINER_TIMEOUT", TIMEOUT):
        entries = await set_up(hass, miners)
        tried = await asyncio.gather(
            *(
                _every_fault(hass, c, e, m)
                for c, e, m in zip(commands, entries, miners, strict=True)
            )
        )
    kinds = {
        words[0] if words[0] != "fault" else words[2]
        for line in (line for lines in tried for line in lines)
        if (words := line.split())
    }
    # A wrong password is tried where a poll logs in (MARA's digest among the aftermarket).
    login = any(miner["login"] for miner in miners)
    assert kinds == set(KINDS) - (set() if login else {Fault.WRONG_PASSWORD.value})
    for entry in entries:
        await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


async def test_every_control_the_soak_presses_works(
    hass: HomeAssistant, start_mix: StartMix
) -> None:
    """Each control of tests/soak/controls.py that a model's entry offers, pressed once
    through Home Assistant on a miner without faults, is done."""
    _commands, miners = await start_mix(MIX, 141)
    await load_integration(hass)
    entries = await set_up(hass, miners)
    controls = Controls(hass, entries, miners, seed=1, faulty=lambda _host: False)
    # All but the NerdQAxe++, the Nano 3S, MSKMiner and the Innosilicon A9 (they have none
    # of these controls).
    assert set(controls.models) == set(MIX) - {
        "espminer-nerdqaxe-pp",
        "avalon-nano3s",
        "mskminer-s19-88",
        "innosilicon-a9",
    }

    async def press_each(entry: MockConfigEntry, miner: dict[str, Any]) -> list[str]:
        outcomes = []
        for control in offered(hass, entry):
            outcome = await controls.press(miner["host"], control)
            outcomes.append(f"{miner['model']} {control.name} {outcome}")
            await entry.runtime_data.async_refresh()
        return outcomes

    pressed = await asyncio.gather(
        *(press_each(e, m) for e, m in zip(entries, miners, strict=True))
    )
    assert not controls.unexpected
    assert [p for each in pressed for p in each if not p.endswith(DONE)] == []
    names = {p.split()[1] for each in pressed for p in each}
    assert names == {"mining", "fault_light", "power_target", "preset"}
    for entry in entries:
        # A control that reboots the miner (a SealMiner takes its power limit at a boot)
        # leaves it down for the reboot: read again once it answers.
        async with asyncio.timeout(10):
            while not entry.runtime_data.last_update_success:
                await asyncio.sleep(0.2)
                await entry.runtime_data.async_refresh()
        assert entry.runtime_data.last_update_success, entry.title
        await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
