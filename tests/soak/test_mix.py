"""The soak's fleet mix, checked quickly (the soak itself runs for a minute, longer in
scripts/soak): every firmware family the driver reads is in it, each miner is described as
the config flow stores it, and every fault the chaos may pick for a home miner (ESP-Miner,
Avalon) does fail its poll, then heals. Miners in this process on 127.0.59.x.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any
from unittest.mock import patch

import pytest
from homeassistant.const import CONF_PASSWORD, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er

from custom_components.asic_miner.driver.backends import FAMILY_PACKAGES
from tests.simulator import Fault, Fleet

from .chaos import KINDS, Target
from .fleet import HOME_MODELS, MIX, Commands, describe, family_of, fleet_at
from .polling import entry_for, load_integration, set_up

TIMEOUT = 1.0  # s: the driver's timeout here (the soak keeps Home Assistant's 10 s)
DELAY = 3 * TIMEOUT  # a delayed answer that times the poll out, as the chaos's do


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Load our integration from custom_components."""


def test_the_mix_has_every_family_the_driver_reads() -> None:
    assert {family_of(model) for model in MIX} == set(FAMILY_PACKAGES)
    hosts = [f"127.0.59.{n}" for n in range(1, 2 * len(MIX) + 1)]
    miners = describe(fleet_at(hosts))  # made, never started
    assert [m["model"] for m in miners] == [*MIX, *MIX]
    assert [m["host"] for m in miners] == hosts
    for miner in miners:
        home = miner["model"] in HOME_MODELS
        # The config flow stores no login for the home miners; the others have a changed one.
        assert (miner["username"] is None, miner["password"] is None) == (home, home)
        assert (CONF_PASSWORD in entry_for(miner).data) is not home
        target = Target.of(miner)
        assert (Fault.WRONG_PASSWORD.value in target.kinds) is not home
    protocols = {m["model"]: m["protocols"] for m in miners}
    assert protocols["espminer-bitaxe-gamma"] == ["http"]
    assert protocols["avalon-mini3"] == ["rpc"]


@pytest.fixture
async def home_fleet() -> AsyncIterator[tuple[Commands, list[dict[str, Any]]]]:
    """The home miners of the mix, one of each, driven by the soak fleet's own commands."""
    hosts = [f"127.0.59.{n}" for n in range(101, 101 + len(MIX))]
    fleet = Fleet([sim for sim in fleet_at(hosts) if sim.model in HOME_MODELS])
    for sim in fleet:
        sim.reboot_seconds = 0.5
    async with fleet:
        yield Commands(fleet), describe(fleet)


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


async def test_every_fault_the_chaos_picks_fails_a_home_miners_poll(
    hass: HomeAssistant, home_fleet: tuple[Commands, list[dict[str, Any]]]
) -> None:
    commands, miners = home_fleet
    await load_integration(hass)
    with patch("custom_components.asic_miner.coordinator.MINER_TIMEOUT", TIMEOUT):
        entries = await set_up(hass, miners)
    registry = er.async_get(hass)
    tried: list[str] = []
    for entry, miner in zip(entries, miners, strict=True):
        coordinator = entry.runtime_data
        ids = [e.entity_id for e in er.async_entries_for_config_entry(registry, entry.entry_id)]
        available = _available(hass, ids)
        assert available, miner["model"]
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
    kinds = {line.split()[0] if line.split()[0] != "fault" else line.split()[2] for line in tried}
    assert kinds == set(KINDS) - {Fault.WRONG_PASSWORD.value}
    for entry in entries:
        await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
