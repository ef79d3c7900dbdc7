"""What the Whatsminer backends share: identity, capabilities, and argument checks.

Two API generations (docs/protocols.md §3): V2 (``v2.py``) on TCP 4028 for firmware
before about 2024-11, V3 (``v3.py``) on TCP 4433 after. Which one a miner gets is
decided by what it answers (``identify``), not by its model.
"""

from __future__ import annotations

from typing import ClassVar

from ...config import MinerConfig, MiningMode, PowerMode
from ...credentials import Firmware
from ...miner import Capability, Miner
from ...models import WHATSMINER, ModelInfo, lookup
from ...transport.btminer_v2_commands import MAX_POOLS
from ...validation import check_config

# Power-limit bounds for a model the table does not know.
UNKNOWN_MODEL_POWER: tuple[int, int] = (500, 12000)

WHATSMINER_CAPABILITIES = frozenset(
    {
        Capability.REBOOT,
        Capability.RESTART_BACKEND,
        Capability.STOP_MINING,
        Capability.RESUME_MINING,
        Capability.FAULT_LIGHT,
        Capability.POWER_LIMIT,
        Capability.POWER_MODE,
        Capability.GET_CONFIG,
        Capability.SEND_CONFIG,
    }
)


class Whatsminer(Miner):
    """MicroBT Whatsminer on stock firmware (either API generation)."""

    make = WHATSMINER
    firmware = "Stock"
    family = Firmware.WHATSMINER
    requires_credentials = True
    capabilities = WHATSMINER_CAPABILITIES
    api_generation: ClassVar[int] = 0

    @property
    def model_info(self) -> ModelInfo | None:
        return lookup(self.model, WHATSMINER)

    def power_limit_range(self) -> tuple[int, int]:
        """Watts the firmware takes as a power limit, from the model table."""
        model = self.model_info
        return (model.power_min_w, model.power_max_w) if model else UNKNOWN_MODEL_POWER

    def check_power_limit(self, watts: int) -> int:
        """``watts`` if it is a whole number within the model's range, else ValueError."""
        if isinstance(watts, bool) or not isinstance(watts, int):
            raise ValueError(f"the power limit must be whole watts, not {watts!r}")
        low, high = self.power_limit_range()
        if not low <= watts <= high:
            name = self.model or "this model"
            raise ValueError(f"power limit {watts} W is outside {low}..{high} W for {name}")
        return watts

    @staticmethod
    def check_power_mode(mode: PowerMode | str) -> PowerMode:
        try:
            return PowerMode(mode)
        except ValueError:
            raise ValueError(f"power mode must be low, normal or high, not {mode!r}") from None

    def check_config(self, config: MinerConfig) -> None:
        """Every argument (``validation``), and a power target within the model's range."""
        check_config(config, MAX_POOLS, f"{self.make} {self.firmware} firmware")
        mode = config.mining_mode
        if mode.mode is MiningMode.POWER_TARGET and mode.power_target is not None:
            self.check_power_limit(mode.power_target)

    async def _send_config(self, config: MinerConfig) -> None:
        """Pools (up to three) and the mining mode; only what differs is sent."""
        self.check_config(config)
        current = await self.get_config()
        if config.pools and _pool_keys(config) != _pool_keys(current):
            await self._write_pools(config)
        wanted, now = config.mining_mode, current.mining_mode
        if wanted == now:
            return
        if wanted.mode is MiningMode.SLEEP:
            await self._stop_mining()
            return
        if now.mode is MiningMode.SLEEP:
            await self._resume_mining()
        if wanted.mode is MiningMode.POWER_TARGET and wanted.power_target is not None:
            await self._set_power_limit(wanted.power_target)
        elif wanted.mode in (MiningMode.LOW, MiningMode.NORMAL, MiningMode.HIGH):
            await self._set_power_mode(PowerMode(wanted.mode.value))

    async def _write_pools(self, config: MinerConfig) -> None:
        """Send the pools the way this API version takes them."""
        raise NotImplementedError

    def _learn_model(self, name: str | None) -> None:
        """Keep the normalised table name once the miner tells its model string."""
        if not name:
            return
        info = lookup(name, WHATSMINER)
        if info is not None:
            self.model = info.name
        elif self.model_info is None:
            self.model = name


def _pool_keys(config: MinerConfig) -> list[tuple[str, str]]:
    return [(p.url, p.user) for p in config.pools]
