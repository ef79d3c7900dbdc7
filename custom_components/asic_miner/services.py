"""Actions: control miners by device from automations and scripts.

Registered once in ``async_setup`` (not per entry), so an automation that uses them is
valid even while a miner's entry is not loaded; such a call fails with a clear message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from typing import Any, Final

import probatio
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import ATTR_DEVICE_ID, CONF_PASSWORD, CONF_URL, CONF_USERNAME
from homeassistant.core import HomeAssistant, ServiceCall, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers import device_registry as dr

from .const import DOMAIN
from .coordinator import AsicMinerConfigEntry, AsicMinerCoordinator
from .driver import Capability, Miner, NumberKey, PoolConfig, PowerMode
from .driver.validation import check_each_pool
from .helpers import async_run_miner_action
from .power.levers import power_limit_range

SERVICE_REBOOT: Final = "reboot"
SERVICE_RESTART_BACKEND: Final = "restart_backend"
SERVICE_SET_POWER_LIMIT: Final = "set_power_limit"
SERVICE_SET_POWER_MODE: Final = "set_power_mode"
SERVICE_SET_POOLS: Final = "set_pools"

ATTR_WATTS: Final = "watts"
ATTR_MODE: Final = "mode"
ATTR_POOLS: Final = "pools"
MAX_POOLS: Final = 3
# What a pool takes when no password is given: pools accept any for a worker.
DEFAULT_POOL_PASSWORD: Final = "x"

DEVICES_SCHEMA: Final = {
    probatio.Required(ATTR_DEVICE_ID): probatio.All(
        cv.ensure_list, probatio.Length(min=1), [cv.string]
    ),
}
SCHEMA: Final = probatio.Schema(DEVICES_SCHEMA)
POWER_LIMIT_SCHEMA: Final = probatio.Schema(
    {
        **DEVICES_SCHEMA,
        probatio.Required(ATTR_WATTS): probatio.All(probatio.Coerce(int), probatio.Range(min=1)),
    }
)
POWER_MODE_SCHEMA: Final = probatio.Schema(
    {**DEVICES_SCHEMA, probatio.Required(ATTR_MODE): probatio.Coerce(PowerMode)}
)
POOL_SCHEMA: Final = probatio.Schema(
    {
        probatio.Required(CONF_URL): probatio.All(cv.string, probatio.Length(min=1)),
        probatio.Required(CONF_USERNAME): probatio.All(cv.string, probatio.Length(min=1)),
        probatio.Optional(CONF_PASSWORD, default=DEFAULT_POOL_PASSWORD): cv.string,
    }
)
POOLS_SCHEMA: Final = probatio.Schema(
    {
        **DEVICES_SCHEMA,
        probatio.Required(ATTR_POOLS): probatio.All(
            cv.ensure_list, probatio.Length(min=1, max=MAX_POOLS), [POOL_SCHEMA]
        ),
    }
)


def _coordinator_of_device(hass: HomeAssistant, device_id: str) -> AsicMinerCoordinator:
    """The coordinator of the loaded miner that ``device_id`` is, or a validation error."""
    device = dr.async_get(hass).async_get(device_id)
    if device is not None:
        for entry_id in device.config_entries:
            entry: AsicMinerConfigEntry | None = hass.config_entries.async_get_entry(entry_id)
            if (
                entry is None
                or entry.domain != DOMAIN
                or (DOMAIN, entry.unique_id) not in device.identifiers
            ):
                continue
            if entry.state is not ConfigEntryState.LOADED:
                raise ServiceValidationError(
                    translation_domain=DOMAIN,
                    translation_key="miner_not_loaded",
                    translation_placeholders={"name": entry.title},
                )
            return entry.runtime_data
    raise ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key="not_a_miner",
        translation_placeholders={"device_id": device_id},
    )


def _not_supported(coordinator: AsicMinerCoordinator, action: str) -> ServiceValidationError:
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key="action_not_supported",
        translation_placeholders={"name": coordinator.config_entry.title, "action": action},
    )


def _check_capability(coordinator: AsicMinerCoordinator, capability: Capability) -> None:
    if capability not in coordinator.miner.capabilities:
        raise _not_supported(coordinator, str(capability))


def _power_range(coordinator: AsicMinerCoordinator) -> tuple[float, float]:
    """What ``set_power_limit`` may set: the power limit's range (from the model), else
    the power target's bounds as the miner reports them (Braiins OS, VNish); neither is
    action_not_supported."""
    data, miner = coordinator.data, coordinator.miner
    if Capability.POWER_LIMIT in miner.capabilities:
        return power_limit_range(data.model or miner.model, data.make or miner.make)
    target = data.settings.numbers.get(NumberKey.POWER_TARGET)
    if target is None:
        raise _not_supported(coordinator, str(Capability.POWER_LIMIT))
    return target.minimum, target.maximum


def _check_power_limit(coordinator: AsicMinerCoordinator, watts: int) -> None:
    low, high = _power_range(coordinator)
    if not low <= watts <= high:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="power_limit_out_of_range",
            translation_placeholders={
                "name": coordinator.config_entry.title,
                "watts": str(watts),
                "min": f"{low:g}",
                "max": f"{high:g}",
            },
        )


type Control = Callable[[Miner, ServiceCall], Awaitable[None]]


async def _set_power_limit(miner: Miner, call: ServiceCall) -> None:
    """The power limit, or the power target on firmware whose tuner holds one."""
    watts: int = call.data[ATTR_WATTS]
    if Capability.POWER_LIMIT in miner.capabilities:
        await miner.set_power_limit(watts)
    else:
        await miner.set_number(NumberKey.POWER_TARGET, watts)


async def _set_pools(miner: Miner, call: ServiceCall) -> None:
    """Replace the pools; the rest of the miner's configuration stays as it is."""
    pools = [
        PoolConfig(pool[CONF_URL], pool[CONF_USERNAME], pool[CONF_PASSWORD])
        for pool in call.data[ATTR_POOLS]
    ]
    check_each_pool(pools)  # a ValueError before update_config reads the miner
    await miner.update_config(lambda config: replace(config, pools=pools))


