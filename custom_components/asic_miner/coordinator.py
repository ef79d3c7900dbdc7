"""Polls one miner through the driver."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import override

from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntry
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryAuthFailed
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.device_registry import format_mac
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from .const import (
    CONF_SCAN_INTERVAL,
    CONF_SSH_HOST_KEY,
    DEFAULT_SCAN_INTERVAL,
    DOMAIN,
    LOGGER,
    LOGIN_RECHECK_INTERVAL,
    MINER_TIMEOUT,
    REIDENTIFY_AFTER_FAILURES,
    REIDENTIFY_INTERVAL,
)
from .driver import (
    DEFAULT_CREDENTIALS,
    AsicMinerError,
    Credentials,
    HostKeyChanged,
    Miner,
    MinerAuthenticationError,
    MinerConnectionError,
    MinerData,
    MinerNotFoundError,
    MinerTimeoutError,
    WriteAccessDenied,
    find_miner,
)
from .issues import (
    async_clear_unsupported,
    async_clear_write_refusal,
    async_report_unsupported,
    async_report_write_refusal,
)
from .mac import display_mac

type AsicMinerConfigEntry = ConfigEntry[AsicMinerCoordinator]


def credentials_from_entry(entry: ConfigEntry) -> Credentials:
    """The stored login, or the firmware defaults when none was needed."""
    return Credentials(
        username=entry.data.get(CONF_USERNAME),
        password=entry.data.get(CONF_PASSWORD),
    )


async def _call_driver[T](host: str, call: Callable[[], Awaitable[T]]) -> T:
    """Run a driver call, turning its errors into the coordinator's."""
    try:
        return await call()
    except HostKeyChanged as err:
        raise ConfigEntryAuthFailed(
            translation_domain=DOMAIN,
            translation_key="host_key_changed",
            translation_placeholders={"host": host, "fingerprint": err.fingerprint},
        ) from err
    except MinerAuthenticationError as err:
        raise ConfigEntryAuthFailed(
            translation_domain=DOMAIN,
            translation_key="authentication_failed",
            translation_placeholders={"host": host},
        ) from err
    except MinerTimeoutError as err:
        raise UpdateFailed(
            translation_domain=DOMAIN,
            translation_key="timeout",
            translation_placeholders={"host": host},
        ) from err
    except MinerNotFoundError as err:
        raise UpdateFailed(
            translation_domain=DOMAIN,
            translation_key="not_identified",
            translation_placeholders={"host": host},
        ) from err
    except MinerConnectionError as err:
        raise UpdateFailed(
            translation_domain=DOMAIN,
            translation_key="cannot_connect",
            translation_placeholders={"host": host, "error": str(err)},
        ) from err
    except AsicMinerError as err:
        raise UpdateFailed(
            translation_domain=DOMAIN,
            translation_key="invalid_response",
            translation_placeholders={"host": host, "error": str(err)},
        ) from err


