"""Config flow: add a miner by its address, by scanning the network, or from DHCP.

The firmware's login is asked for only where it needs one. Options: the poll interval,
which optional entity groups to create, and the room temperature sensor of the heater."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import probatio
from homeassistant.components import network
from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.config_entries import (
    SOURCE_INTEGRATION_DISCOVERY,
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    FlowType,
    OptionsFlowWithReload,
)
from homeassistant.const import CONF_HOST, CONF_NAME, CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant, callback
from homeassistant.data_entry_flow import AbortFlow, FlowResultType
from homeassistant.helpers import translation
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.device_registry import format_mac
from homeassistant.helpers.selector import (
    EntitySelector,
    EntitySelectorConfig,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
from homeassistant.helpers.service_info.dhcp import DhcpServiceInfo
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo

from . import is_fleet
from .const import (
    CONF_ENTITY_GROUPS,
    CONF_ENTRY_TYPE,
    CONF_MEMBERS,
    CONF_ROOM_SENSOR,
    CONF_SCAN_INTERVAL,
    CONF_SSH_HOST_KEY,
    DEFAULT_ENTITY_GROUPS,
    DEFAULT_SCAN_INTERVAL,
    DOMAIN,
    ENTITY_GROUPS,
    ENTRY_TYPE_FLEET,
    LOGGER,
    MAX_SCAN_INTERVAL,
    MIN_SCAN_INTERVAL,
)
from .coordinator import credentials_from_entry
from .driver import (
    AsicMinerError,
    Credentials,
    Firmware,
    HostKeyChanged,
    Miner,
    MinerAuthenticationError,
    MinerData,
    MinerNotFoundError,
    WriteAccessDenied,
    find_miner,
)
from .driver.backends.whatsminer.backend import Whatsminer
from .driver.scan import (
    DEFAULT_CONCURRENCY,
    MAC_RETRIES,
    MAC_RETRY_DELAY,
    ScanResult,
    parse_targets,
    scan,
)
from .fleet.flow import DEFAULT_FLEET_NAME, FleetOptionsFlow, fleet_schema, in_other_fleets
from .mac import display_mac

# The network scan: at most this many addresses (four /24s).
MAX_SCAN_HOSTS = 1024
CONF_TARGETS = "targets"
CONF_MINERS = "miners"
CONF_MAC = "mac"
CONF_TITLE = "title"
# The flows of the miners picked after this one, in order (see _async_add_picked).
CONF_NEXT_FLOWS = "next_flows"
# How long a chained create_entry result waits before it is answered: the frontend carries
# this entry's devices over to the next flow's dialog from its own device list, which
# refetches the device registry 500 ms after the last change (debounced; frontend
# src/data/ws-device_registry.ts). Answered sooner, the device is not in that list yet,
# and "Name and assign" leaves it out.
CHAIN_DEVICE_LIST_DELAY = 1.0  # seconds
# The scan's progress step lasts at least this long: the frontend subscribes to a flow's
# progress events only once it shows the step, and a scan done before that (a few
# addresses on a fast network) would leave the dialog on the spinner for good. In headless
# Chromium on a busy 2-core machine the subscription was in place 0.6 s after the step was
# shown; 2 s leaves room for a slow tablet.
MIN_SCAN_PROGRESS = 2.0  # seconds

TEXT = TextSelector(TextSelectorConfig(autocomplete="off"))
OPTIONAL_PASSWORD = TextSelector(
    TextSelectorConfig(type=TextSelectorType.PASSWORD, autocomplete="off")
)
PASSWORD = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))


class FlowError(Exception):
    """A problem shown on the form; ``key`` is its translation key under config.error."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class HostKeyNotConfirmed(FlowError):
    """The miner's SSH host key is not the one recorded with its entry."""

    def __init__(self, fingerprint: str) -> None:
        super().__init__("host_key_changed")
        self.fingerprint = fingerprint


class LoginNeeded(FlowError):
    """Ask for the login; ``miner`` is set when the miner was identified first.

    Either the miner refused the credentials (shown as ``invalid_auth`` on a login form),
    or it is read without a login but refused changes with the firmware's defaults
    (Whatsminer): the user may have set a password of their own.
    """

    def __init__(self, miner: Miner | None) -> None:
        super().__init__("invalid_auth")
        self.miner = miner


@dataclass(frozen=True, slots=True)
class Connection:
    """A miner that answered: its backend, one poll, its normalised MAC."""

    miner: Miner
    data: MinerData
    mac: str
    # Set when the login is right but the miner refuses changes (write API off, the
    # default password): the entry is still made, and its setup raises a repair issue.
    write_refusal: WriteAccessDenied | None
    ssh_host_key: str | None = None  # what the miner offered, where it was reached by SSH


