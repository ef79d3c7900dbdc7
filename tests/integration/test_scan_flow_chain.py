"""Several miners picked from a scan: one entry per flow, chained the way the frontend follows.

Driven through the HTTP API the frontend's config flow dialog uses (POST to start and
submit, GET to open a flow), against simulated miners on 127.0.26.x. After a create_entry
result the frontend offers "Name and assign" for the devices of the entry the result
names (result.entry_id); with a ``next_flow`` it opens that flow instead and carries the
devices over, so the last result of the chain offers all of them
(home-assistant/frontend src/dialogs/config-flow/dialog-data-entry-flow.ts, _processStep
and _devices).
"""

from __future__ import annotations

import asyncio
from collections.abc import Generator
from http import HTTPStatus
from typing import Any
from unittest.mock import patch

import pytest
from homeassistant.components.network.models import Adapter
from homeassistant.config_entries import SOURCE_INTEGRATION_DISCOVERY
from homeassistant.const import CONF_HOST
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.device_registry import format_mac
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.asic_miner.const import DOMAIN
from tests.simulator import SimulatedMiner

from .conftest import SimFactory

NET = "127.0.26"
HOSTS = {"antminer-s19pro": f"{NET}.10", "antminer-s9": f"{NET}.11", "whatsminer-m50s": f"{NET}.20"}
FLOWS = "/api/config/config_entries/flow"
# The frontend refetches its device list this long after the device registry's last change
# (debounced; frontend src/data/ws-device_registry.ts). A chained result that comes sooner
# after its devices were registered carries them over only if the fetch happened to win.
FRONTEND_DEVICE_LIST_DEBOUNCE = 0.5


@pytest.fixture(autouse=True)
def no_adapters() -> Generator[None]:
    """Home Assistant's network adapters (the real ones are the test machine's)."""
    adapters: list[Adapter] = []
    with patch("homeassistant.components.network.async_get_adapters", return_value=adapters):
        yield


class Frontend:
    """The calls the config flow dialog makes, and what it keeps between them."""

    def __init__(self, hass: HomeAssistant, client: Any) -> None:
        self.hass = hass
        self.client = client
        self.carried: list[str] = []  # device ids carried over to the next flow's dialog
        self.device_changes: list[float] = []  # when the device registry changed
        hass.bus.async_listen(dr.EVENT_DEVICE_REGISTRY_UPDATED, self._device_changed)

    @callback
    def _device_changed(self, _event: Event) -> None:
        self.device_changes.append(asyncio.get_running_loop().time())

    def quiet_for(self) -> float:
        """Seconds since the device registry last changed."""
        return asyncio.get_running_loop().time() - self.device_changes[-1]

    async def post(self, url: str, body: dict[str, Any]) -> dict[str, Any]:
        response = await self.client.post(url, json=body)
        assert response.status == HTTPStatus.OK, await response.text()
        step: dict[str, Any] = await response.json()
        return step

    async def open(self, flow_id: str) -> dict[str, Any]:
        """A flow opened by id (continueFlowId): its current step, fetched by GET."""
        response = await self.client.get(f"{FLOWS}/{flow_id}")
        assert response.status == HTTPStatus.OK, await response.text()
        step: dict[str, Any] = await response.json()
        return step

    def devices(self, step: dict[str, Any]) -> list[dr.DeviceEntry]:
        """The devices a create_entry step offers to name and place (dialog's _devices)."""
        entry_id = step["result"]["entry_id"] if step["type"] == "create_entry" else None
        if entry_id is None:
            return []
        return [
            device
            for device in dr.async_get(self.hass).devices
            if device.config_entry_id == entry_id or device.id in self.carried
        ]

    async def scan_and_pick(self, targets: str, picked: list[str]) -> dict[str, Any]:
        step = await self.post(FLOWS, {"handler": DOMAIN})
        assert (step["type"], step["step_id"]) == ("menu", "user")
        step = await self.post(f"{FLOWS}/{step['flow_id']}", {"next_step_id": "scan"})
        assert (step["type"], step["step_id"]) == ("form", "scan")
        step = await self.post(f"{FLOWS}/{step['flow_id']}", {"targets": targets})
        assert (step["type"], step["step_id"]) == ("progress", "scan_progress")
        await self.hass.async_block_till_done()
        step = await self.open(step["flow_id"])
        assert (step["type"], step["step_id"]) == ("form", "pick")
        return await self.post(f"{FLOWS}/{step['flow_id']}", {"miners": picked})


async def _start_fleet(start_sim: SimFactory) -> dict[str, SimulatedMiner]:
    fleet = {}
    for model, host in HOSTS.items():
        password = "admin" if model.startswith("whatsminer") else "root"
        fleet[host] = await start_sim(model, host, password=password)
    return fleet