class AsicMinerCoordinator(DataUpdateCoordinator[MinerData]):
    """One poll of one miner every scan interval (30 s unless the options say otherwise).

    The base class marks the entities unavailable when a poll fails and logs once
    when the miner goes away and once when it is back.
    """

    config_entry: AsicMinerConfigEntry
    miner: Miner
    # A repair issue says the miner refuses changes; the login is checked again from
    # _next_login_check on, so the issue goes once the user has fixed it on the miner.
    write_refused: bool = False
    _next_login_check: datetime
    # A poll was refused the login (Antminer reads need it): the reauth flow that started
    # is aborted once a poll gets in again. Whatsminer reads need no login, so their polls
    # say nothing about a reauth a control started.
    _poll_login_refused: bool = False
    # When to ask again which firmware answers (see _async_check_firmware), and since when
    # polls have failed.
    _next_identify: datetime
    _failing_since: datetime | None = None

    def __init__(self, hass: HomeAssistant, entry: AsicMinerConfigEntry) -> None:
        self.host: str = entry.data[CONF_HOST]
        # "heater" while the miner's climate entity holds a room temperature with it (heat
        # mode): a fleet leaves the miner alone meanwhile.
        self.heater_holds: str | None = None
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"{DOMAIN} {self.host}",
            # The options flow sets it; a change reloads the entry (OptionsFlowWithReload).
            update_interval=timedelta(
                seconds=entry.options.get(CONF_SCAN_INTERVAL, DEFAULT_SCAN_INTERVAL)
            ),
        )

    @override
    async def _async_setup(self) -> None:
        """Identify the miner once; its backend decides how it is read."""
        self.miner = await _call_driver(self.host, self._async_identify)
        self._next_identify = dt_util.utcnow() + REIDENTIFY_INTERVAL
        self.miner.known_ssh_host_key = self.config_entry.data.get(CONF_SSH_HOST_KEY)
        if self.miner.requires_credentials:
            await _call_driver(self.host, self._async_check_login)
        self._async_pin_host_key()

    async def _async_identify(self) -> Miner:
        """Find the miner's backend; a repair issue says so while none fits (new firmware)."""
        try:
            miner = await find_miner(
                self.host,
                credentials=credentials_from_entry(self.config_entry),
                session=async_get_clientsession(self.hass),
                timeout=MINER_TIMEOUT,
            )
        except MinerNotFoundError:
            async_report_unsupported(self.hass, self.config_entry)
            raise
        async_clear_unsupported(self.hass, self.config_entry)
        return miner

    async def _async_check_login(self) -> None:
        """Check the stored login: at setup, and again while the miner refuses changes.

        Where reads need no login (Whatsminer) this is where a wrong password shows before
        a control fails. Writes refused with the right login (the write API off, the default
        password) raise a repair issue; the miner is still read. A check that fails for
        other reasons (a token limit, an odd reply) leaves the issue as it is. A refused
        login and a lost connection are raised.
        """
        try:
            await self.miner.check_credentials()
        except MinerAuthenticationError, MinerConnectionError:
            raise
        except WriteAccessDenied as err:
            LOGGER.debug("%s refuses changes: %s", self.host, err)
            self.async_report_write_refusal(err)
        except AsicMinerError as err:
            LOGGER.debug("Could not check the login of %s: %s", self.host, err)
        else:
            self.async_clear_write_refusal()

    async def _async_recheck_login(self) -> None:
        """The miner refused changes: has the user fixed that on the miner since?

        A password changed on the miner (as the repair asks) shows as a refused login:
        that starts reauthentication, and the miner is still read meanwhile.
        """
        self._next_login_check = dt_util.utcnow() + LOGIN_RECHECK_INTERVAL
        try:
            await self._async_check_login()
        except MinerAuthenticationError as err:
            LOGGER.debug("%s refuses the stored login: %s", self.host, err)
            self.config_entry.async_start_reauth(self.hass)
        except MinerConnectionError as err:
            LOGGER.debug("Could not check the login of %s: %s", self.host, err)

    @callback
    def async_report_write_refusal(self, err: WriteAccessDenied) -> None:
        """Raise the repair issue for ``err`` (if it has one) and check again later."""
        if async_report_write_refusal(self.hass, self.config_entry, err):
            self.write_refused = True
            self._next_login_check = dt_util.utcnow() + LOGIN_RECHECK_INTERVAL

    @callback
    def async_clear_write_refusal(self) -> None:
        """The miner took a change or passed the login check: its repair issue is done."""
        self.write_refused = False
        async_clear_write_refusal(self.hass, self.config_entry)

    @callback
    def _async_pin_host_key(self) -> None:
        """Record the SSH host key the miner offered first (trust on first use); a later
        key that differs is refused by the driver until the user confirms it (reauth)."""
        key = self.miner.ssh_host_key
        if key is None or self.config_entry.data.get(CONF_SSH_HOST_KEY) is not None:
            return
        self.miner.known_ssh_host_key = key
        self.hass.config_entries.async_update_entry(
            self.config_entry, data={**self.config_entry.data, CONF_SSH_HOST_KEY: key}
        )

    @callback
    def _async_abort_reauth(self) -> None:
        """A poll took the stored login again: the open reauth flow has no reason left."""
        for flow in self.config_entry.async_get_active_flows(self.hass, {SOURCE_REAUTH}):
            self.hass.config_entries.flow.async_abort(flow["flow_id"])

    async def async_close(self) -> None:
        """Close the miner's connections, if it was identified; the HA session stays."""
        if hasattr(self, "miner"):
            await self.miner.close()

    async def _async_check_firmware(self) -> None:
        """Ask again which firmware answers; another one than this entry's backend (the
        miner was reflashed) reloads the entry, so it gets the new firmware's backend and
        entities. The stored login, if it was the old firmware's default, is dropped so the
        new firmware's default is tried; the SSH host key is left to be confirmed."""
        now = dt_util.utcnow()
        due = self._next_identify
        if self._failing_since is not None:
            due = min(due, self._failing_since + REIDENTIFY_AFTER_FAILURES)
        if now < due:
            return
        self._next_identify = now + REIDENTIFY_INTERVAL
        self._failing_since = None if self._failing_since is None else now
        try:
            found = await find_miner(
                self.host,
                credentials=credentials_from_entry(self.config_entry),
                session=async_get_clientsession(self.hass),
                timeout=MINER_TIMEOUT,
            )
        except AsicMinerError as err:
            LOGGER.debug("%s: could not identify the firmware again: %s", self.host, err)
            return
        await found.close()
        if type(found) is type(self.miner):
            return
        LOGGER.info(
            "%s now runs %s %s firmware (was %s): setting it up again",
            self.host,
            found.make,
            found.firmware,
            self.miner.firmware,
        )
        old_default = DEFAULT_CREDENTIALS.get(self.miner.family) if self.miner.family else None
        if old_default is not None and credentials_from_entry(self.config_entry) == old_default:
            data = dict(self.config_entry.data)
            data.pop(CONF_USERNAME, None)
            data.pop(CONF_PASSWORD, None)
            self.hass.config_entries.async_update_entry(self.config_entry, data=data)
        self.hass.config_entries.async_schedule_reload(self.config_entry.entry_id)

    @override
    async def _async_update_data(self) -> MinerData:
        try:
            data = await self._async_poll()
        except UpdateFailed:
            self._failing_since = self._failing_since or dt_util.utcnow()
            await self._async_check_firmware()
            raise
        self._failing_since = None
        await self._async_check_firmware()
        return data

    async def _async_poll(self) -> MinerData:
        try:
            data = await _call_driver(self.host, self.miner.get_data)
        except ConfigEntryAuthFailed as err:
            # Polls go on (a ConfigEntryAuthFailed would stop them until the user answers
            # the reauth): a miner that accepts the stored login again recovers by itself.
            self._poll_login_refused = True
            self.config_entry.async_start_reauth(self.hass)
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key=err.translation_key,
                translation_placeholders=err.translation_placeholders,
            ) from err
        if self._poll_login_refused:
            self._poll_login_refused = False
            self._async_abort_reauth()
        # Another miner at this address (DHCP moved things around): its values are not ours.
        expected = self.config_entry.unique_id
        if data.mac and expected and format_mac(data.mac) != expected:
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="mac_mismatch",
                translation_placeholders={
                    "host": self.host,
                    "expected": display_mac(expected),
                    "actual": display_mac(data.mac),
                },
            )
        if self.write_refused and dt_util.utcnow() >= self._next_login_check:
            await self._async_recheck_login()
        self._async_pin_host_key()  # a control just made the first SSH connection
        return data
