"""Braiins OS+ 22.08-25.05 on Antminers, through the web GraphQL endpoint (``/graphql``).

A poll is one query after the login (graphql_queries.poll): figures, targets with the
bounds the miner reports (``bosminer.metadata.autotuning``), the tuner's mode and state,
cooling mode, pools, notices. Controls are GraphQL mutations: ``updateAutotuning`` with
``apply: true`` (power / hashrate target, the tuner's mode), ``updateTempAndFans``,
``bos.setFaultLight``, ``bosminer.stop`` / ``start`` / ``restart``, ``bos.reboot``, and
``updateGroups`` for pools followed by a BOSminer restart (as asic-rs v25_05
set_pools_config does: the groups apply when BOSminer starts). This line's gRPC API (port
50051) is not needed: everything above is on the GraphQL endpoint.

``identify`` asks the endpoint what anyone may read (model and version, no login): a
Braiins OS that answers it runs this generation.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any, Final

from ...config import FanMode, MinerConfig, MiningMode, PoolConfig
from ...data import MinerData
from ...errors import AsicMinerError, ConnectionDroppedError, MinerCommandError
from ...family import Identity
from ...probes import Probes
from ...settings import ChoiceKey, CoolingMode, NumberKey, PerformanceMode, Settings
from ...validation import check_config
from ..values import text, to_count, to_float
from . import graphql_queries as queries
from . import graphql_replies as replies
from .base import BraiinsMiner
from .graphql_session import GraphQLSession, GraphQLWeb, UnknownField

_LOGGER = logging.getLogger(__name__)

# Pools written into the one group we send (BOS+ takes more; its UI shows three a group),
# as on the other generations.
POOL_SLOTS: Final = 8


async def identify(probes: Probes) -> Identity | None:
    """This generation's backend and the model, when ``/graphql`` answers the anonymous
    model query; None otherwise (BOSminer's LuCI, the REST API of 25.07 on)."""
    web = GraphQLWeb(probes.web.host, probes.web.session, timeout=probes.web.timeout)
    session = GraphQLSession(web, probes.credentials, password_given=True)
    try:
        data = await session.anonymous(queries.IDENTIFY)
    except AsicMinerError as err:
        _LOGGER.debug("%s: no BOS+ GraphQL: %s", probes.web.host, err)
        return None
    name = replies.dig(data, "bosminer", "info", "modelName")
    version = replies.dig(data, "bos", "info", "version", "full")
    if not isinstance(name, str) and not isinstance(version, str):
        return None
    return Identity(BraiinsGraphQL, replies.model_name(name))


class BraiinsGraphQL(BraiinsMiner):
    """An Antminer on Braiins OS+ 22.08-25.05."""

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.web = GraphQLWeb(host, lambda: self.session, timeout=self.timeout)
        self.graphql = GraphQLSession(
            self.web, self.credentials, password_given=self.password_given
        )
        # Optional poll fields this miner's schema lacks, learnt from its answers.
        self._dropped: set[tuple[str, str]] = set()
        self._last: dict[str, Any] | None = None

    # -- reads ---------------------------------------------------------------------------

    async def _poll(self) -> dict[str, Any]:
        """The poll's data; a field this release lacks is left out and the poll asked
        again (once per optional field, remembered for later polls)."""
        for _ in range(len(queries.OPTIONAL) + 1):
            try:
                data = await self.graphql.call(queries.poll(frozenset(self._dropped)), partial=True)
            except UnknownField as err:
                if any(key not in queries.OPTIONAL or key in self._dropped for key in err.keys):
                    raise
                _LOGGER.debug("%s: leaving %s out of the poll", self.host, err.keys)
                self._dropped.update(err.keys)
                continue
            self._last = data
            return data
        raise MinerCommandError(f"{self.host}: the poll query was refused")

    async def _get_data(self) -> MinerData:
        return self._data(await self._poll())

    def _data(self, data: dict[str, Any]) -> MinerData:
        info = replies.dig(data, "bosminer", "info")
        name = replies.model_name(replies.dig(info, "modelName"))
        if name is not None:
            self.model = name
        row = replies.model_info(self.model)
        work = replies.dig(info, "workSolver")
        power = replies.dig(info, "summary", "power")
        fans, duty = replies.fans(info)
        pools = replies.pools(info)
        bos = replies.dig(data, "bos")
        return MinerData(
            host=self.host,
            make=self.make,
            model=self.model,
            firmware=self.firmware,
            fw_ver=text(replies.dig(bos, "info", "version", "full")),
            mac=replies.mac(data),
            hostname=text(replies.dig(bos, "hostname")),
            hashrate=replies.rate(work),
            expected_hashrate=replies.mhs(replies.dig(work, "nominalMhs")),
            wattage=to_float(replies.dig(power, "approxConsumptionW")),
            wattage_limit=to_float(replies.dig(power, "limitW")),
            uptime=to_count(replies.dig(bos, "uptime", "durationS")),
            hashboards=replies.hashboards(work, row),
            fans=fans,
            fan_percent=duty,
            pools=pools,
            errors=replies.errors(data),
            fault_light=_bool(replies.dig(bos, "faultLight")),
            is_mining=replies.is_mining(work),
            hashrate_averages=replies.averages(work),
            shares_accepted=replies.share_total(pools, "accepted"),
            shares_rejected=replies.share_total(pools, "rejected"),
            tuner_state=replies.tuner_state(replies.dig(info, "summary")),
            settings=replies.settings(data),
        )

    async def _settings(self) -> Settings:
        """The last poll's settings (bounds and options do not change with the values
        written), or those of a poll made now."""
        data = self._last if self._last is not None else await self._poll()
        return replies.settings(data)

    async def check_light(self) -> bool:
        data = await self.graphql.call(queries.FAULT_LIGHT)
        return replies.dig(data, "bos", "faultLight") is True

    async def get_config(self) -> MinerConfig:
        data = await self.graphql.call(queries.POOL_GROUPS)
        groups = replies.objects(replies.dig(replies.config(data), "groups"))
        return MinerConfig(
            pools=[
                PoolConfig(
                    url=str(pool.get("url") or ""),
                    user=str(pool.get("user") or ""),
                    password=pool["password"] if isinstance(pool.get("password"), str) else "",
                )
                for group in groups[:1]
                for pool in replies.objects(group.get("pools"))
            ]
        )

    # -- controls ------------------------------------------------------------------------

    async def _mutate(self, query: str, variables: dict[str, Any] | None, *path: str) -> Any:
        """Send a mutation; the firmware's own refusal (an *Error result) is a
        MinerCommandError with its message."""
        data = await self.graphql.call(query, variables)
        result = replies.dig(data, *path)
        if result is None:
            raise MinerCommandError(f"{self.host}: {path[-1]} answered nothing")
        kind = replies.dig(result, "__typename")
        if isinstance(kind, str) and kind.endswith("Error"):
            message = text(replies.dig(result, "message")) or kind
            raise MinerCommandError(f"{self.host}: {path[-1]} refused: {message}")
        return result

    async def _bosminer(self, action: str) -> None:
        await self._mutate(queries.bosminer_action(action), None, "bosminer", action)

    async def _stop_mining(self) -> None:
        await self._bosminer("stop")

    async def _resume_mining(self) -> None:
        await self._bosminer("start")

    async def _restart_backend(self) -> None:
        await self._bosminer("restart")

    async def _reboot(self) -> None:
        # The miner may go down before its answer is out: the reboot is under way then.
        with contextlib.suppress(ConnectionDroppedError):
            await self._mutate(queries.REBOOT, None, "bos", "reboot")

    async def _fault_light(self, on: bool) -> None:
        result = await self._mutate(queries.SET_FAULT_LIGHT, {"enable": on}, "bos", "setFaultLight")
        if replies.dig(result, "enabled") is not on:
            raise MinerCommandError(f"{self.host}: the fault light did not turn {_on(on)}")

    async def _fault_light_on(self) -> None:
        await self._fault_light(True)

    async def _fault_light_off(self) -> None:
        await self._fault_light(False)

    async def _autotuning(self, change: dict[str, Any]) -> None:
        await self._mutate(
            queries.UPDATE_AUTOTUNING,
            {"input": change},
            "bosminer",
            "config",
            "updateAutotuning",
        )
        self._last = None  # the next control reads the targets again

    async def _set_number(self, key: str, value: float) -> None:
        number = (await self._settings()).numbers.get(key)
        if number is None:
            raise self._unsupported(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{key} must be a number, not {value!r}")
        number.check(key, value)
        # A target set is the one the tuner holds: its mode follows.
        if key == NumberKey.POWER_TARGET:
            await self._autotuning({"mode": "POWER_TARGET", "powerTarget": round(value)})
        elif key == NumberKey.HASHRATE_TARGET:
            await self._autotuning({"mode": "HASHRATE_TARGET", "hashrateTarget": float(value)})
        else:
            raise self._unsupported(key)

    async def _set_choice(self, key: str, option: str) -> None:
        current = await self._settings()
        choice = current.choices.get(key)
        if choice is None:
            raise self._unsupported(key)
        choice.check(key, option)
        if key == ChoiceKey.PERFORMANCE_MODE:
            mode = PerformanceMode(option)
            await self._autotuning({"mode": mode.value.upper()})
        elif key == ChoiceKey.COOLING_MODE:
            await self._mutate(
                queries.UPDATE_TEMP_AND_FANS,
                {"input": self._cooling_input(CoolingMode(option))},
                "bosminer",
                "config",
                "updateTempAndFans",
            )
            self._last = None
        else:
            raise self._unsupported(key)

    def _cooling_input(self, mode: CoolingMode) -> dict[str, Any]:
        """TempAndFansIn for a cooling mode: an IMMERSION / HYDRO temperature mode from
        25.03 (whichever the model allows), the immersion flag before."""
        allowed = replies.dig(self._last, "bosminer", "metadata", "tempControl", "allowedModes")
        if isinstance(allowed, list):
            if mode is CoolingMode.IMMERSION:
                return {"mode": "IMMERSION" if "IMMERSION" in allowed else "HYDRO"}
            return {"mode": mode.value.upper()}
        if mode is CoolingMode.IMMERSION:
            return {"immersionModeEnabled": True}
        return {"mode": mode.value.upper(), "immersionModeEnabled": False}

    async def _send_config(self, config: MinerConfig) -> None:
        """The pools as the miner's first group (its name kept), then a BOSminer restart.
        The fan and the tuner are settings here (cooling mode, power target, performance
        mode): a configuration that changes them is refused, not sent without them."""
        check_config(config, POOL_SLOTS, f"{self.make} {self.firmware} firmware")
        if config.fan.mode is not FanMode.NORMAL:
            raise self._unsupported(f"fan mode {config.fan.mode} (use the cooling mode)")
        if config.mining_mode.mode is not MiningMode.NORMAL:
            raise self._unsupported(
                f"mining mode {config.mining_mode.mode} (use the power target or pause)"
            )
        if not config.pools:
            raise ValueError("at least one pool is needed")
        current = await self.graphql.call(queries.POOL_GROUPS)
        groups = replies.objects(replies.dig(replies.config(current), "groups"))
        name = text(groups[0].get("name")) if groups else None
        group = {
            "name": name or "Group 1",
            "quota": 1,
            "pools": [
                {"url": pool.url, "user": pool.user, "password": pool.password}
                for pool in config.pools
            ],
        }
        await self._mutate(
            queries.UPDATE_GROUPS, {"groups": [group]}, "bosminer", "config", "updateGroups"
        )
        await self._bosminer("restart")


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _on(on: bool) -> str:
    return "on" if on else "off"
