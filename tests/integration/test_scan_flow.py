"""Adding miners by scanning the network, against simulated miners on 127.0.11.x."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Generator
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from homeassistant.components.network.models import Adapter
from homeassistant.config_entries import SOURCE_INTEGRATION_DISCOVERY, SOURCE_USER
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.data_entry_flow import (
    EVENT_DATA_ENTRY_FLOW_PROGRESS_UPDATE,
    EVENT_DATA_ENTRY_FLOW_PROGRESSED,
    FlowResultType,
)
from homeassistant.helpers.device_registry import format_mac

from custom_components.asic_miner.const import DOMAIN
from tests.simulator import Fault

from .conftest import SimFactory, entry_for

TRANSLATIONS = Path(__file__).parents[2] / "custom_components" / "asic_miner" / "translations"
NET = "127.0.11"
S19PRO = f"{NET}.10"
S9 = f"{NET}.11"
M50S = f"{NET}.20"


def _adapter(name: str, address: str, prefix: int, *, enabled: bool = True) -> Adapter:
    return Adapter(
        name=name,
        index=1,
        enabled=enabled,
        auto=True,
        default=False,
        ipv6=[],
        ipv4=[{"address": address, "network_prefix": prefix}],
    )


ADAPTERS = [
    _adapter("lo", "127.0.0.1", 8),
    _adapter("eth0", "192.168.1.5", 24),
    _adapter("eth1", "10.20.30.40", 16),  # cut to the /24 around the address
    _adapter("eth2", "169.254.3.4", 16),  # link-local: left out
    _adapter("wlan0", "172.16.0.9", 24, enabled=False),
]


@pytest.fixture(autouse=True)
def adapters() -> Generator[list[Adapter]]:
    """Home Assistant's network adapters (the real ones are the test machine's)."""
    found = list(ADAPTERS)
    with patch("homeassistant.components.network.async_get_adapters", return_value=found):
        yield found


async def _scan_form(hass: HomeAssistant) -> dict[str, Any]:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.MENU
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "scan"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "scan"
    return result


async def _scan(hass: HomeAssistant, targets: str) -> dict[str, Any]:
    """Scan ``targets``; the result after the progress step."""
    result = await _scan_form(hass)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"targets": targets})
    assert result["type"] is FlowResultType.SHOW_PROGRESS
    assert result["step_id"] == "scan_progress"
    assert result["progress_action"] == "scan"
    await hass.async_block_till_done()
    return await hass.config_entries.flow.async_configure(result["flow_id"])


def _suggested(result: dict[str, Any]) -> dict[str, Any]:
    return {
        key.schema: (key.description or {}).get("suggested_value")
        for key in result["data_schema"].schema
    }


def _description(result: dict[str, Any], language: str = "en") -> str:
    """The step's description as the frontend shows it, placeholders filled in."""
    strings = json.loads((TRANSLATIONS / f"{language}.json").read_text(encoding="utf-8"))
    text: str = strings["config"]["step"][result["step_id"]]["description"]
    return text.format(**result["description_placeholders"]).strip()


def _choices(result: dict[str, Any]) -> dict[str, str]:
    selector = result["data_schema"].schema["miners"]
    return {option["value"]: option["label"] for option in selector.config["options"]}


async def test_suggested_networks(hass: HomeAssistant, adapters: list[Adapter]) -> None:
    result = await _scan_form(hass)
    assert _suggested(result) == {"targets": "192.168.1.0/24, 10.20.30.0/24"}
    assert _description(result).startswith(
        "Home Assistant's networks: 192.168.1.0/24, 10.20.30.0/24. Miners that need"
    )

    adapters.clear()
    result = await _scan_form(hass)
    assert _suggested(result) == {"targets": ""}
    assert _description(result).startswith(
        "Home Assistant knows no network of its own to suggest: enter the addresses of your "
        "miners. Miners that need"
    )


async def test_no_networks_in_german(hass: HomeAssistant, adapters: list[Adapter]) -> None:
    """The sentences that fill placeholders come in Home Assistant's language."""
    hass.config.language = "de"
    adapters.clear()
    result = await _scan_form(hass)
    assert _description(result, "de").startswith(
        "Home Assistant kennt kein eigenes Netzwerk, das es vorschlagen könnte: Gib die "
        "Adressen deiner Miner ein. Miner, die"
    )


