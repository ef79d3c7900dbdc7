"""Diagnostics carry the poll, never a secret."""

from __future__ import annotations

import json

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from tests.simulator import SimulatedMiner

from .conftest import M50S_HOST, SimFactory, setup_entry, start_whatsminer, whatsminer_entry_for


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    s19pro: SimulatedMiner,
    s19pro_entry: MockConfigEntry,
) -> None:
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, s19pro_entry)

    assert diagnostics["entry"]["data"]["password"] == "**REDACTED**"
    assert diagnostics["miner"]["make"] == "Antminer"
    assert diagnostics["data"]["hashrate"] > 0
    text = json.dumps(diagnostics)
    assert s19pro.mac not in text
    assert s19pro.serial_number not in text
    for pool in s19pro.state.pools:
        if pool["user"]:  # worker names carry wallet addresses
            assert pool["user"] not in text
        if pool["pass"]:
            assert f'"{pool["pass"]}"' not in text


async def test_whatsminer_diagnostics(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, start_sim: SimFactory
) -> None:
    """The admin password and the pools' workers stay out; a refusal of writes shows."""
    sim = await start_whatsminer(
        start_sim, "whatsminer-m50s", M50S_HOST, password="s3cret", write_api=False
    )
    entry = await setup_entry(hass, whatsminer_entry_for(sim, M50S_HOST, password="s3cret"))

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)

    assert diagnostics["miner"]["make"] == "Whatsminer"
    assert diagnostics["write_refused"] is True
    text = json.dumps(diagnostics)
    assert "s3cret" not in text
    assert sim.mac not in text
    assert sim.serial_number not in text
    for pool in sim.state.pools:
        if pool["user"]:
            assert pool["user"] not in text
