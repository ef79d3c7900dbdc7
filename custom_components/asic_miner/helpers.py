"""Error handling shared by the entities that control a miner."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, Concatenate

from homeassistant.exceptions import HomeAssistantError

from .const import DOMAIN
from .driver import (
    AsicMinerError,
    MinerAuthenticationError,
    MinerConnectionError,
    MinerTimeoutError,
    UnsupportedOperation,
    WriteAccessDenied,
)
from .entity import AsicMinerEntity


def _translated(key: str, entity: AsicMinerEntity, **placeholders: str) -> HomeAssistantError:
    return HomeAssistantError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders={"host": entity.coordinator.host, **placeholders},
    )


def miner_action[EntityT: AsicMinerEntity, **P](
    func: Callable[Concatenate[EntityT, P], Coroutine[Any, Any, None]],
) -> Callable[Concatenate[EntityT, P], Coroutine[Any, Any, None]]:
    """Run a control on the miner, then read it again so the entities show the result.

    Driver errors become translated HomeAssistantErrors; a refused login also starts
    the reauthentication flow.
    """

    async def handler(self: EntityT, /, *args: P.args, **kwargs: P.kwargs) -> None:
        try:
            await func(self, *args, **kwargs)
        except UnsupportedOperation as err:
            raise _translated("unsupported_operation", self, operation=err.operation) from err
        except WriteAccessDenied as err:
            raise _translated("write_access_denied", self, error=str(err)) from err
        except MinerAuthenticationError as err:
            self.coordinator.config_entry.async_start_reauth(self.hass)
            raise _translated("action_authentication_failed", self) from err
        except MinerTimeoutError as err:
            raise _translated("action_timeout", self) from err
        except MinerConnectionError as err:
            raise _translated("action_cannot_connect", self, error=str(err)) from err
        except AsicMinerError as err:
            raise _translated("action_failed", self, error=str(err)) from err
        await self.coordinator.async_refresh()

    return handler
