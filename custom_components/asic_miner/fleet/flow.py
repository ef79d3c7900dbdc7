"""The fleet's steps: adding one (a name and its miners) and its options."""

from __future__ import annotations

from typing import Any

import probatio
from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.config_entries import ConfigEntry, ConfigFlowResult, OptionsFlowWithReload
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
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
)

from .. import is_fleet
from ..const import (
    BUDGET_SENSOR_KINDS,
    BUDGET_SENSOR_SURPLUS,
    CONF_BUDGET_SENSOR,
    CONF_BUDGET_SENSOR_KIND,
    CONF_HYSTERESIS,
    CONF_MEMBERS,
    CONF_MIN_OFF,
    CONF_MIN_ON,
    CONF_PRICE_SENSOR,
    CONF_PRICE_START,
    CONF_PRICE_STOP,
    CONF_SMOOTHING,
    DEFAULT_HYSTERESIS,
    DEFAULT_MIN_OFF,
    DEFAULT_MIN_ON,
    DEFAULT_SMOOTHING,
    DOMAIN,
)
from .members import miner_entries

DEFAULT_FLEET_NAME = "Fleet"


def _seconds(maximum: int) -> NumberSelector:
    return NumberSelector(
        NumberSelectorConfig(
            min=0, max=maximum, step=1, unit_of_measurement="s", mode=NumberSelectorMode.BOX
        )
    )


def members_selector(hass: HomeAssistant) -> SelectSelector:
    return SelectSelector(
        SelectSelectorConfig(
            options=[
                SelectOptionDict(value=entry.entry_id, label=entry.title)
                for entry in miner_entries(hass)
            ],
            multiple=True,
            mode=SelectSelectorMode.LIST,
        )
    )


def fleet_schema(hass: HomeAssistant) -> probatio.Schema:
    """The add-a-fleet step: its name and its miners (all, unless unticked)."""
    return probatio.Schema(
        {
            probatio.Required(CONF_NAME, default=DEFAULT_FLEET_NAME): TextSelector(),
            probatio.Required(
                CONF_MEMBERS, default=[entry.entry_id for entry in miner_entries(hass)]
            ): members_selector(hass),
        }
    )


def in_other_fleets(hass: HomeAssistant, chosen: list[str], fleet_id: str | None) -> list[str]:
    """The chosen miners another fleet already spends a budget on (two would fight)."""
    taken = {
        member
        for entry in hass.config_entries.async_entries(DOMAIN)
        if is_fleet(entry) and entry.entry_id != fleet_id
        for member in entry.options.get(CONF_MEMBERS, [])
    }
    titles = {entry.entry_id: entry.title for entry in miner_entries(hass)}
    return [titles.get(member, member) for member in chosen if member in taken]


