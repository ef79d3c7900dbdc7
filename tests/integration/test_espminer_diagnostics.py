"""ESP-Miner diagnostics carry the poll and the configuration, never a pool password nor
what identifies the owner. Simulated miners on 127.0.47.3x."""

from __future__ import annotations

import json

import pytest
from homeassistant.const import ATTR_DEVICE_ID
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.asic_miner.const import DOMAIN

from .conftest import SimFactory
from .test_espminer_common import GAMMA, NERDQAXE, SUPRA, EspModel, set_up_esp, wait_until

HOSTS = {GAMMA: "127.0.47.30", NERDQAXE: "127.0.47.31", SUPRA: "127.0.47.32"}
IDS = {GAMMA: "gamma-2.15", NERDQAXE: "nerdqaxe++", SUPRA: "supra-2.4"}
POOL_PASSWORD = "pool-pass-e41b"
WORKER = "bc1qdiagnosticswallet.rig"


@pytest.mark.parametrize("model", [GAMMA, NERDQAXE, SUPRA], ids=IDS.get)
async def test_no_pool_password_in_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    start_sim: SimFactory,
    model: EspModel,
) -> None:
    """Pools set from Home Assistant with a password: it is on the device, not in the
    diagnostics; neither are the worker (a wallet address) and the MAC."""
    miner = await set_up_esp(hass, start_sim, model, HOSTS[model])
    await hass.services.async_call(
        DOMAIN,
        "set_pools",
        {
            ATTR_DEVICE_ID: miner.device_id(hass),
            "pools": [
                {
                    "url": "stratum+tcp://pool.example.org:4444",
                    "username": WORKER,
                    "password": POOL_PASSWORD,
                }
            ],
        },
        blocking=True,
    )
    state = miner.sim.state
    assert state.pools[state.primary].password == POOL_PASSWORD
    await wait_until(lambda: miner.sim.online and state.running[0] == state.pools[state.primary])
    await miner.entry.runtime_data.async_refresh()

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, miner.entry)

    assert diagnostics["miner"]["make"] == model.title.split()[0]
    assert diagnostics["data"]["hashrate"] > 0
    assert diagnostics["data"]["pools"][0]["url"] == "stratum+tcp://pool.example.org:4444"
    assert diagnostics["config"]["pools"][0]["user"] == "**REDACTED**"
    text = json.dumps(diagnostics)
    for secret in (POOL_PASSWORD, WORKER, miner.sim.mac, miner.sim.mac.lower()):
        assert secret not in text