def title_for(data: MinerData, miner: Miner) -> str:
    """'Antminer S19 Pro' from make and model, without repeating the make."""
    model = data.model or miner.model or ""
    make = data.make or miner.make
    if not model:
        return make
    return model if model.lower().startswith(make.lower()) else f"{make} {model}"


async def check_login(miner: Miner) -> WriteAccessDenied | None:
    """Prove the login where the firmware has one; a refusal of writes is returned.

    MinerAuthenticationError (a wrong login) and connection errors propagate.
    """
    if not miner.requires_credentials:
        return None
    try:
        await miner.check_credentials()
    except WriteAccessDenied as err:
        return err
    return None


def asks_for_account(miner: Miner) -> bool:
    """Whether the login has an account name besides the password.

    Whatsminer API V2 knows only the admin password; V3 firmware logs in with an account
    (super, user1..3). Every other firmware with a login has a user name.
    """
    return not (isinstance(miner, Whatsminer) and miner.api_generation == 2)


def scan_label(result: ScanResult) -> str:
    """'Antminer S19 Pro at 192.168.1.20 (AA:BB:…)' for the list of found miners."""
    assert result.data is not None
    name = title_for(result.data, result.miner)
    return f"{name} at {result.host} ({display_mac(result.mac or '')})"


async def async_phrases(hass: HomeAssistant) -> dict[str, str]:
    """The sentences and list items that fill description placeholders, in Home
    Assistant's language.

    A placeholder that may have nothing to say gets a whole sentence, or none, from here:
    Home Assistant's frontend puts placeholder values into the text as they are. They are
    kept as the options of a selector, "scan_phrases", the one section of a translation
    file for texts of our own choosing that every hassfest version accepts.
    """
    prefix = f"component.{DOMAIN}.selector.scan_phrases.options."
    texts = await translation.async_get_translations(
        hass, hass.config.language, "selector", {DOMAIN}
    )
    return {key.removeprefix(prefix): text for key, text in texts.items() if key.startswith(prefix)}


async def async_suggested_networks(hass: Any) -> list[str]:
    """The IPv4 subnets of Home Assistant's enabled network adapters, as /24 at most.

    A larger subnet is cut to the /24 around Home Assistant's own address; loopback and
    link-local addresses are left out.
    """
    found: dict[str, None] = {}
    for adapter in await network.async_get_adapters(hass):
        if not adapter["enabled"]:
            continue
        for ipv4 in adapter["ipv4"]:
            interface = ipaddress.IPv4Interface(f"{ipv4['address']}/{ipv4['network_prefix']}")
            if interface.ip.is_loopback or interface.ip.is_link_local:
                continue
            subnet = interface.network
            if subnet.prefixlen < 24:
                subnet = ipaddress.IPv4Interface(f"{interface.ip}/24").network
            found[str(subnet)] = None
    return list(found)


class AsicMinerConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add one miner by its address, several from a network scan, or one DHCP saw."""

    VERSION = 1

    _host: str
    _miner: Miner | None = None
    _targets: list[str]
    _scan_task: asyncio.Task[None] | None = None
    _new_fingerprint: str = ""  # the SSH host key a miner offers instead of the recorded one

    def __init__(self) -> None:
        self._found: dict[str, ScanResult] = {}  # by MAC, readable and not yet configured
        self._skipped: list[str] = []  # found, but not addable from the scan (and why)
        self._configured = 0  # found, but already set up
        self._next_flows: list[str] = []  # see _async_add_picked
        self._picked: tuple[str, str, dict[str, Any]] | None = None  # MAC, title, entry data

    @staticmethod
    @callback
    def async_get_options_flow(
        config_entry: ConfigEntry,
    ) -> AsicMinerOptionsFlow | FleetOptionsFlow:
        """A miner's options (poll interval, entity groups, heater) or a fleet's."""
        if is_fleet(config_entry):
            return FleetOptionsFlow()
        return AsicMinerOptionsFlow()

    async def _async_connect(
        self, host: str, credentials: Credentials, known_host_key: str | None = None
    ) -> Connection:
        """Identify and read the miner, and check its login where it has one.

        ``known_host_key``: the SSH host key recorded with the entry; another key offered
        now is HostKeyNotConfirmed. None: the key offered is trusted (first use).

        The miner is closed again (a Whatsminer V3 keeps a connection open, and serves
        only a few clients); what the flow keeps of it are its class and attributes.
        A miner that does not report its MAC yet (booting) is read again a few times.
        """
        miner: Miner | None = None
        try:
            miner = await find_miner(
                host, credentials=credentials, session=async_get_clientsession(self.hass)
            )
            miner.known_ssh_host_key = known_host_key
            data = await miner.get_data()
            for _ in range(MAC_RETRIES):
                if data.mac:
                    break
                await asyncio.sleep(MAC_RETRY_DELAY)
                data = await miner.get_data()
            write_refusal = await check_login(miner)
        except HostKeyChanged as err:
            raise HostKeyNotConfirmed(err.fingerprint) from err
        except MinerAuthenticationError as err:
            raise LoginNeeded(miner) from err
        except MinerNotFoundError as err:
            raise FlowError("not_a_miner") from err
        except AsicMinerError as err:
            LOGGER.debug("Cannot read the miner at %s: %s", host, err)
            raise FlowError("cannot_connect") from err
        finally:
            if miner is not None:
                await miner.close()
        if not data.mac:
            # Without a MAC there is no unique id: never an entry (nor a device) without one.
            raise FlowError("no_mac")
        return Connection(miner, data, format_mac(data.mac), write_refusal, miner.ssh_host_key)

    @staticmethod
    def _entry_data(host: str, miner: Miner, credentials: Credentials | None) -> dict[str, Any]:
        data: dict[str, Any] = {CONF_HOST: host}
        if credentials is not None or miner.requires_credentials:
            # Store what worked, the firmware defaults included, so reauth can replace it.
            data[CONF_USERNAME] = miner.credentials.username
            data[CONF_PASSWORD] = miner.credentials.password
        if miner.ssh_host_key is not None:
            data[CONF_SSH_HOST_KEY] = miner.ssh_host_key  # trusted on first use
        return data

    async def _async_create(self, credentials: Credentials | None) -> ConfigFlowResult:
        """Try the credentials (None: the firmware defaults) and add the miner."""
        connection = await self._async_connect(self._host, credentials or Credentials())
        await self.async_set_unique_id(connection.mac, raise_on_progress=False)
        self._abort_if_unique_id_configured(updates={CONF_HOST: self._host})
        if credentials is None and connection.write_refusal is not None:
            # Read fine, but the defaults may not change anything: ask for the password
            # the user set. Given the defaults again, the miner is added as it is.
            raise LoginNeeded(connection.miner)
        return self.async_create_entry(
            title=title_for(connection.data, connection.miner),
            data=self._entry_data(self._host, connection.miner, credentials),
        )

    async def _async_add_with_defaults(self) -> ConfigFlowResult:
        """Add the miner at ``_host`` with the defaults, or ask for its login."""
        try:
            return await self._async_create(None)
        except LoginNeeded as err:
            self._miner = err.miner
            if err.miner is not None and err.miner.family is Firmware.WHATSMINER:
                return await self.async_step_whatsminer()
            return await self.async_step_credentials()

    # -- by hand -----------------------------------------------------------------------

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add one miner by its address, scan the network for miners, or group them."""
        return self.async_show_menu(step_id="user", menu_options=["manual", "scan", "fleet"])

    async def async_step_fleet(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """A fleet of the miners set up already: their sums and a power budget."""
        errors: dict[str, str] = {}
        placeholders = {"miners": ""}
        if user_input is not None:
            if taken := in_other_fleets(self.hass, user_input[CONF_MEMBERS], None):
                errors[CONF_MEMBERS] = "member_in_other_fleet"
                placeholders["miners"] = ", ".join(taken)
            else:
                return self.async_create_entry(
                    title=user_input[CONF_NAME].strip() or DEFAULT_FLEET_NAME,
                    data={CONF_ENTRY_TYPE: ENTRY_TYPE_FLEET},
                    options={CONF_MEMBERS: list(user_input[CONF_MEMBERS])},
                )
        return self.async_show_form(
            step_id="fleet",
            data_schema=fleet_schema(self.hass),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_manual(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for the address, then try the firmware's default login."""
        errors: dict[str, str] = {}
        if user_input is not None:
            self._host = user_input[CONF_HOST].strip()
            try:
                return await self._async_add_with_defaults()
            except FlowError as err:
                errors["base"] = err.key
        return self.async_show_form(
            step_id="manual",
            data_schema=self.add_suggested_values_to_schema(
                probatio.Schema({probatio.Required(CONF_HOST): TEXT}), user_input
            ),
            errors=errors,
        )

    def _default_login(self) -> Credentials:
        """The firmware's shipped login, as the identified backend resolves it."""
        if self._miner is None:
            return Credentials()
        return self._miner.credentials

    async def _async_login_step(
        self, step_id: str, user_input: dict[str, Any] | None, *, account: bool
    ) -> ConfigFlowResult:
        """Ask for the login, prefilled with the firmware's defaults."""
        errors: dict[str, str] = {}
        if user_input is not None:
            try:
                return await self._async_create(
                    Credentials(user_input.get(CONF_USERNAME), user_input[CONF_PASSWORD])
                )
            except FlowError as err:
                errors["base"] = err.key
        defaults = self._default_login()
        fields: dict[Any, Any] = {}
        if account:
            fields[probatio.Required(CONF_USERNAME)] = TEXT
        fields[probatio.Required(CONF_PASSWORD)] = PASSWORD
        return self.async_show_form(
            step_id=step_id,
            data_schema=self.add_suggested_values_to_schema(
                probatio.Schema(fields),
                user_input or {CONF_USERNAME: defaults.username, CONF_PASSWORD: defaults.password},
            ),
            description_placeholders={"host": self._host},
            errors=errors,
        )

    async def async_step_credentials(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """The defaults were refused: ask for the login, prefilled with them."""
        return await self._async_login_step("credentials", user_input, account=True)

    async def async_step_whatsminer(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """A Whatsminer is read without a login; its controls need the admin password.

        API V2 firmware asks for the password only, V3 firmware for account and password.
        """
        account = self._miner is not None and asks_for_account(self._miner)
        return await self._async_login_step("whatsminer", user_input, account=account)

    # -- network scan ------------------------------------------------------------------

    async def async_step_scan(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask what to scan, proposing the subnets of Home Assistant's network adapters."""
        errors: dict[str, str] = {}
        reason = ""
        if user_input is not None:
            try:
                targets = parse_targets(user_input[CONF_TARGETS])
            except ValueError as err:
                errors[CONF_TARGETS] = "invalid_targets"
                reason = str(err)
            else:
                if len(targets) > MAX_SCAN_HOSTS:
                    errors[CONF_TARGETS] = "too_many_targets"
                else:
                    self._targets = targets
                    return await self.async_step_scan_progress()
        return await self._async_show_scan_form(user_input, errors, reason)

    async def _async_show_scan_form(
        self, user_input: dict[str, Any] | None, errors: dict[str, str], reason: str = ""
    ) -> ConfigFlowResult:
        networks = await async_suggested_networks(self.hass)
        phrases = await async_phrases(self.hass)
        suggested = user_input or {CONF_TARGETS: ", ".join(networks)}
        return self.async_show_form(
            step_id="scan",
            data_schema=self.add_suggested_values_to_schema(
                probatio.Schema({probatio.Required(CONF_TARGETS): TEXT}), suggested
            ),
            description_placeholders={
                "networks": (
                    phrases["networks"].format(networks=", ".join(networks))
                    if networks
                    else phrases["no_networks"]
                ),
                "max": str(MAX_SCAN_HOSTS),
                # Used only by the errors that have something to fill in.
                "reason": reason,
                "configured": str(self._configured),
                "skipped": "; ".join(self._skipped),
            },
            errors=errors,
        )

    async def _async_scan(self) -> None:
        """Scan ``_targets``; keep the miners that can be added, note the others."""
        self._found.clear()
        self._skipped.clear()
        self._configured = 0
        configured = self._async_current_ids(include_ignore=True)
        phrases = await async_phrases(self.hass)

        def progress(done: int, total: int) -> None:
            self.async_update_progress(done / total)

        async for result in scan(
            self._targets,
            session=async_get_clientsession(self.hass),
            concurrency=DEFAULT_CONCURRENCY,
            progress=progress,
        ):
            if result.auth_required:
                self._skipped.append(phrases["skipped_login"].format(host=result.host))
            elif result.mac is None:
                self._skipped.append(phrases["skipped_no_mac"].format(host=result.host))
            elif format_mac(result.mac) in configured:
                self._configured += 1
            else:
                self._found[format_mac(result.mac)] = result

    async def _async_scan_shown(self) -> None:
        """The scan, lasting at least MIN_SCAN_PROGRESS."""
        started = asyncio.get_running_loop().time()
        await self._async_scan()
        elapsed = asyncio.get_running_loop().time() - started
        await asyncio.sleep(max(0.0, MIN_SCAN_PROGRESS - elapsed))

    async def async_step_scan_progress(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Scan, showing the progress; then the miners found."""
        if self._scan_task is None:
            self._scan_task = self.hass.async_create_task(
                self._async_scan_shown(), eager_start=False
            )
        if not self._scan_task.done():
            return self.async_show_progress(
                step_id="scan_progress",
                progress_action="scan",
                progress_task=self._scan_task,
                description_placeholders={"count": str(len(self._targets))},
            )
        task, self._scan_task = self._scan_task, None
        await task
        return self.async_show_progress_done(next_step_id="pick")

    async def async_step_pick(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Choose which of the miners found to add (one entry each)."""
        if not self._found:
            if self._skipped:
                key = "miners_not_addable"
            elif self._configured:
                key = "no_new_miners"
            else:
                key = "no_miners_found"
            return await self._async_show_scan_form(
                {CONF_TARGETS: ", ".join(self._targets)}, {"base": key}
            )
        errors: dict[str, str] = {}
        if user_input is not None:
            chosen = [mac for mac in user_input[CONF_MINERS] if mac in self._found]
            if chosen:
                return await self._async_add_scanned(chosen)
            errors[CONF_MINERS] = "none_selected"
        options = [
            SelectOptionDict(value=mac, label=scan_label(result))
            for mac, result in sorted(self._found.items(), key=lambda item: item[1].host)
        ]
        # The sentence is left out when every miner found is offered.
        not_offered = ""
        if self._skipped:
            phrases = await async_phrases(self.hass)
            not_offered = phrases["not_offered"].format(skipped="; ".join(self._skipped))
        schema = probatio.Schema(
            {
                probatio.Required(CONF_MINERS, default=[o["value"] for o in options]): (
                    SelectSelector(
                        SelectSelectorConfig(
                            options=options, multiple=True, mode=SelectSelectorMode.LIST
                        )
                    )
                )
            }
        )
        return self.async_show_form(
            step_id="pick",
            data_schema=schema,
            description_placeholders={
                "count": str(len(options)),
                "configured": str(self._configured),
                "not_offered": not_offered,
            },
            errors=errors,
        )

    async def _async_add_scanned(self, macs: list[str]) -> ConfigFlowResult:
        """Add the miners picked: one entry per flow, the flows chained by ``next_flow``.

        Home Assistant's frontend offers "Name and assign" (device name, area) for the
        devices of the entry that the flow's create_entry result names. Given a
        ``next_flow`` instead, it skips that, opens the next flow and carries the devices
        over; the last entry's result then offers every device of the chain at once. So
        each further miner gets a flow of its own, waiting to be opened (it is listed
        under Discovered too, in case the dialog is closed half way).
        """
        first, *others = macs
        following: list[str] = []
        for mac in reversed(others):
            result = self._found[mac]
            assert result.data is not None
            started = await self.hass.config_entries.flow.async_init(
                DOMAIN,
                context={"source": SOURCE_INTEGRATION_DISCOVERY},
                data={
                    CONF_MAC: mac,
                    CONF_TITLE: title_for(result.data, result.miner),
                    CONF_NEXT_FLOWS: list(following),
                    **self._entry_data(result.host, result.miner, None),
                },
            )
            if started["type"] is FlowResultType.FORM:
                following.insert(0, started["flow_id"])
        self._next_flows = following
        result = self._found[first]
        assert result.data is not None
        return await self._async_add_picked(
            first,
            title_for(result.data, result.miner),
            self._entry_data(result.host, result.miner, None),
        )

    async def _async_add_picked(
        self, mac: str, title: str, data: dict[str, Any]
    ) -> ConfigFlowResult:
        """Add one miner picked from a scan; the flow of the next one picked follows."""
        next_flow = self._next_picked_flow()
        await self.async_set_unique_id(mac, raise_on_progress=False)
        try:
            self._abort_if_unique_id_configured(updates={CONF_HOST: data[CONF_HOST]})
        except AbortFlow as err:
            # Added by hand meanwhile: the rest of the chain still follows. (The waiting
            # flows of the others are aborted by Home Assistant in that case, and skipped.)
            return self.async_abort(reason=err.reason, next_flow=next_flow)
        return self.async_create_entry(title=title, data=data, next_flow=next_flow)

    async def async_on_create_entry(self, result: ConfigFlowResult) -> ConfigFlowResult:
        """The entry is set up, its devices registered: a chained result waits for the
        frontend's device list to take them in (CHAIN_DEVICE_LIST_DELAY)."""
        if result.get("next_flow") is not None:
            await asyncio.sleep(CHAIN_DEVICE_LIST_DELAY)
        return result

    def _next_picked_flow(self) -> tuple[FlowType, str] | None:
        """The first of the following miners' flows that still waits (not added from
        Discovered meanwhile, nor ignored)."""
        waiting = {
            flow["flow_id"]
            for flow in self.hass.config_entries.flow.async_progress_by_handler(DOMAIN)
        }
        for flow_id in self._next_flows:
            if flow_id in waiting:
                return (FlowType.CONFIG_FLOW, flow_id)
        return None

    async def async_step_integration_discovery(
        self, discovery_info: dict[str, Any]
    ) -> ConfigFlowResult:
        """A miner picked from a scan after the first: waits until its flow is opened."""
        # The user chose it: a DHCP flow waiting for the same miner does not stop it.
        await self.async_set_unique_id(discovery_info[CONF_MAC], raise_on_progress=False)
        self._abort_if_unique_id_configured(updates={CONF_HOST: discovery_info[CONF_HOST]})
        data: dict[str, Any] = {
            key: discovery_info[key]
            for key in (CONF_HOST, CONF_USERNAME, CONF_PASSWORD)
            if key in discovery_info
        }
        self._picked = (discovery_info[CONF_MAC], discovery_info[CONF_TITLE], data)
        self._next_flows = list(discovery_info.get(CONF_NEXT_FLOWS, []))
        placeholders = {"name": discovery_info[CONF_TITLE], "host": data[CONF_HOST]}
        self.context["title_placeholders"] = placeholders
        return self.async_show_form(step_id="scan_add", description_placeholders=placeholders)

    async def async_step_scan_add(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Opened: the frontend follows the chain (or the user chose it under Discovered).

        Opening a flow shows its current step anew (a GET of the flow, without input);
        the user picked this miner from the scan already, so it is added at once.
        """
        assert self._picked is not None
        return await self._async_add_picked(*self._picked)

    # -- DHCP --------------------------------------------------------------------------
    # The manifest's matchers, and where they come from:
    # - hostname "antminer*": stock Bitmain firmware names itself "Antminer" or "antMiner"
    #   (get_system_info.cgi / get_network_info.cgi `hostname`, `conf_hostname`), as do
    #   VNish and LuxOS on Antminers: field captures in pyasic's network tests
    #   (UpstreamData/pyasic) and other public Antminer clients' fixtures.
    # - hostname "whatsminer*": MicroBT firmware names itself "WhatsMiner" (API V2
    #   get_miner_info `hostname`, API V3 get.device.info network.hostname): pyasic's M63S
    #   capture and public V3 client notes.
    # - hostname "bitaxe*": ESP-Miner (AxeOS) ships with the host name "bitaxe" (captures in
    #   osmu-wiki's API page and asic-rs's bitaxe test replies; the firmware's NVS default).
    # - macaddress "E0E1A9*": the Wi-Fi/Ethernet module of the Avalon home models (the MAC
    #   of the captured Nano 3S, LW10583's API document, and Mini 3, pyasic issue #312). The
    #   module's maker supplies other devices too: a discovery of one of those finds no miner
    #   and ends quietly (not_a_miner).
    # - hostname "espressif*": NerdOS (the NerdQAxe firmware) sets no host name of its own
    #   (shufps/ESP-Miner-NerdQAxePlus main/nvs_config.h getHostname falls back to
    #   CONFIG_LWIP_LOCAL_HOSTNAME, which its sdkconfig.defaults leaves at ESP-IDF's
    #   "espressif"). Other ESP32 devices left unnamed are probed once and left alone.
    #   ESP-Miner v2.15+ also announces itself by mDNS (the manifest's zeroconf matcher:
    #   its "_http._tcp" instance is named "Bitaxe <family> <board> (<MAC end>)").
    # - registered_devices: a configured miner that got a new address, whatever its name.
    # No MAC prefixes (OUIs): the captured MACs of both makes are spread over many
    # prefixes, most locally administered (02:…, 42:…, 06:…, CE:…), the rest in unrelated
    # vendors' blocks, so no sourced prefix covers them.

    async def async_step_dhcp(self, discovery_info: DhcpServiceInfo) -> ConfigFlowResult:
        """A miner asked for an address: follow a known one, offer a new one."""
        await self.async_set_unique_id(format_mac(discovery_info.macaddress))
        self._abort_if_unique_id_configured(updates={CONF_HOST: discovery_info.ip})
        self._host = discovery_info.ip
        try:
            connection = await self._async_connect(self._host, Credentials())
        except LoginNeeded as err:
            self._miner = err.miner
            # Identified, but the defaults were refused: named from the identification.
            name = (
                title_for(MinerData(host=self._host), err.miner)
                if err.miner is not None
                else discovery_info.hostname
            )
        except FlowError as err:
            return self.async_abort(reason=err.key)
        else:
            # The MAC the miner reports decides (DHCP may see another interface's).
            await self.async_set_unique_id(connection.mac)
            self._abort_if_unique_id_configured(updates={CONF_HOST: self._host})
            name = title_for(connection.data, connection.miner)
        self.context["title_placeholders"] = {"name": name, "host": self._host}
        return await self.async_step_discovery_confirm()

    async def async_step_zeroconf(self, discovery_info: ZeroconfServiceInfo) -> ConfigFlowResult:
        """A miner announced itself over mDNS (ESP-Miner's ``_axeos`` web service)."""
        if discovery_info.ip_address.version != 4:
            return self.async_abort(reason="not_ipv4_address")
        self._host = str(discovery_info.ip_address)
        self._async_abort_entries_match({CONF_HOST: self._host})
        try:
            connection = await self._async_connect(self._host, Credentials())
        except LoginNeeded as err:
            self._miner = err.miner
            name = (
                title_for(MinerData(host=self._host), err.miner)
                if err.miner is not None
                else discovery_info.hostname.removesuffix(".local.")
            )
        except FlowError as err:
            return self.async_abort(reason=err.key)
        else:
            await self.async_set_unique_id(connection.mac)
            self._abort_if_unique_id_configured(updates={CONF_HOST: self._host})
            name = title_for(connection.data, connection.miner)
        self.context["title_placeholders"] = {"name": name, "host": self._host}
        return await self.async_step_discovery_confirm()

    async def async_step_discovery_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask before adding the discovered miner."""
        if user_input is not None:
            try:
                return await self._async_add_with_defaults()
            except FlowError as err:
                return self.async_abort(reason=err.key)
        self._set_confirm_only()
        return self.async_show_form(
            step_id="discovery_confirm",
            description_placeholders=dict(self.context["title_placeholders"]),
        )

    # -- reauthentication, reconfiguration ---------------------------------------------

    async def async_step_reauth(self, entry_data: Mapping[str, Any]) -> ConfigFlowResult:
        """The miner refused the stored login, or offered another SSH host key."""
        if entry_data.get(CONF_SSH_HOST_KEY) is not None:
            try:
                await self._async_connect(
                    entry_data[CONF_HOST],
                    credentials_from_entry(self._get_reauth_entry()),
                    entry_data[CONF_SSH_HOST_KEY],
                )
            except HostKeyNotConfirmed as err:
                self._new_fingerprint = err.fingerprint
                return await self.async_step_host_key_confirm()
            except FlowError:
                pass  # the password, or the miner is away: asked for below
        return await self.async_step_reauth_confirm()

    async def async_step_host_key_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Trust the miner's new SSH host key (after a reflash) once the user confirms it."""
        entry = self._get_reauth_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            try:
                connection = await self._async_connect(
                    entry.data[CONF_HOST], credentials_from_entry(entry)
                )
            except LoginNeeded:
                return await self.async_step_reauth_confirm()
            except FlowError as err:
                errors["base"] = err.key
            else:
                await self.async_set_unique_id(connection.mac)
                self._abort_if_unique_id_mismatch(reason="wrong_miner")
                return self.async_update_reload_and_abort(
                    entry,
                    data_updates={CONF_SSH_HOST_KEY: connection.ssh_host_key},
                    reason="host_key_accepted",
                )
        return self.async_show_form(
            step_id="host_key_confirm",
            description_placeholders={
                "name": entry.title,
                "host": entry.data[CONF_HOST],
                "fingerprint": self._new_fingerprint,
            },
            errors=errors,
        )

    async def async_step_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the new password."""
        entry = self._get_reauth_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            credentials = Credentials(entry.data.get(CONF_USERNAME), user_input[CONF_PASSWORD])
            try:
                connection = await self._async_connect(
                    entry.data[CONF_HOST], credentials, entry.data.get(CONF_SSH_HOST_KEY)
                )
            except HostKeyNotConfirmed as err:
                self._new_fingerprint = err.fingerprint
                return await self.async_step_host_key_confirm()
            except FlowError as err:
                errors["base"] = err.key
            else:
                # A login that is right but may not change anything is taken: the repair
                # issue raised at setup explains the rest.
                await self.async_set_unique_id(connection.mac)
                self._abort_if_unique_id_mismatch(reason="wrong_miner")
                return self.async_update_reload_and_abort(
                    entry,
                    data_updates={
                        CONF_USERNAME: connection.miner.credentials.username,
                        CONF_PASSWORD: connection.miner.credentials.password,
                    },
                )
        return self.async_show_form(
            step_id="reauth_confirm",
            data_schema=probatio.Schema({probatio.Required(CONF_PASSWORD): PASSWORD}),
            description_placeholders={"name": entry.title, "host": entry.data[CONF_HOST]},
            errors=errors,
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the miner's address and, optionally, its login."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            host = user_input[CONF_HOST].strip()
            stored = credentials_from_entry(entry)
            # An empty field keeps what is stored (the firmware defaults if nothing is).
            credentials = Credentials(
                user_input.get(CONF_USERNAME) or stored.username,
                user_input.get(CONF_PASSWORD) or stored.password,
            )
            try:
                connection = await self._async_connect(
                    host, credentials, entry.data.get(CONF_SSH_HOST_KEY)
                )
            except FlowError as err:
                errors["base"] = err.key
            else:
                await self.async_set_unique_id(connection.mac)
                self._abort_if_unique_id_mismatch(reason="wrong_miner")
                updates: dict[str, Any] = {CONF_HOST: host}
                if connection.miner.requires_credentials or CONF_PASSWORD in entry.data:
                    updates[CONF_USERNAME] = connection.miner.credentials.username
                    updates[CONF_PASSWORD] = connection.miner.credentials.password
                return self.async_update_reload_and_abort(entry, data_updates=updates)
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=self.add_suggested_values_to_schema(
                probatio.Schema(
                    {
                        probatio.Required(CONF_HOST): TEXT,
                        probatio.Optional(CONF_USERNAME): TEXT,
                        probatio.Optional(CONF_PASSWORD): OPTIONAL_PASSWORD,
                    }
                ),
                {
                    CONF_HOST: (user_input or entry.data)[CONF_HOST],
                    CONF_USERNAME: (user_input or entry.data).get(CONF_USERNAME),
                },
            ),
            description_placeholders={"name": entry.title},
            errors=errors,
        )


class AsicMinerOptionsFlow(OptionsFlowWithReload):
    """The poll interval, the optional entity groups and the heater's room temperature
    sensor; a change reloads the entry."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        if user_input is not None:
            return self.async_create_entry(
                data={
                    CONF_SCAN_INTERVAL: int(user_input[CONF_SCAN_INTERVAL]),
                    CONF_ENTITY_GROUPS: [
                        group for group in ENTITY_GROUPS if group in user_input[CONF_ENTITY_GROUPS]
                    ],
                    # Left empty: no heater (the reload removes its climate entity).
                    **(
                        {CONF_ROOM_SENSOR: user_input[CONF_ROOM_SENSOR]}
                        if user_input.get(CONF_ROOM_SENSOR)
                        else {}
                    ),
                }
            )
        options = self.config_entry.options
        schema = probatio.Schema(
            {
                probatio.Required(CONF_SCAN_INTERVAL): NumberSelector(
                    NumberSelectorConfig(
                        min=MIN_SCAN_INTERVAL,
                        max=MAX_SCAN_INTERVAL,
                        step=1,
                        unit_of_measurement="s",
                        mode=NumberSelectorMode.BOX,
                    )
                ),
                probatio.Required(CONF_ENTITY_GROUPS): SelectSelector(
                    SelectSelectorConfig(
                        options=list(ENTITY_GROUPS),
                        multiple=True,
                        mode=SelectSelectorMode.LIST,
                        translation_key=CONF_ENTITY_GROUPS,
                    )
                ),
                # The room the miner heats (its climate entity holds this temperature).
                probatio.Optional(CONF_ROOM_SENSOR): EntitySelector(
                    EntitySelectorConfig(
                        domain="sensor", device_class=SensorDeviceClass.TEMPERATURE
                    )
                ),
            }
        )
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(
                schema,
                {
                    CONF_SCAN_INTERVAL: options.get(CONF_SCAN_INTERVAL, DEFAULT_SCAN_INTERVAL),
                    CONF_ENTITY_GROUPS: list(
                        options.get(CONF_ENTITY_GROUPS, DEFAULT_ENTITY_GROUPS)
                    ),
                    CONF_ROOM_SENSOR: options.get(CONF_ROOM_SENSOR),
                },
            ),
        )
