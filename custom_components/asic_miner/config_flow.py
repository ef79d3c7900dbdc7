"""Config flow: find the miner at a host, log in only where the firmware needs it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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
    AsicMinerError,
    Credentials,
    Firmware,
    Miner,
    MinerAuthenticationError,
    MinerData,
    MinerNotFoundError,
    WriteAccessDenied,
    find_miner,
)
from .driver.backends.whatsminer import Whatsminer

TEXT = TextSelector(TextSelectorConfig(autocomplete="off"))
PASSWORD = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))


class FlowError(Exception):
    """A problem shown on the form; ``key`` is its translation key under config.error."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


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


class AsicMinerConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add one miner by its address."""

    VERSION = 1

    _host: str
    _miner: Miner | None = None

    async def _async_connect(self, host: str, credentials: Credentials) -> Connection:
        """Identify and read the miner, and check its login where it has one.

        The miner is closed again (a Whatsminer V3 keeps a connection open, and serves
        only a few clients); what the flow keeps of it are its class and attributes.
        """
        miner: Miner | None = None
        try:
            miner = await find_miner(
                host, credentials=credentials, session=async_get_clientsession(self.hass)
            )
            data = await miner.get_data()
            write_refusal = await check_login(miner)
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
            # A booting miner may not know its MAC yet; without it there is no unique id.
            raise FlowError("no_mac")
        return Connection(miner, data, format_mac(data.mac), write_refusal)

    def _entry_data(self, miner: Miner, credentials: Credentials | None) -> dict[str, Any]:
        data: dict[str, Any] = {CONF_HOST: self._host}
        if credentials is not None or miner.requires_credentials:
            # Store what worked, the firmware defaults included, so reauth can replace it.
            data[CONF_USERNAME] = miner.credentials.username
            data[CONF_PASSWORD] = miner.credentials.password
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
            data=self._entry_data(connection.miner, credentials),
        )

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for the address, then try the firmware's default login."""
        errors: dict[str, str] = {}
        if user_input is not None:
            self._host = user_input[CONF_HOST].strip()
            try:
                return await self._async_create(None)
            except LoginNeeded as err:
                self._miner = err.miner
                if err.miner is not None and err.miner.family is Firmware.WHATSMINER:
                    return await self.async_step_whatsminer()
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
                connection = await self._async_connect(entry.data[CONF_HOST], credentials)
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
        """Move the miner to another address."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            host = user_input[CONF_HOST].strip()
            credentials = credentials_from_entry(entry)
            try:
                connection = await self._async_connect(host, credentials)
            except FlowError as err:
                errors["base"] = err.key
            else:
                await self.async_set_unique_id(connection.mac)
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
