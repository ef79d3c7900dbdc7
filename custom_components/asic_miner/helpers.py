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
    PermissionDenied,
    TokenLimitReached,
    UnsupportedOperation,
    WriteAccessDenied,
)
from .entity import AsicMinerEntity
from .issues import write_refusal_key


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
    the reauthentication flow. Writes switched off on the miner (Whatsminer write API,
    default password) raise a repair issue that explains the fix; the next control that
    goes through deletes it.
    """

    async def handler(self: EntityT, /, *args: P.args, **kwargs: P.kwargs) -> None:
        entry = self.coordinator.config_entry
        try:
            await func(self, *args, **kwargs)
        except UnsupportedOperation as err:
            raise _translated("unsupported_operation", self, operation=err.operation) from err
        except PermissionDenied as err:
            raise _translated("permission_denied", self, error=str(err)) from err
        except WriteAccessDenied as err:
            if (key := write_refusal_key(err)) is not None:
                self.coordinator.async_report_write_refusal(err)
                raise _translated(key, self) from err
            raise _translated("write_access_denied", self, error=str(err)) from err
        except TokenLimitReached as err:
            raise _translated("token_limit_reached", self) from err
        except MinerAuthenticationError as err:
            entry.async_start_reauth(self.hass)
            raise _translated("action_authentication_failed", self) from err
        except MinerTimeoutError as err:
            raise _translated("action_timeout", self) from err
        except MinerConnectionError as err:
            raise _translated("action_cannot_connect", self, error=str(err)) from err
        except AsicMinerError as err:
            raise _translated("action_failed", self, error=str(err)) from err
        self.coordinator.async_clear_write_refusal()
        await self.coordinator.async_refresh()

    return handler
