"""Error handling shared by the entities and actions that control a miner."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any, Concatenate

from homeassistant.exceptions import HomeAssistantError, ServiceValidationError

from .const import DOMAIN
from .driver import (
    AsicMinerError,
    HostKeyChanged,
    MinerAuthenticationError,
    MinerConnectionError,
    MinerTimeoutError,
    PermissionDenied,
    TokenLimitReached,
    UnsupportedOperation,
    WriteAccessDenied,
)
from .issues import write_refusal_key

if TYPE_CHECKING:
    from .coordinator import AsicMinerCoordinator
    from .entity import AsicMinerEntity


def _translated(
    key: str,
    coordinator: AsicMinerCoordinator,
    kind: type[HomeAssistantError] = HomeAssistantError,
    **placeholders: str,
) -> HomeAssistantError:
    return kind(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders={"host": coordinator.host, **placeholders},
    )


async def async_run_miner_action(
    coordinator: AsicMinerCoordinator, action: Callable[[], Awaitable[None]]
) -> None:
    """Run a control on the miner, then read it again so the entities show the result.

    Driver errors become translated HomeAssistantErrors; a value the driver refuses before
    sending anything (its ValueError) a ServiceValidationError. A refused login also starts
    the reauthentication flow. Writes switched off on the miner (Whatsminer write API,
    default password) raise a repair issue that explains the fix; the next control that
    goes through deletes it.
    """
    try:
        await action()
    except ValueError as err:
        raise _translated(
            "invalid_value", coordinator, ServiceValidationError, error=str(err)
        ) from err
    except UnsupportedOperation as err:
        raise _translated("unsupported_operation", coordinator, operation=err.operation) from err
    except PermissionDenied as err:
        raise _translated("permission_denied", coordinator, error=str(err)) from err
    except WriteAccessDenied as err:
        if (key := write_refusal_key(err)) is not None:
            coordinator.async_report_write_refusal(err)
            raise _translated(key, coordinator) from err
        raise _translated("write_access_denied", coordinator, error=str(err)) from err
    except TokenLimitReached as err:
        raise _translated("token_limit_reached", coordinator) from err
    except HostKeyChanged as err:
        coordinator.config_entry.async_start_reauth(coordinator.hass)
        raise _translated("host_key_changed", coordinator, fingerprint=err.fingerprint) from err
    except MinerAuthenticationError as err:
        coordinator.config_entry.async_start_reauth(coordinator.hass)
        raise _translated("action_authentication_failed", coordinator) from err
    except MinerTimeoutError as err:
        raise _translated("action_timeout", coordinator) from err
    except MinerConnectionError as err:
        raise _translated("action_cannot_connect", coordinator, error=str(err)) from err
    except AsicMinerError as err:
        raise _translated("action_failed", coordinator, error=str(err)) from err
    coordinator.async_clear_write_refusal()
    await coordinator.async_refresh()


def miner_action[EntityT: AsicMinerEntity, **P](
    func: Callable[Concatenate[EntityT, P], Coroutine[Any, Any, None]],
) -> Callable[Concatenate[EntityT, P], Coroutine[Any, Any, None]]:
    """Decorate an entity's control: see ``async_run_miner_action``."""

    async def handler(self: EntityT, /, *args: P.args, **kwargs: P.kwargs) -> None:
        await async_run_miner_action(self.coordinator, lambda: func(self, *args, **kwargs))

    return handler
