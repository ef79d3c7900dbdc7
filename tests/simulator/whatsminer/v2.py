"""Whatsminer API V2 on TCP 4028: plaintext reads, encrypted privileged writes.

One JSON request per connection (`{"cmd": …}` or `{"command": …}`); the miner answers
and closes. Writes arrive as `{"enc": 1, "data": base64(AES-256-ECB(json))}` after a
`get_token`, and are answered `{"enc": base64(…)}`.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from . import actions as wm_actions
from . import v2_replies as r
from .actions import ActionError
from .crypto import aes_key, decrypt, encrypt, strip_pkcs7

if TYPE_CHECKING:
    from .miner import WhatsminerMiner

Reply = dict[str, Any]

# btminer's CGMiner-style reads: joinable with "+"
JOINABLE = ("summary", "pools", "edevs", "devs", "devdetails")
# the API daemon's own reads: never joinable
DAEMON_READS = (
    "get_psu",
    "get_version",
    "status",
    "get_miner_info",
    "get_error_code",
    "get_token",
)
# what firmware with API V3 still answers on 4028 (pyasic issues #314, #396: MAC,
# hostname, firmware, PSU fan, pools, uptime and the mining state still read; model,
# boards, power and expected hashrate did not)
V3_FIRMWARE_READS = ("summary", "pools", "get_version", "get_miner_info", "get_psu", "status")

WRITES = (
    "update_pools",
    "restart_btminer",
    "power_off",
    "power_on",
    "set_led",
    "set_low_power",
    "set_normal_power",
    "set_high_power",
    "reboot",
    "factory_reset",
    "update_pwd",
    "net_config",
    "set_target_freq",
    "enable_btminer_fast_boot",
    "disable_btminer_fast_boot",
    "enable_web_pools",
    "disable_web_pools",
    "set_hostname",
    "set_zone",
    "set_power_pct",
    "pre_power_on",
    "set_power_pct_v2",
    "set_temp_offset",
    "adjust_power_limit",
    "adjust_upfreq_speed",
    "set_poweroff_cool",
    "set_fan_zero_speed",
)
NO_WRITE_ACCESS = "can't access write cmd"
OK = "API command OK"
PASSWORD_MAX = 8
# quirk write-silent-close: applied, then closed without a byte; the power modes and
# restart_btminer also restart btminer
SILENT_CLOSE = ("power_off", "set_low_power", "set_normal_power", "set_high_power")
SILENT_CLOSE += ("restart_btminer",)
RESTARTS_BTMINER = ("set_low_power", "set_normal_power", "set_high_power", "restart_btminer")
# quirk double-encoded-refusal: what the frame holds (satoshi-anonymoto/whatsminer-api#3)
UNDECRYPTABLE = (23, "enc json load err")


def parse(data: bytes) -> Reply | None:
    text = data.strip(b"\x00 \t\r\n").decode("utf-8", errors="replace")
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def command_of(request: Reply) -> str | None:
    name = request.get("cmd", request.get("command"))
    return name.strip() if isinstance(name, str) else None


# ----------------------------------------------------------------------------- encoding
def encode(reply: Reply, quirks: tuple[str, ...]) -> bytes:
    """Serialise a reply the way btminer writes it, with the configured oddities."""
    text = json.dumps(reply, separators=(",", ":"))
    if "newline" in quirks:  # values read from files keep their newline, unescaped
        text = text.replace("\\n", "\n")
    if "temp0-missing-comma" in quirks:
        text = text.replace('","temp0"', '""temp0"')
    if "error-code-dict" in quirks:  # API 2.0.4: ["110":"…","111":"…"]
        text = re.sub(
            r'"error_code":\[(.+?)\]\}',
            lambda m: '"error_code":[' + m.group(1).replace("{", "").replace("}", "") + "]}",
            text,
        )
    if "trailing-comma" in quirks:  # ,} closing the objects of the data lists
        text = re.sub(r"(?<=[^{\[,])\}(?=\]|,\{)", ",}", text)
    return text.encode()


# ----------------------------------------------------------------------------- reads
def _read(miner: WhatsminerMiner, name: str, request: Reply, peer: str) -> Reply:
    spec = miner.spec
    if spec.api_version >= 3 and name not in V3_FIRMWARE_READS:
        return r.invalid(miner)
    forwarded = name in JOINABLE
    if forwarded and _btminer_down(miner):
        # power_off stops btminer (or it is restarting); the daemon cannot forward the request
        return r.top(miner, 132, "btminer is not running", ok=False)
    snap = miner.snapshot()
    match name:
        case "summary":
            return r.summary(miner, snap)
        case "pools":
            return r.pools(miner, snap)
        case "edevs" | "devs":
            return r.devs(miner, snap)
        case "devdetails":
            return r.devdetails(miner)
        case "get_version":
            return r.get_version(miner)
        case "get_psu":
            return r.get_psu(miner, snap)
        case "status":
            return r.status(miner)
        case "get_miner_info":
            return r.get_miner_info(miner, request)
        case "get_error_code":
            return r.get_error_code(miner)
        case "get_token":
            return _get_token(miner, peer)
    return r.invalid(miner)


def _btminer_down(miner: WhatsminerMiner) -> bool:
    return not miner.state.mining or wm_actions.btminer_restarting(miner)


def _get_token(miner: WhatsminerMiner, peer: str) -> Reply:
    issued = miner.tokens.issue(peer, miner.v2_key, miner.clock.time())
    if issued is None:
        return r.top(miner, 136, "over max connect", ok=False)
    stamp, newsalt = issued
    return r.top(miner, 134, {"time": stamp, "salt": miner.v2_salt, "newsalt": newsalt})


# ----------------------------------------------------------------------------- writes
def _pools(request: Reply) -> list[dict[str, Any]]:
    pools = []
    for i in (1, 2, 3):
        url = request.get(f"pool{i}")
        if url:
            pools.append(
                {
                    "url": url,
                    "user": request.get(f"worker{i}") or "",
                    "pass": request.get(f"passwd{i}") or "",
                }
            )
    return pools


def _led(request: Reply) -> Any:
    if request.get("param") == "auto":
        return "auto"
    keys = ("color", "period", "duration", "start")
    return {k: request.get(k, 0) for k in keys}


def _update_pwd(miner: WhatsminerMiner, request: Reply) -> Reply:
    old, new = request.get("old"), request.get("new")
    if old != miner.state.password:
        return r.top(miner, 132, "old password error", ok=False)
    if not isinstance(new, str) or not new or len(new.encode()) > PASSWORD_MAX:
        return r.top(miner, 132, "password length error", ok=False)
    if not new.isalnum():
        return r.top(miner, 132, "password contains invalid characters", ok=False)
    miner.change_password(new)
    return r.top(miner, 131, OK)


def _write(miner: WhatsminerMiner, name: str, request: Reply) -> Reply:
    state = miner.state
    msg: Any = OK
    match name:
        case "power_off":
            wm_actions.power_off(miner)
        case "power_on":
            wm_actions.power_on(miner)
        case "restart_btminer":
            wm_actions.restart_btminer(miner)
        case "set_led":
            wm_actions.set_led(miner, _led(request))
        case "set_low_power" | "set_normal_power" | "set_high_power":
            wm_actions.set_power_mode(miner, name.split("_")[1])
        case "adjust_power_limit":
            wm_actions.set_power_limit(miner, request.get("power_limit"))
            miner.schedule_reboot()  # btminer restarts with the new limit
        case "set_power_pct" | "set_power_pct_v2":
            wm_actions.set_power_pct(miner, request.get("percent"))
        case "set_target_freq":
            wm_actions.set_target_freq(miner, request.get("percent"))
        case "set_temp_offset":
            wm_actions.set_temp_offset(miner, request.get("temp_offset"))
        case "adjust_upfreq_speed":
            wm_actions.set_upfreq_speed(miner, request.get("upfreq_speed"))
        case "set_hostname":
            wm_actions.set_hostname(miner, request.get("hostname"))
        case "update_pools":
            wm_actions.update_pools(miner, _pools(request))
        case "reboot":
            miner.schedule_reboot()
        case "factory_reset":
            miner.factory_reset()
            miner.schedule_reboot()
        case "update_pwd":
            return _update_pwd(miner, request)
        case "net_config":
            if request.get("param") == "dhcp":
                state.net = {"proto": "dhcp"}
            else:
                keys = ("ip", "mask", "gate", "dns", "host")
                if any(not request.get(k) for k in keys):
                    raise ActionError("net_config needs ip, mask, gate, dns, host")
                state.net = {"proto": "static", **{k: str(request[k]) for k in keys}}
        case "enable_btminer_fast_boot" | "disable_btminer_fast_boot":
            state.fast_boot = name.startswith("enable")
        case "enable_web_pools" | "disable_web_pools":
            state.web_pools = name.startswith("enable")
        case "set_zone":
            state.zone = (str(request.get("timezone", "")), str(request.get("zonename", "")))
        case "set_poweroff_cool":
            state.poweroff_cool = str(request.get("poweroff_cool")) == "1"
        case "set_fan_zero_speed":
            state.fan_zero_speed = str(request.get("fan_zero_speed")) == "1"
        case "pre_power_on":
            msg = {"complete": "true", "msg": "adjust complete"}
        case _:
            return r.invalid(miner)
    return r.top(miner, 131, msg)


def _double_encoded_refusal(miner: WhatsminerMiner, key: bytes) -> bytes:
    """The refusal of a request the miner could not decrypt, sealed with its own key and
    JSON-encoded once more (quirk double-encoded-refusal)."""
    code, msg = UNDECRYPTABLE
    sealed = encrypt(key, json.dumps(r.top(miner, code, msg, ok=False)).encode())
    return json.dumps(json.dumps({"enc": sealed})).encode()


def _unanswered(miner: WhatsminerMiner, name: str, reply: Reply, key: bytes) -> bytes | None:
    """What the quirks make of an applied write's answer: b"" closes without a byte, None
    keeps the connection open without one; the answer itself otherwise."""
    quirks = miner.quirks
    applied = reply.get("STATUS") == "S"
    if applied and "write-silent-close" in quirks and name in SILENT_CLOSE:
        if name in RESTARTS_BTMINER:
            wm_actions.restart_btminer(miner, miner.reboot_seconds)
        return b""
    if applied and "reboot-silent-open" in quirks and name == "reboot":
        return None
    if applied and "empty-write-reply" in quirks:
        return json.dumps({"enc": encrypt(key, b"\x00" * 16)}).encode()  # one padding block
    return json.dumps({"enc": encrypt(key, json.dumps(reply).encode())}).encode()


def _encrypted(miner: WhatsminerMiner, request: Reply, peer: str, wrong: bool) -> bytes | None:
    quirks = miner.quirks
    if miner.spec.api_version >= 3:
        return encode(r.invalid(miner), quirks)
    if not (miner.state.write_api_enabled and miner.state.password_changed):
        return encode(r.top(miner, 45, NO_WRITE_ACCESS, ok=False), quirks)
    data = request.get("data")
    key = aes_key(miner.v2_key)
    plain = decrypt(key, data) if isinstance(data, str) else None
    if plain is None:
        return encode(r.top(miner, 137, "base64 decode error", ok=False), quirks)
    inner = parse(strip_pkcs7(plain))
    # A wrong password gives a wrong AES key: the miner decrypts noise and cannot find a
    # token in it, so the answer is the token check failure.
    if (wrong or inner is None) and "double-encoded-refusal" in quirks:
        return _double_encoded_refusal(miner, key)
    if (
        wrong
        or inner is None
        or not miner.tokens.valid(peer, inner.get("token"), miner.clock.time())
    ):
        return encode(r.top(miner, 135, "check token error", ok=False), quirks)
    name = command_of(inner) or ""
    _log(miner, name, write=name in WRITES)
    try:
        if name in WRITES:
            reply = _write(miner, name, inner)
        elif name in JOINABLE or name in DAEMON_READS:
            reply = _read(miner, name, inner, peer)
        else:
            reply = r.invalid(miner)
    except ActionError:
        reply = r.invalid(miner)
    if name in WRITES:
        return _unanswered(miner, name, reply, key)
    return json.dumps({"enc": encrypt(key, json.dumps(reply).encode())}).encode()


def _log(miner: WhatsminerMiner, name: str, *, write: bool) -> None:
    miner.state.requests.record(name, write=write, held=miner.faults.delay("rpc"))


def answer(
    miner: WhatsminerMiner, data: bytes, peer: str, *, wrong_password: bool = False
) -> bytes | None:
    """The bytes the miner writes back for one request on 4028 (b"": it closes without a
    byte; None: it keeps the connection open without one)."""
    quirks = miner.quirks
    request = parse(data)
    if request is None:
        return encode(r.top(miner, 23, "invalid json message", ok=False), quirks)
    if request.get("enc"):
        return _encrypted(miner, request, peer, wrong_password)
    command = command_of(request)
    if not command:
        return encode(r.invalid(miner), quirks)
    _log(miner, command, write=False)  # a plaintext write is refused
    names = [n.strip() for n in command.split("+")]
    if len(names) == 1:
        name = names[0]
        if name in WRITES:  # writes are only taken encrypted
            if miner.spec.api_version >= 3:
                return encode(r.invalid(miner), quirks)
            return encode(r.top(miner, 45, NO_WRITE_ACCESS, ok=False), quirks)
        return encode(_read(miner, name, request, peer), quirks)
    if any(n not in JOINABLE for n in names):
        # get_* and status come from the API daemon and cannot be joined
        # ("45 = command join err" in the daemon's message table)
        return encode(r.top(miner, 45, "command join err", ok=False), quirks)
    if _btminer_down(miner):  # btminer is stopped: nothing to forward the join to
        return encode(_read(miner, names[0], request, peer), quirks)
    joined: Reply = {n: [_read(miner, n, request, peer)] for n in names}
    joined["id"] = 1
    return encode(joined, quirks)
