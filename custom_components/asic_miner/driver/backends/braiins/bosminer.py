"""Braiins OS / OS+ with BOSminer (S9 era, up to about 22.08): cgminer RPC for reads, SSH
for configuration and the controls the RPC lacks.

A poll is one RPC request: ``version+summary+devs+devdetails+temps+fans+tunerstatus+pools``
joined (BOSminer's api takes any parameterless commands joined with ``+``: cgminer-api
src/command.rs Receiver::handle). The MAC address, host name and Braiins OS version are
not in the RPC; they come over SSH (``/sys/class/net/eth0/address``,
``/proc/sys/kernel/hostname``, ``/etc/bos_version``) on the first poll and every
``IDENTITY_TTL`` seconds after (``IDENTITY_RETRY`` after a failed read), on one connection,
and at once when BOSminer's uptime (``summary`` Elapsed) does not follow the clock since
the last poll: BOSminer restarted, the miner rebooted (perhaps into another release), or
another miner answers at this address (DHCP), whose figures must not pass under this
miner's MAC.

Controls: ``pause`` / ``resume`` on the RPC (BOS+); over SSH ``/sbin/reboot``,
``/etc/init.d/bosminer restart``, ``miner fault_light on|off`` (braiins-os
package/mining/miner_tools/files/miner), and ``/etc/bosminer.toml`` read, changed and
written back, then BOSminer restarted (it reads the file at start only) for the power target
and pools.
"""

from __future__ import annotations

import logging
import math
import time
from typing import Any, Final

from ...config import MinerConfig, MiningMode
from ...credentials import Credentials
from ...data import HashBoard, MinerData
from ...errors import (
    AsicMinerError,
    ConnectionDroppedError,
    HostKeyChanged,
    MinerAuthenticationError,
    MinerCommandError,
    UnsupportedOperation,
)
from ...models import lookup
from ...settings import Number, NumberKey, Settings
from ...transport.rpc import Reply, RpcClient
from ...transport.ssh import SshClient
from ...validation import check_config
from .. import cgminer_replies
from ..uptime import UPTIME_SLACK, uptime_follows
from ..values import format_mac, text
from . import rpc_replies, toml_config
from .base import MAKE, BraiinsMiner, login_passwords

_LOGGER = logging.getLogger(__name__)

POLL: Final = (
    "version",
    "summary",
    "devs",
    "devdetails",
    "temps",
    "fans",
    "tunerstatus",
    "pools",
)
IDENTITY_TTL: Final = 600.0
IDENTITY_RETRY: Final = 60.0
# Braiins OS+ docs (Configuration, Tuning Adjustments): psu_power_limit "min. 100 and max. 5000".
POWER_TARGET_RANGE: Final = (100.0, 5000.0)
POOL_SLOTS: Final = 8  # pools written into one group (BOSminer takes more; the UI shows 3)
_MAC_FILE: Final = "/sys/class/net/eth0/address"
_HOSTNAME_FILE: Final = "/proc/sys/kernel/hostname"
_VERSION_FILE: Final = "/etc/bos_version"
# bosminer_monitor blinks the red LED fast (delay_off 50 ms) while the fault light is on.
_RED_LED_DELAY_OFF: Final = "/sys/class/leds/Red LED/delay_off"