class FleetOptionsFlow(OptionsFlowWithReload):
    """Members, the followed sensor, the price and the anti-flapping rules."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        return await self.async_step_fleet(user_input)

    async def async_step_fleet(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Its own step (not the miners' "init"), so that it has its own texts."""
        errors: dict[str, str] = {}
        placeholders = {"miners": ""}
        if user_input is not None:
            taken = in_other_fleets(
                self.hass, user_input.get(CONF_MEMBERS, []), self.config_entry.entry_id
            )
            stop = user_input.get(CONF_PRICE_STOP)
            start = user_input.get(CONF_PRICE_START)
            if taken:
                errors[CONF_MEMBERS] = "member_in_other_fleet"
                placeholders["miners"] = ", ".join(taken)
            elif user_input.get(CONF_PRICE_SENSOR) and stop is None:
                errors[CONF_PRICE_STOP] = "price_stop_needed"
            elif stop is not None and start is not None and start > stop:
                errors[CONF_PRICE_START] = "price_start_above_stop"
            else:
                return self.async_create_entry(data=self._options(user_input))
        return self.async_show_form(
            step_id="fleet",
            data_schema=self.add_suggested_values_to_schema(
                self._schema(), user_input or self._suggested(self.config_entry)
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    @staticmethod
    def _options(user_input: dict[str, Any]) -> dict[str, Any]:
        options: dict[str, Any] = {
            CONF_MEMBERS: list(user_input.get(CONF_MEMBERS, [])),
            CONF_BUDGET_SENSOR_KIND: user_input.get(CONF_BUDGET_SENSOR_KIND, BUDGET_SENSOR_SURPLUS),
            CONF_SMOOTHING: int(user_input.get(CONF_SMOOTHING, DEFAULT_SMOOTHING)),
            CONF_HYSTERESIS: int(user_input.get(CONF_HYSTERESIS, DEFAULT_HYSTERESIS)),
            CONF_MIN_ON: int(user_input.get(CONF_MIN_ON, DEFAULT_MIN_ON)),
            CONF_MIN_OFF: int(user_input.get(CONF_MIN_OFF, DEFAULT_MIN_OFF)),
        }
        for key in (CONF_BUDGET_SENSOR, CONF_PRICE_SENSOR):
            if user_input.get(key):
                options[key] = user_input[key]
        if user_input.get(CONF_PRICE_SENSOR):
            options[CONF_PRICE_STOP] = float(user_input[CONF_PRICE_STOP])
            start = user_input.get(CONF_PRICE_START)
            options[CONF_PRICE_START] = float(
                start if start is not None else options[CONF_PRICE_STOP]
            )
        return options

    @staticmethod
    def _suggested(entry: ConfigEntry) -> dict[str, Any]:
        options = dict(entry.options)
        options.setdefault(CONF_BUDGET_SENSOR_KIND, BUDGET_SENSOR_SURPLUS)
        options.setdefault(CONF_SMOOTHING, DEFAULT_SMOOTHING)
        options.setdefault(CONF_HYSTERESIS, DEFAULT_HYSTERESIS)
        options.setdefault(CONF_MIN_ON, DEFAULT_MIN_ON)
        options.setdefault(CONF_MIN_OFF, DEFAULT_MIN_OFF)
        return options

    def _schema(self) -> probatio.Schema:
        registry = er.async_get(self.hass)
        own = [
            entity.entity_id
            for entity in er.async_entries_for_config_entry(registry, self.config_entry.entry_id)
        ]
        price = NumberSelector(NumberSelectorConfig(step="any", mode=NumberSelectorMode.BOX))
        return probatio.Schema(
            {
                probatio.Optional(CONF_MEMBERS): members_selector(self.hass),
                probatio.Optional(CONF_BUDGET_SENSOR): EntitySelector(
                    EntitySelectorConfig(
                        domain="sensor",
                        device_class=SensorDeviceClass.POWER,
                        # Its own Power or budget sensor: the fleet would chase itself.
                        exclude_entities=own,
                    )
                ),
                probatio.Required(CONF_BUDGET_SENSOR_KIND): SelectSelector(
                    SelectSelectorConfig(
                        options=list(BUDGET_SENSOR_KINDS),
                        mode=SelectSelectorMode.DROPDOWN,
                        translation_key=CONF_BUDGET_SENSOR_KIND,
                    )
                ),
                probatio.Required(CONF_SMOOTHING): _seconds(3600),
                probatio.Optional(CONF_PRICE_SENSOR): EntitySelector(
                    EntitySelectorConfig(domain="sensor")
                ),
                probatio.Optional(CONF_PRICE_STOP): price,
                probatio.Optional(CONF_PRICE_START): price,
                probatio.Required(CONF_HYSTERESIS): NumberSelector(
                    NumberSelectorConfig(
                        min=0,
                        max=5000,
                        step=10,
                        unit_of_measurement="W",
                        mode=NumberSelectorMode.BOX,
                    )
                ),
                probatio.Required(CONF_MIN_ON): _seconds(86400),
                probatio.Required(CONF_MIN_OFF): _seconds(86400),
            }
        )