async def test_scan_adds_several(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """Three miners answer, one is set up already: the other two are offered and added."""
    s19pro = await start_sim("antminer-s19pro", S19PRO)
    s9 = await start_sim("antminer-s9", S9)
    m50s = await start_sim("whatsminer-m50s", M50S, password="admin")
    entry_for(s9, "127.0.11.99").add_to_hass(hass)  # known, at an old address
    progress: list[float] = []

    # A callback runs in the event loop, in order; a plain function would go to the executor.
    @callback
    def on_progress(event: Event) -> None:
        progress.append(event.data["progress"])

    hass.bus.async_listen(EVENT_DATA_ENTRY_FLOW_PROGRESS_UPDATE, on_progress)

    result = await _scan(hass, f"{NET}.1-24")

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "pick"
    # The MAC as the device page shows it (upper-case); the value is the unique id.
    assert _choices(result) == {
        format_mac(s19pro.mac): f"Antminer S19 Pro at {S19PRO} ({format_mac(s19pro.mac).upper()})",
        format_mac(m50s.mac): f"Whatsminer M50S at {M50S} ({format_mac(m50s.mac).upper()})",
    }
    # Every miner found is offered: no "Not offered" sentence.
    assert _description(result) == "Found 2 new miner(s); 1 already set up."
    assert len(progress) == 24
    assert progress[-1] == 1.0
    assert progress == sorted(progress)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"miners": [format_mac(s19pro.mac), format_mac(m50s.mac)]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Antminer S19 Pro"
    assert result["data"] == {CONF_HOST: S19PRO, CONF_USERNAME: "root", CONF_PASSWORD: "root"}
    assert result["result"].unique_id == format_mac(s19pro.mac)
    await hass.async_block_till_done()
    # The Whatsminer's own flow follows (test_scan_flow_chain.py: as the frontend does it).
    flow_type, flow_id = result["next_flow"]
    assert flow_type == "config_flow"
    result = await hass.config_entries.flow.async_configure(flow_id)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Whatsminer M50S"
    assert "next_flow" not in result
    await hass.async_block_till_done()

    entries = {entry.unique_id: entry for entry in hass.config_entries.async_entries(DOMAIN)}
    assert set(entries) == {format_mac(sim.mac) for sim in (s19pro, s9, m50s)}
    whatsminer = entries[format_mac(m50s.mac)]
    assert whatsminer.title == "Whatsminer M50S"
    assert whatsminer.source == SOURCE_INTEGRATION_DISCOVERY
    assert whatsminer.data == {CONF_HOST: M50S, CONF_USERNAME: "admin", CONF_PASSWORD: "admin"}
    # The scan does not move a known miner; DHCP discovery does that.
    assert entries[format_mac(s9.mac)].data[CONF_HOST] == "127.0.11.99"
    assert not hass.config_entries.flow.async_progress()


async def test_scan_pick_some(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """Nothing chosen: asked again; one chosen: only that one is added."""
    await start_sim("antminer-s19pro", S19PRO)
    s9 = await start_sim("antminer-s9", S9)

    result = await _scan(hass, f"{S19PRO}, {S9}")
    assert len(_choices(result)) == 2

    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"miners": []})
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"miners": "none_selected"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"miners": [format_mac(s9.mac)]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Antminer S9"
    assert "next_flow" not in result
    await hass.async_block_till_done()
    assert [e.unique_id for e in hass.config_entries.async_entries(DOMAIN)] == [format_mac(s9.mac)]
    assert not hass.config_entries.flow.async_progress()


async def test_progress_shown_long_enough_to_follow(hass: HomeAssistant) -> None:
    """A scan over in an instant still shows its progress step for 2 seconds: the frontend
    subscribes to the flow's "progressed" event only once it shows the step, and misses
    one fired before (the dialog would spin for good)."""
    progressed: list[float] = []
    loop = asyncio.get_running_loop()

    @callback
    def on_progressed(event: Event) -> None:
        progressed.append(loop.time())

    hass.bus.async_listen(EVENT_DATA_ENTRY_FLOW_PROGRESSED, on_progressed)
    result = await _scan_form(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {"targets": f"{NET}.250"},  # nothing listens: refused at once
    )
    shown = loop.time()
    assert result["type"] is FlowResultType.SHOW_PROGRESS
    await hass.async_block_till_done()
    assert len(progressed) == 1
    assert progressed[0] - shown >= 1.9


