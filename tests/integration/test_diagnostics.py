"""Diagnostics carry the poll and the configuration, never a secret."""

from __future__ import annotations

import json

import pytest
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from tests.simulator import Fault

from .conftest import (
    WHATSMINER_PASSWORD,
    SimFactory,
    setup_entry,
    start_whatsminer,
    whatsminer_entry_for,
)
from .miners import FAMILIES, M50S, S19PRO, entry_for_family, start_family

POOL_PASSWORD = "pool-pass-9f2c"
URL_SECRET = "url-secret-71ab"
WORKER = "bc1qsecretwallet.rig1"


@pytest.mark.parametrize("family", sorted(FAMILIES))
async def test_diagnostics_without_secrets(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    start_sim: SimFactory,
    family: str,
) -> None:
    sim = await start_family(start_sim, FAMILIES[family])
    sim.state.pools[0] = {
        "url": f"stratum+tcp://{WORKER}:{URL_SECRET}@btc.pool.invalid:3333",
        "user": WORKER,
        "pass": POOL_PASSWORD,
    }
    sim.state.pools[1] = {"url": "stratum+tcp://backup.invalid:3333", "user": WORKER, "pass": "x"}
    entry = await setup_entry(hass, entry_for_family(sim, FAMILIES[family]))

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)

    assert diagnostics["entry"]["data"]["password"] == "**REDACTED**"
    assert diagnostics["data"]["hashrate"] > 0
    first = diagnostics["config"]["pools"][0]
    assert first["url"] == "stratum+tcp://btc.pool.invalid:3333"
    assert first["user"] == first["password"] == "**REDACTED**"
    assert diagnostics["data"]["pools"][0]["url"] == "stratum+tcp://btc.pool.invalid:3333"
    text = json.dumps(diagnostics)
    for secret in (
        POOL_PASSWORD,
        URL_SECRET,
        WORKER,
        sim.mac,
        sim.mac.lower(),
        entry.data["password"],
    ):
        assert secret not in text
    if sim.serial_number:
        assert sim.serial_number not in text
    if family.startswith("m"):
        assert WHATSMINER_PASSWORD not in text


async def test_whatsminer_refusing_writes(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, start_sim: SimFactory
) -> None:
    """The admin password stays out; a refusal of writes shows."""
    sim = await start_whatsminer(
        start_sim, M50S.model, M50S.host, password="s3cret", write_api=False
    )
    entry = await setup_entry(hass, whatsminer_entry_for(sim, M50S.host, password="s3cret"))

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)

    assert diagnostics["miner"]["make"] == "Whatsminer"
    assert diagnostics["write_refused"] is True
    assert "s3cret" not in json.dumps(diagnostics)


async def test_unreadable_configuration(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, start_sim: SimFactory
) -> None:
    sim = await start_family(start_sim, S19PRO)
    entry = await setup_entry(hass, entry_for_family(sim, S19PRO))
    sim.set_fault(Fault.GARBAGE, protocol="http")

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)

    assert diagnostics["config"].startswith("not readable")