class BraiinsBosminer(BraiinsMiner):
    """An Antminer on Braiins OS with BOSminer.

    ``ssh_host_key``: the SSH host key (OpenSSH public key text) this miner offered on the
    first SSH login, or the known one once confirmed; None before any SSH login.
    ``known_ssh_host_key``: set it (right after constructing the miner) to the key recorded
    with the miner when it was added; a login to a server offering another key then raises
    ``HostKeyChanged`` before the password is sent. Without it the first key seen is
    trusted and kept (``ssh_host_key``) for the rest of this object's life.
    """

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.rpc = RpcClient(host, timeout=self.timeout)
        self.known_ssh_host_key: str | None = None
        self.ssh_host_key: str | None = None
        # The login that worked (Credentials: its repr leaves the password out).
        self._ssh_login: Credentials | None = None
        self._identity: dict[str, str | None] = {}
        self._identity_at = -IDENTITY_TTL
        # BOSminer's uptime at the last poll whose identity was read, and when (monotonic).
        self._uptime_seen: tuple[int, float] | None = None
        self._settings = Settings()

    # -- SSH ---------------------------------------------------------------------------------

    def _passwords(self) -> list[str]:
        if self._ssh_login is not None and self._ssh_login.password is not None:
            return [self._ssh_login.password]
        return login_passwords(self.credentials, password_given=self.password_given)

    async def _ssh(self) -> SshClient:
        """A logged-in SSH connection (the caller closes it)."""
        refused: MinerAuthenticationError | None = None
        for password in self._passwords():
            client = SshClient(
                self.host,
                self.credentials.username or "root",
                password,
                known_host_key=self.known_ssh_host_key or self.ssh_host_key,
                timeout=self.timeout,
            )
            try:
                await client.connect()
            except HostKeyChanged:
                raise
            except MinerAuthenticationError as err:
                refused = err
                continue
            self.ssh_host_key = client.host_key
            self._ssh_login = Credentials(client.username, password)
            return client
        assert refused is not None
        raise refused

    async def _ssh_run(self, *commands: str) -> list[str]:
        client = await self._ssh()
        try:
            return [await client.run(command) for command in commands]
        finally:
            await client.close()

    async def check_credentials(self) -> None:
        """An SSH login (the RPC needs none): proves the password, records the host key."""
        client = await self._ssh()
        await client.close()

    # -- poll --------------------------------------------------------------------------------

    async def _get_data(self) -> MinerData:
        found = await self.rpc.multicommand(*POLL)
        uptime = rpc_replies.summary(found.get("summary")).uptime
        now = time.monotonic()
        if not self._uptime_follows(uptime, now):
            self._identity_at = -IDENTITY_TTL  # whose figures are these? (see the docstring)
        identity = await self._identity_now()
        self._uptime_seen = None if uptime is None else (uptime, now)
        return self.data_from(found, identity)

    def _uptime_follows(self, uptime: int | None, now: float) -> bool:
        if self._uptime_seen is None or uptime is None:
            return True
        return uptime_follows(self._uptime_seen, uptime, now, UPTIME_SLACK)

    def data_from(self, found: dict[str, Reply], identity: dict[str, str | None]) -> MinerData:
        """One poll's MinerData from the RPC replies by command and the SSH identity."""
        version = rpc_replies.version(found.get("version"))
        self._learn_model(found.get("devdetails"))
        total = rpc_replies.summary(found.get("summary"))
        chains = rpc_replies.chains(found.get("devs"), found.get("devdetails"), found.get("temps"))
        fans, duty = rpc_replies.fans(found.get("fans"))
        tuner = rpc_replies.tuner(found.get("tunerstatus"))
        row = lookup(self.model, MAKE)
        nominal = [c.nominal for c in chains.values() if c.nominal]
        current = total.current
        self._settings = _settings(tuner)
        return MinerData(
            host=self.host,
            make=self.make,
            model=row.name if row else self.model,
            firmware=self.firmware,
            fw_ver=_release(identity.get("bos_version")) or version.version,
            api_ver=version.api,
            mac=format_mac(identity.get("mac")),
            hostname=identity.get("hostname"),
            hashrate=total.hashrate,
            expected_hashrate=round(sum(nominal), 6) if nominal else None,
            wattage=tuner.power if tuner else None,
            wattage_limit=tuner.power_limit if tuner else None,
            uptime=total.uptime,
            hashboards=_boards(
                chains, row.boards if row else None, row.chips_per_board if row else None
            ),
            fans=fans,
            fan_percent=duty,
            pools=cgminer_replies.pools(found.get("pools")),
            errors=rpc_replies.errors(tuner),
            fault_light=None,  # only over SSH (check_light): not read every poll
            is_mining=None if current is None else current > 0,
            hashrate_averages=total.averages,
            shares_accepted=total.accepted,
            shares_rejected=total.rejected,
            tuner_state=rpc_replies.tuner_state(tuner),
            settings=self._settings,
        )

    def _learn_model(self, devdetails: Reply | None) -> None:
        name = rpc_replies.model(devdetails)
        if name:
            row = lookup(name, MAKE)
            self.model = (
                row.name if row else name.removeprefix("Bitmain ").removeprefix("Antminer ")
            )

    async def _identity_now(self) -> dict[str, str | None]:
        """MAC, host name, OS version: read over SSH at most every IDENTITY_TTL seconds.
        A refused login fails the poll (re-authentication); anything else leaves them out."""
        if time.monotonic() - self._identity_at < IDENTITY_TTL:
            return self._identity
        try:
            client = await self._ssh()
        except MinerAuthenticationError:
            raise
        except AsicMinerError as err:  # a poll does not fail for these
            _LOGGER.debug("%s: SSH identity read failed: %s", self.host, err)
            # Asked again after IDENTITY_RETRY, not every poll: a silent SSH port would
            # hold each poll for the whole timeout.
            self._identity_at = time.monotonic() - IDENTITY_TTL + IDENTITY_RETRY
            return self._identity
        try:
            found: dict[str, str | None] = {}
            for name, path in (
                ("mac", _MAC_FILE),
                ("hostname", _HOSTNAME_FILE),
                ("bos_version", _VERSION_FILE),
            ):
                try:
                    found[name] = text(await client.read_file(path))
                except MinerCommandError as err:
                    _LOGGER.debug("%s: %s: %s", self.host, path, err)
                    found[name] = None
        finally:
            await client.close()
        self._identity, self._identity_at = found, time.monotonic()
        return found

    async def get_mac(self) -> str | None:
        self._identity_at = -IDENTITY_TTL
        return format_mac((await self._identity_now()).get("mac"))

    async def get_hostname(self) -> str | None:
        return (await self._identity_now()).get("hostname")

    async def check_light(self) -> bool:
        client = await self._ssh()
        try:
            delay = await client.read_file(_RED_LED_DELAY_OFF)
        except MinerCommandError:
            return False  # no timer trigger on the LED: it is not blinking
        finally:
            await client.close()
        return delay.strip() == "50"

    # -- controls ----------------------------------------------------------------------------

    async def _stop_mining(self) -> None:
        reply = await self.rpc.send("pause")
        if not rpc_replies.paused(reply, "PAUSE"):
            raise MinerCommandError(f"{self.host}: pause was not carried out")

    async def _resume_mining(self) -> None:
        reply = await self.rpc.send("resume")
        if not rpc_replies.paused(reply, "RESUME"):
            raise MinerCommandError(f"{self.host}: resume was not carried out")

    async def _reboot(self) -> None:
        try:
            await self._ssh_run("/sbin/reboot")
        except ConnectionDroppedError as err:  # the session may go down with the system
            _LOGGER.debug("%s: SSH closed during reboot: %s", self.host, err)

    async def _restart_backend(self) -> None:
        await self._ssh_run("/etc/init.d/bosminer restart")

    async def _fault_light_on(self) -> None:
        await self._ssh_run("miner fault_light on")

    async def _fault_light_off(self) -> None:
        await self._ssh_run("miner fault_light off")

    async def _set_number(self, key: str, value: float) -> None:
        if key != NumberKey.POWER_TARGET:
            raise self._unsupported(key)
        setting = self._settings.numbers.get(key)
        if setting is None:
            await self._get_data()  # no poll yet (or one without a tuner): ask the miner
            setting = self._settings.numbers.get(key)
        if setting is None:
            raise self._unsupported(key)
        watts = _whole(key, value)
        setting.check(key, watts)
        await self._change_toml(lambda doc: toml_config.set_power_target(doc, watts))

    async def get_config(self) -> MinerConfig:
        client = await self._ssh()
        try:
            return toml_config.to_config(
                toml_config.loads(await client.read_file(toml_config.PATH))
            )
        finally:
            await client.close()

    async def _send_config(self, config: MinerConfig) -> None:
        """Pools into one ``[[group]]``, a manual fan or immersion, a power target; then
        BOSminer restarts. The fan's NORMAL and the mining mode's NORMAL leave the file's."""
        check_config(config, POOL_SLOTS, f"{self.make} {self.firmware} firmware")
        mode = config.mining_mode
        if mode.mode not in (MiningMode.NORMAL, MiningMode.POWER_TARGET):
            raise UnsupportedOperation(f"mining mode {mode.mode}", f"{self.make} {self.firmware}")
        if mode.mode is MiningMode.POWER_TARGET and mode.power_target is not None:
            Number(None, *POWER_TARGET_RANGE, unit="W").check("power_target", mode.power_target)

        def change(doc: toml_config.Document) -> None:
            if config.pools:
                toml_config.set_pools(doc, config.pools)
            toml_config.set_fan(doc, config.fan)
            if mode.mode is MiningMode.POWER_TARGET and mode.power_target is not None:
                toml_config.set_power_target(doc, mode.power_target)

        await self._change_toml(change)

    async def _change_toml(self, change: Any) -> None:
        """Read, change and write back bosminer.toml, then restart BOSminer, on one login."""
        client = await self._ssh()
        try:
            doc = toml_config.loads(await client.read_file(toml_config.PATH))
            change(doc)
            await client.write_file(toml_config.PATH, toml_config.dumps(doc))
            await client.run("/etc/init.d/bosminer restart")
        finally:
            await client.close()