@pytest.mark.parametrize(
    ("targets", "error"),
    [
        ("127.0.11.300", "invalid_targets"),
        ("127.0.11.9-2", "invalid_targets"),
        ("127.0.0.0/21", "too_many_targets"),
    ],
)
async def test_scan_bad_targets(hass: HomeAssistant, targets: str, error: str) -> None:
    result = await _scan_form(hass)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"targets": targets})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "scan"
    assert result["errors"] == {"targets": error}
    assert _suggested(result) == {"targets": targets}
    if error == "invalid_targets":
        assert result["description_placeholders"]["reason"]


async def test_scan_nothing_found(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """Nothing answers: the form again, with the targets; then the miner is found."""
    result = await _scan(hass, f"{NET}.30-35")
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "scan"
    assert result["errors"] == {"base": "no_miners_found"}
    assert _suggested(result)["targets"].startswith(f"{NET}.30, {NET}.31")

    await start_sim("antminer-s19pro", f"{NET}.33")
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"targets": f"{NET}.30-35"}
    )
    assert result["type"] is FlowResultType.SHOW_PROGRESS
    await hass.async_block_till_done()
    result = await hass.config_entries.flow.async_configure(result["flow_id"])
    assert result["step_id"] == "pick"


async def test_scan_only_known_miners(hass: HomeAssistant, start_sim: SimFactory) -> None:
    s19pro = await start_sim("antminer-s19pro", S19PRO)
    entry_for(s19pro, S19PRO).add_to_hass(hass)

    result = await _scan(hass, S19PRO)

    assert result["step_id"] == "scan"
    assert result["errors"] == {"base": "no_new_miners"}
    assert result["description_placeholders"]["configured"] == "1"


async def test_scan_miners_not_addable(hass: HomeAssistant, start_sim: SimFactory) -> None:
    """One miner needs a login, one reports no MAC: neither can be added from a scan."""
    await start_sim("antminer-s19pro", f"{NET}.40", password="secret")
    booting = await start_sim("antminer-s19pro", f"{NET}.41")
    booting.set_fault(Fault.GARBAGE, protocol="http")  # the MAC comes from the web

    result = await _scan(hass, f"{NET}.40-41")

    assert result["step_id"] == "scan"
    assert result["errors"] == {"base": "miners_not_addable"}
    assert result["description_placeholders"]["skipped"] == (
        f"{NET}.40: login needed; {NET}.41: no MAC address reported"
    )


async def test_scan_skipped_listed_beside_found(hass: HomeAssistant, start_sim: SimFactory) -> None:
    await start_sim("antminer-s19pro", f"{NET}.40", password="secret")
    await start_sim("antminer-s9", S9)

    result = await _scan(hass, f"{S9}, {NET}.40")

    assert result["step_id"] == "pick"
    assert _description(result) == (
        f"Found 1 new miner(s); 0 already set up. Not offered: {NET}.40: login needed."
    )


async def test_skipped_in_german(hass: HomeAssistant, start_sim: SimFactory) -> None:
    hass.config.language = "de"
    await start_sim("antminer-s19pro", f"{NET}.40", password="secret")
    await start_sim("antminer-s9", S9)

    result = await _scan(hass, f"{S9}, {NET}.40")

    assert _description(result, "de") == (
        "Neue Miner gefunden: 1; bereits eingerichtet: 0. "
        f"Nicht angeboten: {NET}.40: Anmeldung nötig."
    )


async def test_integration_discovery_of_known_miner(
    hass: HomeAssistant, start_sim: SimFactory
) -> None:
    """A second flow for a miner that was added meanwhile: aborted, host followed."""
    s9 = await start_sim("antminer-s9", S9)
    entry = entry_for(s9, "127.0.11.98")
    entry.add_to_hass(hass)

    result = await hass.config_entries.flow.async_init(
        DOMAIN,
        context={"source": SOURCE_INTEGRATION_DISCOVERY},
        data={
            "mac": format_mac(s9.mac),
            "title": "Antminer S9",
            CONF_HOST: S9,
            CONF_USERNAME: "root",
            CONF_PASSWORD: "root",
        },
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert entry.data[CONF_HOST] == S9
