"""Whatsminer API V3 on TCP 4433 (firmware from 2024-11): length-prefixed JSON frames.

Every frame, both ways, is a 4-byte little-endian length and that many bytes of JSON.
Connections persist (closed after 300 s without traffic; four zero bytes are a
heartbeat) and at most 10 clients are served at once (MicroBT's API V3 document).
Replies: {"code", "when", "msg", "desc"}; hashrates in TH/s.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import struct
from typing import TYPE_CHECKING, Any

from ..faults import GARBAGE_BYTES, Fault
from ..rpc_server import DROP_PAUSE, reset_connection
from ..tcp_listener import TcpListener
from . import actions as wm_actions
from .actions import ActionError
from .crypto import v3_decrypt_param, v3_key, v3_token
from .v2_replies import DNS, GATEWAY, NETMASK

if TYPE_CHECKING:
    from .miner import WhatsminerMiner

Reply = dict[str, Any]

IDLE_TIMEOUT = 300.0
MAX_CLIENTS = 10
MAX_FRAME = 1 << 20
HEARTBEAT = b"\x00\x00\x00\x00"

OK, FAIL, BAD_COMMAND, BAD_ITEM, NO_PERMISSION = 0, -1, -2, -3, -4
ENCRYPTED = ("set.miner.pools", "set.user.change_passwd")
DEVICE_SECTIONS = ("network", "miner", "system", "power", "hardware", "salt", "error-code")
STATUS_SECTIONS = ("summary", "pools", "edevs")


def frame(payload: bytes) -> bytes:
    return struct.pack("<I", len(payload)) + payload


# ----------------------------------------------------------------------------- replies
def _reply(miner: WhatsminerMiner, code: int, msg: Any, desc: str) -> Reply:
    return {"code": code, "when": int(miner.clock.time()), "msg": msg, "desc": desc}


def _ths(mh: float) -> float:
    return round(mh / 1_000_000, 3)


def device_info(miner: WhatsminerMiner) -> Reply:
    spec, state = miner.spec, miner.state
    snap = miner.snapshot()
    sections: Reply = {
        "network": {
            "ip": miner.address,
            "proto": state.net.get("proto", "dhcp"),
            "netmask": NETMASK,
            "dns": DNS,
            "mac": miner.mac,
            "gateway": GATEWAY,
            "hostname": state.hostname,
        },
        "miner": {
            "working": "true" if state.mining else "false",
            "type": spec.model_code,
            "hash-board": spec.model_code.rsplit("_V", 1)[-1],
            "detect-hash-rate": ":".join(
                str(round(spec.nominal_ths * 1000 / spec.boards)) for _ in range(spec.boards)
            ),
            "cointype": "BTC/BCH/BSV",
            "pool-strategy": "FAILOVER",
            "heatmode": "",
            "hash-percent": str(state.power_pct),
            "eeprom-liquid-cooling": "1-1-1" if spec.hydro else "0-0-0",
            **{f"chipdata{b.index}": f"{spec.chip} BIN-{b.index:02d}" for b in snap.boards},
            "fast-boot": "enable" if state.fast_boot else "disable",
            "board-num": str(spec.boards),
            **{f"pcbsn{b.index}": b.serial for b in snap.boards},
            "miner-sn": miner.serial_number,
            "power-limit-set": str(state.power_limit),
            "web-pool": 1 if state.web_pools else 0,
        },
        "system": {
            "api": spec.api_ver,
            "platform": spec.platform,
            "fwversion": spec.fw_ver,
            "control-board-version": "CB6V10",
            "btrom": "1",
            "apiswitch": "1" if state.write_api_enabled else "0",
            "ledstatus": "auto" if not state.fault_light else "manual",
        },
        "power": {
            "type": spec.psu_model,
            "mode": "1",
            "hwversion": "R00033",
            "swversion": "20230915_P00031.20231101_S00037",
            "model": f"{spec.psu_model}-12-{spec.nominal_watts}",
            "iin": round(snap.power / 220.5, 1),
            "vin": 220.5,
            "vout": 1209,
            "pin": snap.power,
            "fanspeed": snap.psu_fan,
            "temp0": 41.3,
            "sn": miner.serial_number[-15:],
            "vendor": "1",
        },
        "hardware": {"boards": spec.boards},
        "salt": miner.v3_salt,
        "error-code": [
            {code: when, "reason": f"error {code}"} for code, when in state.error_codes.items()
        ],
    }
    return sections


def miner_status(miner: WhatsminerMiner, section: str) -> Any:
    spec, state = miner.spec, miner.state
    snap = miner.snapshot()
    if section == "summary":
        ths = _ths(snap.total_mh)
        temps = [b.chip_temp_avg for b in snap.boards]
        return {
            "elapsed": snap.elapsed,
            "bootup-time": snap.uptime,
            "freq-avg": spec.frequency if snap.hashing else 0,
            "target-freq": state.target_freq,
            "factory-hash": spec.nominal_ths,
            "hash-average": ths,
            "hash-1min": ths,
            "hash-15min": ths,
            "hash-realtime": ths,
            "power-rate": round(snap.power / ths, 3) if ths else 0,
            "power-5min": float(snap.power),
            "power-realtime": snap.power,
            "environment-temperature": snap.env_temp,
            "board-temperature": [b.temp for b in snap.boards],
            "chip-temp-min": min(b.chip_temp_min for b in snap.boards),
            "chip-temp-avg": round(sum(temps) / len(temps), 2),
            "chip-temp-max": max(b.chip_temp_max for b in snap.boards),
            "power-limit": snap.power_limit,
            "up-freq-finish": 1 if snap.hashing else 0,
            "fan-speed-in": snap.fan_in,
            "fan-speed-out": snap.fan_out,
        }
    if section == "pools":
        pools = []
        for i, pool in enumerate(p for p in state.pools if p["url"]):
            pools.append(
                {
                    "id": i + 1,
                    "url": pool["url"],
                    "status": "alive",
                    "account": pool["user"],
                    "stratum-active": i == 0 and snap.hashing,
                    "priority": i,
                    "reject-rate": 0.25 if i == 0 and snap.elapsed else 0.0,
                    "last-share-time": int(miner.clock.time()) - 7 if i == 0 else 0,
                }
            )
        return pools
    return [
        {
            "id": b.index,
            "slot": b.index,
            "hash-average": _ths(b.rate_mh),
            "factory-hash": round(spec.nominal_ths / spec.boards, 3),
            "freq": b.frequency,
            "effective-chips": b.chips,
            "chip-temp-min": b.chip_temp_min,
            "chip-temp-avg": b.chip_temp_avg,
            "chip-temp-max": b.chip_temp_max,
            "board-temperature": b.temp,
            "upfreq-complete": 1 if snap.hashing else 0,
        }
        for b in snap.boards
    ]


def miner_setting(miner: WhatsminerMiner) -> Reply:
    state = miner.state
    return {
        "power-limit": state.power_limit,
        "power-mode": state.power_mode,
        "power-percent": state.power_pct,
        "fast-boot": "enable" if state.fast_boot else "disable",
        "target-freq": state.target_freq,
        "upfreq-speed": state.upfreq_speed,
        "heat-mode": "normal",
        "web-pool": 1 if state.web_pools else 0,
        "cointype": "BTC",
    }


# ----------------------------------------------------------------------------- dispatch
def _read(miner: WhatsminerMiner, cmd: str, param: Any) -> Reply:
    state = miner.state
    match cmd:
        case "get.device.info":
            info = device_info(miner)
            if param in (None, ""):
                return _reply(miner, OK, info, cmd)
            if param not in DEVICE_SECTIONS:
                return _reply(miner, BAD_ITEM, "invalid param", cmd)
            return _reply(miner, OK, {param: info[param]}, cmd)
        case "get.miner.status":
            if param in (None, ""):
                return _reply(miner, OK, {}, cmd)  # "if omitted, no data is returned"
            names = str(param).split("+")
            if any(n not in STATUS_SECTIONS for n in names):
                return _reply(miner, BAD_ITEM, "invalid param", cmd)
            return _reply(miner, OK, {n: miner_status(miner, n) for n in names}, cmd)
        case "get.miner.setting":
            return _reply(miner, OK, miner_setting(miner), cmd)
        case "get.system.setting":
            msg = {
                "web-pool": 1 if state.web_pools else 0,
                "timezone": state.zone[0],
                "zonename": state.zone[1],
                "hostname": state.hostname,
            }
            return _reply(miner, OK, msg, cmd)
        case "get.fan.setting":
            msg = {
                "fan-poweroff-cool": int(state.poweroff_cool),
                "fan-zero-speed": int(state.fan_zero_speed),
                "fan-temp-offset": state.temp_offset,
            }
            return _reply(miner, OK, msg, cmd)
    return _reply(miner, BAD_COMMAND, "invalid command", cmd)


def _object(param: Any) -> Any:
    """Some clients send object params as a JSON string."""
    if isinstance(param, str) and param[:1] in "{[":
        with contextlib.suppress(json.JSONDecodeError):
            return json.loads(param)
    return param


def _write(miner: WhatsminerMiner, cmd: str, param: Any, account: str) -> Reply:
    state = miner.state
    param = _object(param)
    match cmd:
        case "set.system.reboot":
            miner.schedule_reboot()
        case "set.system.factory_reset":
            miner.factory_reset()
            miner.schedule_reboot()
        case "set.miner.service":
            match param:
                case "start":
                    wm_actions.power_on(miner)
                case "stop":
                    wm_actions.power_off(miner)
                case "restart":
                    wm_actions.restart_btminer(miner)
                case "enable" | "disable":
                    pass
                case _:
                    raise ActionError("service: start|stop|restart|enable|disable")
        case "set.system.led":
            wm_actions.set_led(miner, param)
        case "set.miner.power_limit":
            wm_actions.set_power_limit(miner, param)
            miner.schedule_reboot()  # "the device will restart to apply the new setting"
        case "set.miner.power_mode":
            wm_actions.set_power_mode(miner, str(param))
        case "set.miner.power_percent":
            if not isinstance(param, dict):
                raise ActionError("power_percent takes {percent, mode}")
            wm_actions.set_power_pct(miner, param.get("percent"))
        case "set.miner.target_freq":
            wm_actions.set_target_freq(miner, param)
        case "set.miner.upfreq_speed":
            wm_actions.set_upfreq_speed(miner, param)
        case "set.miner.fastboot":
            state.fast_boot = param == "enable"
        case "set.system.webpools":
            state.web_pools = param == "enable"
        case "set.system.hostname":
            wm_actions.set_hostname(
                miner, param.get("hostname") if isinstance(param, dict) else None
            )
        case "set.system.timezone":
            if not isinstance(param, dict):
                raise ActionError("timezone takes {timezone, zonename}")
            state.zone = (str(param.get("timezone", "")), str(param.get("zonename", "")))
        case "set.system.net_config":
            state.net = {"proto": "dhcp"} if param == "dhcp" else {"proto": "static"}
        case "set.fan.temp_offset":
            wm_actions.set_temp_offset(miner, param)
        case "set.fan.poweroff_cool":
            state.poweroff_cool = str(param) == "1"
        case "set.fan.zero_speed":
            state.fan_zero_speed = str(param) == "1"
        case "set.miner.pools":
            if not isinstance(param, list):
                raise ActionError("pools: a list")
            pools = [
                {"url": p.get("pool", ""), "user": p.get("worker", ""), "pass": p.get("passwd", "")}
                for p in param
                if isinstance(p, dict)
            ]
            wm_actions.update_pools(miner, pools)
        case "set.user.change_passwd":
            if not isinstance(param, dict):
                raise ActionError("change_passwd: {account, old, new}")
            target = str(param.get("account", account))
            if target not in state.v3_passwords or account not in (target, "super"):
                return _reply(miner, NO_PERMISSION, "no permission", cmd)
            if param.get("old") != state.v3_passwords[target]:
                return _reply(miner, FAIL, "old password error", cmd)
            new = param.get("new")
            if not isinstance(new, str) or not new:
                raise ActionError("empty password")
            state.v3_passwords[target] = new
        case _:
            return _reply(miner, BAD_COMMAND, "invalid command", cmd)
    return _reply(miner, OK, "ok", cmd)


def answer(miner: WhatsminerMiner, request: Any, wrong_password: bool = False) -> Reply:
    if not isinstance(request, dict) or not isinstance(request.get("cmd"), str):
        return _reply(miner, FAIL, "json parse error", "")
    cmd: str = request["cmd"]
    param = request.get("param")
    held = miner.faults.delay("rpc")
    miner.state.requests.record(cmd, write=cmd.startswith("set."), held=held)
    if cmd.startswith("get."):
        return _read(miner, cmd, param)
    if not cmd.startswith("set."):
        return _reply(miner, BAD_COMMAND, "invalid command", cmd)
    ts, token, account = request.get("ts"), request.get("token"), request.get("account")
    if ts is None or not isinstance(token, str) or not isinstance(account, str):
        return _reply(miner, BAD_ITEM, "ts, token and account are required", cmd)
    state = miner.state
    password = state.v3_passwords.get(account)
    if password is None:
        return _reply(miner, NO_PERMISSION, "no permission", cmd)
    # Write access: the API switch on and the account's password changed from the default.
    if not state.write_api_enabled or password == account:
        return _reply(miner, NO_PERMISSION, "no permission", cmd)
    if wrong_password or token != v3_token(cmd, password, miner.v3_salt, ts):
        return _reply(miner, FAIL, "token error", cmd)
    if cmd in ENCRYPTED:
        key = v3_key(cmd, password, miner.v3_salt, ts)
        param = v3_decrypt_param(key, param)
        if param is None:
            return _reply(miner, FAIL, "param decrypt error", cmd)
    try:
        return _write(miner, cmd, param, account)
    except ActionError:
        return _reply(miner, BAD_ITEM, "invalid param", cmd)


# ----------------------------------------------------------------------------- server
class V3Server(TcpListener):
    """The 4433 listener of one simulated Whatsminer with V3 firmware."""

    _client_gone = (*TcpListener._client_gone, asyncio.IncompleteReadError)

    def __init__(self, miner: WhatsminerMiner, host: str, port: int) -> None:
        super().__init__(host, port)
        self._miner = miner

    @property
    def clients(self) -> int:
        return len(self._writers)

    def _admit(self) -> bool:
        return len(self._writers) < MAX_CLIENTS  # an 11th client is let in and shut out

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        faults = self._miner.faults
        while True:
            try:
                header = await asyncio.wait_for(reader.readexactly(4), IDLE_TIMEOUT)
            except TimeoutError:
                return  # idle: the miner closes
            length = struct.unpack("<I", header)[0]
            if length == 0:
                continue  # heartbeat
            if length > MAX_FRAME:
                return
            body = await asyncio.wait_for(reader.readexactly(length), IDLE_TIMEOUT)
            if faults.active(Fault.SILENCE, "rpc"):
                await asyncio.Event().wait()
            if delay := faults.delay("rpc"):
                await asyncio.sleep(delay)
            try:
                request = json.loads(body)
            except UnicodeDecodeError, json.JSONDecodeError:
                request = None
            wrong = faults.active(Fault.WRONG_PASSWORD, "rpc")
            reply = json.dumps(answer(self._miner, request, wrong)).encode()
            if faults.active(Fault.GARBAGE, "rpc"):
                writer.write(frame(GARBAGE_BYTES))
            elif faults.active(Fault.TRUNCATED, "rpc"):
                writer.write(frame(reply)[: 4 + max(1, len(reply) * 3 // 5)])
                await writer.drain()
                return  # clean close (FIN) mid-frame
            elif faults.active(Fault.DROP, "rpc"):
                writer.write(frame(reply)[: 4 + len(reply) // 2])
                await writer.drain()
                await asyncio.sleep(DROP_PAUSE)
                reset_connection(writer)
                return
            else:
                writer.write(frame(reply))
            await writer.drain()