# Action: (schema, capabilities needed, control).
ACTIONS: Final[dict[str, tuple[probatio.Schema, tuple[Capability, ...], Control]]] = {
    SERVICE_REBOOT: (SCHEMA, (Capability.REBOOT,), lambda miner, call: miner.reboot()),
    SERVICE_RESTART_BACKEND: (
        SCHEMA,
        (Capability.RESTART_BACKEND,),
        lambda miner, call: miner.restart_backend(),
    ),
    # The power limit or the power target: checked by _power_range.
    SERVICE_SET_POWER_LIMIT: (POWER_LIMIT_SCHEMA, (), _set_power_limit),
    SERVICE_SET_POWER_MODE: (
        POWER_MODE_SCHEMA,
        (Capability.POWER_MODE,),
        lambda miner, call: miner.set_power_mode(call.data[ATTR_MODE]),
    ),
    SERVICE_SET_POOLS: (POOLS_SCHEMA, (Capability.SEND_CONFIG,), _set_pools),
}


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the integration's actions."""

    def handler(
        capabilities: tuple[Capability, ...], control: Control
    ) -> Callable[[ServiceCall], Coroutine[Any, Any, None]]:
        async def handle(call: ServiceCall) -> None:
            # Every device is checked before any is changed: a bad target changes nothing.
            coordinators: list[AsicMinerCoordinator] = []
            for device_id in dict.fromkeys(call.data[ATTR_DEVICE_ID]):
                coordinator = _coordinator_of_device(hass, device_id)
                for capability in capabilities:
                    _check_capability(coordinator, capability)
                if ATTR_WATTS in call.data:
                    _check_power_limit(coordinator, call.data[ATTR_WATTS])
                coordinators.append(coordinator)
            for coordinator in coordinators:
                miner = coordinator.miner
                await async_run_miner_action(coordinator, _bind(control, miner, call))

        return handle

    for service, (schema, capabilities, control) in ACTIONS.items():
        hass.services.async_register(DOMAIN, service, handler(capabilities, control), schema)


def _bind(control: Control, miner: Miner, call: ServiceCall) -> Callable[[], Awaitable[Any]]:
    return lambda: control(miner, call)