def _settings(tuner: rpc_replies.Tuner | None) -> Settings:
    """The power target where the tuner reports one (BOS+), within the documented range."""
    if tuner is None or tuner.power_limit is None:
        return Settings()
    target = Number(
        value=tuner.power_limit,
        minimum=POWER_TARGET_RANGE[0],
        maximum=POWER_TARGET_RANGE[1],
        step=1.0,
        unit="W",
        restarts_mining=True,
    )
    return Settings(numbers={NumberKey.POWER_TARGET: target})


def _boards(
    chains: dict[int, rpc_replies.Chain], expected: int | None, chips: int | None
) -> list[HashBoard]:
    slots = set(chains) | set(range(expected or 0))
    boards = []
    for slot in sorted(slots):
        chain = chains.get(slot)
        if chain is None:
            boards.append(HashBoard(slot=slot, expected_chips=chips, missing=True))
            continue
        boards.append(
            HashBoard(
                slot=slot,
                hashrate=chain.hashrate,
                temp=chain.board_temp,
                chip_temp=chain.chip_temp,
                chips=chain.chips,
                expected_chips=chips,
            )
        )
    return boards


def _release(version: str | None) -> str | None:
    """'2022-09-13-0-11012d53-22.08-plus' → '22.08' (the dotted part, as pyasic reads it)."""
    if not version:
        return None
    return next((part for part in version.split("-") if "." in part), version)


def _whole(key: str, value: float) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value != int(value)
    ):
        raise ValueError(f"{key} must be a whole number of watts, not {value!r}")
    return int(value)