@pytest.fixture
async def frontend(hass: HomeAssistant, hass_client: ClientSessionGenerator) -> Frontend:
    assert await async_setup_component(hass, "config", {})
    return Frontend(hass, await hass_client())


async def test_three_picked_three_entries_all_offered_for_naming(
    hass: HomeAssistant, start_sim: SimFactory, frontend: Frontend
) -> None:
    """Each miner picked becomes an entry of its own flow; following the chain as the
    frontend does, the last step offers every one of the three devices a name and area."""
    fleet = await _start_fleet(start_sim)
    picked = [format_mac(sim.mac) for sim in fleet.values()]

    step = await frontend.scan_and_pick(f"{NET}.1-30", picked)

    results = []
    while True:
        assert step["type"] == "create_entry", step
        results.append(step)
        # What the dialog needs: the entry (its devices exist by now), and what follows.
        assert step["result"]["domain"] == DOMAIN
        assert step["result"]["state"] == "loaded"
        own = frontend.devices(step)
        assert [device.name for device in own if device.id not in frontend.carried] == [
            step["title"]
        ]
        if step.get("next_flow") is None:
            break
        flow_type, flow_id = step["next_flow"]
        assert flow_type == "config_flow"
        # The frontend's device list has taken this entry's device in by now.
        assert frontend.quiet_for() > FRONTEND_DEVICE_LIST_DEBOUNCE
        frontend.carried = [device.id for device in own]
        step = await frontend.open(flow_id)

    assert [result["title"] for result in results] == [
        "Antminer S19 Pro",
        "Antminer S9",
        "Whatsminer M50S",
    ]
    entries = hass.config_entries.async_entries(DOMAIN)
    assert sorted(entry.unique_id or "" for entry in entries) == sorted(picked)
    assert {entry.entry_id for entry in entries} == {r["result"]["entry_id"] for r in results}
    # The last dialog: a name and an area for every miner picked.
    assert sorted(device.name for device in frontend.devices(results[-1])) == [
        "Antminer S19 Pro",
        "Antminer S9",
        "Whatsminer M50S",
    ]
    assert not hass.config_entries.flow.async_progress()


async def test_one_picked_is_one_create_entry(
    hass: HomeAssistant, start_sim: SimFactory, frontend: Frontend
) -> None:
    """One miner: the scan flow's own create_entry, with nothing chained (as before)."""
    fleet = await _start_fleet(start_sim)
    s9 = fleet[HOSTS["antminer-s9"]]

    step = await frontend.scan_and_pick(f"{NET}.1-30", [format_mac(s9.mac)])

    assert step["type"] == "create_entry"
    assert step["title"] == "Antminer S9"
    assert step.get("next_flow") is None
    assert [device.name for device in frontend.devices(step)] == ["Antminer S9"]
    assert not hass.config_entries.flow.async_progress()


async def test_dialog_closed_half_way(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """The dialog closed after the first miner: the others wait under Discovered, each
    named, and can be added in any order; the chain skips a flow finished meanwhile."""
    fleet = await _start_fleet(start_sim)
    macs = [format_mac(sim.mac) for sim in fleet.values()]
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": "user"})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "scan"}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"targets": f"{NET}.1-30"}
    )
    await hass.async_block_till_done()
    result = await hass.config_entries.flow.async_configure(result["flow_id"])
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"miners": macs})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()

    waiting = sorted(
        hass.config_entries.flow.async_progress_by_handler(DOMAIN),
        key=lambda flow: flow["context"]["title_placeholders"]["host"],
    )
    assert [
        (flow["step_id"], flow["context"]["source"], flow["context"]["title_placeholders"])
        for flow in waiting
    ] == [
        ("scan_add", SOURCE_INTEGRATION_DISCOVERY, {"name": "Antminer S9", "host": f"{NET}.11"}),
        (
            "scan_add",
            SOURCE_INTEGRATION_DISCOVERY,
            {"name": "Whatsminer M50S", "host": f"{NET}.20"},
        ),
    ]
    assert result["next_flow"] == ("config_flow", waiting[0]["flow_id"])
    s9_flow, m50s_flow = (flow["flow_id"] for flow in waiting)

    # The Whatsminer first, from Discovered: the end of the chain.
    last = await hass.config_entries.flow.async_configure(m50s_flow)
    assert last["type"] is FlowResultType.CREATE_ENTRY
    assert last["title"] == "Whatsminer M50S"
    assert "next_flow" not in last
    # Then the S9, which the chain pointed at the Whatsminer's flow, finished by now.
    middle = await hass.config_entries.flow.async_configure(s9_flow)
    assert middle["type"] is FlowResultType.CREATE_ENTRY
    assert middle["title"] == "Antminer S9"
    assert "next_flow" not in middle
    assert middle["data"][CONF_HOST] == f"{NET}.11"
    await hass.async_block_till_done()
    assert len(hass.config_entries.async_entries(DOMAIN)) == 3
