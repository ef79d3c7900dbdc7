"""Config flow: find the miner at a host, log in only where the firmware needs it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import probatio
from homeassistant.config_entries import ConfigFlow, ConfigFlowResult
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.device_registry import format_mac
from homeassistant.helpers.selector import (
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
from homeassistant.helpers.service_info.dhcp import DhcpServiceInfo

from .const import DOMAIN, LOGGER
from .coordinator import credentials_from_entry
from .driver import (
    DEFAULT_CREDENTIALS,
    AsicMinerError,
    Credentials,
    Miner,
    MinerAuthenticationError,
    MinerData,
    MinerNotFoundError,
    find_miner,
)

TEXT = TextSelector(TextSelectorConfig(autocomplete="off"))
PASSWORD = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))


class FlowError(Exception):
    """A problem shown on the form; ``key`` is its translation key under config.error."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class InvalidAuth(FlowError):
    """The miner refused the credentials; ``miner`` is set when it was identified first."""

    def __init__(self, miner: Miner | None) -> None:
        super().__init__("invalid_auth")
        self.miner = miner


def title_for(data: MinerData, miner: Miner) -> str:
    """'Antminer S19 Pro' from make and model, without repeating the make."""
    model = data.model or miner.model or ""
    make = data.make or miner.make
    if not model:
        return make
    return model if model.lower().startswith(make.lower()) else f"{make} {model}"


class AsicMinerConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add one miner by its address."""

    VERSION = 1

    _host: str
    _miner: Miner | None = None

    async def _async_connect(
        self, host: str, credentials: Credentials
    ) -> tuple[Miner, MinerData, str]:
        """Identify and read the miner: its backend, one poll and its normalised MAC."""
        miner: Miner | None = None
        try:
            miner = await find_miner(
                host, credentials=credentials, session=async_get_clientsession(self.hass)
            )
            data = await miner.get_data()
        except MinerAuthenticationError as err:
            raise InvalidAuth(miner) from err
        except MinerNotFoundError as err:
            raise FlowError("not_a_miner") from err
        except AsicMinerError as err:
            LOGGER.debug("Cannot read the miner at %s: %s", host, err)
            raise FlowError("cannot_connect") from err
        if not data.mac:
            # A booting miner may not know its MAC yet; without it there is no unique id.
            raise FlowError("no_mac")
        return miner, data, format_mac(data.mac)

    def _entry_data(self, miner: Miner, credentials: Credentials | None) -> dict[str, Any]:
        data: dict[str, Any] = {CONF_HOST: self._host}
        if credentials is not None or miner.requires_credentials:
            # Store what worked, the firmware defaults included, so reauth can replace it.
            data[CONF_USERNAME] = miner.credentials.username
            data[CONF_PASSWORD] = miner.credentials.password
        return data

    async def _async_create(self, credentials: Credentials | None) -> ConfigFlowResult:
        """Try the credentials (None: the firmware defaults) and add the miner."""
        miner, data, mac = await self._async_connect(self._host, credentials or Credentials())
        await self.async_set_unique_id(mac, raise_on_progress=False)
        self._abort_if_unique_id_configured(updates={CONF_HOST: self._host})
        return self.async_create_entry(
            title=title_for(data, miner), data=self._entry_data(miner, credentials)
        )

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for the address, then try the firmware's default login."""
        errors: dict[str, str] = {}
        if user_input is not None:
            self._host = user_input[CONF_HOST].strip()
            try:
                return await self._async_create(None)
            except InvalidAuth as err:
                self._miner = err.miner
                return await self.async_step_credentials()
            except FlowError as err:
                errors["base"] = err.key
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(
                probatio.Schema({probatio.Required(CONF_HOST): TEXT}), user_input
            ),
            errors=errors,
        )

    async def async_step_credentials(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """The defaults were refused: ask for the login, prefilled with them."""
        errors: dict[str, str] = {}
        if user_input is not None:
            try:
                return await self._async_create(
                    Credentials(user_input[CONF_USERNAME], user_input[CONF_PASSWORD])
                )
            except FlowError as err:
                errors["base"] = err.key
        defaults = Credentials()
        if self._miner is not None and self._miner.family is not None:
            defaults = DEFAULT_CREDENTIALS.get(self._miner.family, defaults)
        return self.async_show_form(
            step_id="credentials",
            data_schema=self.add_suggested_values_to_schema(
                probatio.Schema(
                    {
                        probatio.Required(CONF_USERNAME): TEXT,
                        probatio.Required(CONF_PASSWORD): PASSWORD,
                    }
                ),
                user_input or {CONF_USERNAME: defaults.username, CONF_PASSWORD: defaults.password},
            ),
            description_placeholders={"host": self._host},
            errors=errors,
        )

    async def async_step_reauth(self, entry_data: Mapping[str, Any]) -> ConfigFlowResult:
        """The miner refused the stored login."""
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the new password."""
        entry = self._get_reauth_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            credentials = Credentials(entry.data.get(CONF_USERNAME), user_input[CONF_PASSWORD])
            try:
                miner, _, mac = await self._async_connect(entry.data[CONF_HOST], credentials)
            except FlowError as err:
                errors["base"] = err.key
            else:
                await self.async_set_unique_id(mac)
                self._abort_if_unique_id_mismatch(reason="wrong_miner")
                return self.async_update_reload_and_abort(
                    entry,
                    data_updates={
                        CONF_USERNAME: miner.credentials.username,
                        CONF_PASSWORD: miner.credentials.password,
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
        """Move the miner to another address."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            host = user_input[CONF_HOST].strip()
            credentials = credentials_from_entry(entry)
            try:
                _, _, mac = await self._async_connect(host, credentials)
            except FlowError as err:
                errors["base"] = err.key
            else:
                await self.async_set_unique_id(mac)
                self._abort_if_unique_id_mismatch(reason="wrong_miner")
                return self.async_update_reload_and_abort(entry, data_updates={CONF_HOST: host})
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=self.add_suggested_values_to_schema(
                probatio.Schema({probatio.Required(CONF_HOST): TEXT}),
                user_input or {CONF_HOST: entry.data[CONF_HOST]},
            ),
            description_placeholders={"name": entry.title},
            errors=errors,
        )

    async def async_step_dhcp(self, discovery_info: DhcpServiceInfo) -> ConfigFlowResult:
        """A known miner showed up at another address: follow it."""
        await self.async_set_unique_id(format_mac(discovery_info.macaddress))
        self._abort_if_unique_id_configured(updates={CONF_HOST: discovery_info.ip})
        # The manifest matches registered devices only, so an unknown MAC ends here.
        return self.async_abort(reason="unknown_miner")
