"""TCP 4028 of a simulated Avalon: which commands it answers, alone or joined with ``+``.

As Canaan's api.c (Canaan-Creative/Avalon_Nano3s cg_miner/api/api.c, ``api()`` and
``cmds[]``): a request starting with ``{`` is JSON (``command``, ``parameter``), anything else
the text form ``command|parameter`` answered in text; joinable commands may be joined with
``+`` (a command that may not be joined answers "Access denied", an unknown one "Invalid
command", each in its place); ``ascset``, ``switchpool`` and ``setpool`` stand alone.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from . import ascset, captures, replies, wire
from .replies import Reply
from .state import PoolSlot

if TYPE_CHECKING:
    from .miner import AvalonSim

JOINABLE = frozenset(
    {"version", "config", "devs", "edevs", "pools", "summary", "devdetails", "stats",
     "estats", "litestats", "coin", "lcd"}
)  # fmt: skip
WEB_FIELD_LIMIT = 64  # WEBPASS_LEN in driver-avalon.h


def respond(sim: AvalonSim, data: bytes) -> bytes | None:
    """The bytes for one request as it came; None closes without a byte."""
    text = data.strip(b"\x00 \t\r\n").decode("utf-8", errors="replace")
    is_json = text.startswith("{")
    if is_json and "plain-text-only" in sim.quirks:
        return None  # closed on JSON at once
    if not text:
        return None
    now = sim.clock.time()
    if is_json:
        parsed = _parse_json(text, now)
        if isinstance(parsed, dict) and "STATUS" in parsed:
            return wire.encode_json(parsed, sim.quirks)
        command, parameter = parsed
    else:
        command, _, rest = text.partition("|")
        parameter = rest or None
    if command == "restart" and sim.spec.answers_restart:
        sim.schedule_restart()
        return b'{"STATUS":"RESTART"}' if is_json else wire.restart_text()
    reply = _joined(sim, command, now) if "+" in command else _single(sim, command, parameter)
    if reply is None:
        return None
    encode = wire.encode_json if is_json else wire.encode_text
    return encode(reply, sim.quirks)


def _parse_json(text: str, now: float) -> tuple[str, str | None] | Reply:
    try:
        request = json.loads(text)
    except json.JSONDecodeError:
        return replies.error(captures.MSG_INVALID_JSON, now)
    if not isinstance(request, dict) or not isinstance(request.get("command"), str):
        return replies.error(captures.MSG_INVALID_JSON, now)
    parameter: Any = request.get("parameter")
    if isinstance(parameter, (int, float)) and not isinstance(parameter, bool):
        parameter = str(parameter)
    return request["command"], parameter if isinstance(parameter, str) else None


def _joined(sim: AvalonSim, command: str, now: float) -> Reply:
    reply: Reply = {}
    for name in command.split("+"):
        if not name or name in reply:
            continue
        if name not in JOINABLE:
            known = name in ("ascset", "switchpool", "setpool", "check", "restart")
            part = replies.error(
                captures.MSG_ACCESS_DENIED if known else captures.MSG_INVALID_COMMAND,
                now,
                command=name,
            )
        else:
            part = _single(sim, name, None) or replies.error(captures.MSG_INVALID_COMMAND, now)
        reply[name] = [part]
    reply["id"] = 1
    return reply


def _single(sim: AvalonSim, command: str, parameter: str | None) -> Reply | None:
    now = sim.clock.time()
    spec, state = sim.spec, sim.state
    live = sim.live()
    match command:
        case "version":
            return replies.version(spec, sim.mac, sim.dna, now)
        case "summary":
            return replies.summary(spec, live, now, "bare-nonfinite" in sim.quirks)
        case "pools":
            return replies.pools(spec, state, live, now)
        case "devs" | "edevs":
            return replies.devs(spec, live, now)
        case "devdetails":
            return replies.devdetails(now)
        case "stats" | "estats":
            return replies.estats(spec, state, live, sim.dna, now, pools=command == "stats")
        case "litestats":
            return replies.litestats(spec, state, live, sim.dna, now)
        case "lcd":
            return replies.lcd(state, live, now)
        case "ascset":
            return _ascset(sim, parameter, now)
        case "switchpool":
            return _switchpool(sim, parameter, now)
        case "setpool" if not spec.setpool_by_ascset:
            return _setpool(sim, parameter, now)
    return replies.error(captures.MSG_INVALID_COMMAND, now)


def _ascset(sim: AvalonSim, parameter: str | None, now: float) -> Reply | None:
    if not parameter:
        return replies.error(captures.MSG_MISSING_ID, now)
    device, _, rest = parameter.partition(",")
    if not rest:
        return replies.error(captures.MSG_MISSING_ASC_OPTION, now)
    if device.strip() != "0":
        return replies.status("E", 107, f"Invalid ASC id {device} - range is 0 - 0", now)
    option, _, setting = rest.partition(",")
    ctx = ascset.Context(sim.spec, sim.state, now, frozenset(sim.quirks), sim.power_info())
    outcome = ascset.run(ctx, option, setting or None)
    if outcome.reboot_in is not None:
        sim.schedule_reboot(outcome.reboot_in)
    if outcome.close:
        return None
    if outcome.kind == ascset.OK:
        return replies.status("S", captures.MSG_ASC_SET_OK[0], "ASC 0 set OK", now)
    code, template = (
        captures.MSG_ASC_SET_INFO if outcome.kind == ascset.INFO else captures.MSG_ASC_SET_FAILED
    )
    return replies.status(outcome.kind, code, template.format(id=0, text=outcome.text), now)


def _switchpool(sim: AvalonSim, parameter: str | None, now: float) -> Reply:
    configured = [n for n, pool in enumerate(sim.state.pools) if pool.url]
    if not parameter:
        return replies.error(captures.MSG_MISSING_POOL_ID, now)
    number = _c_atoi(parameter)
    if number not in configured:
        return replies.error(captures.MSG_INVALID_POOL_ID, now, id=number, max=len(configured) - 1)
    sim.state.active_pool = number
    url = sim.state.pools[number].url
    text = captures.MSG_SWITCHING_POOL[1].format(id=number, url=url)
    return replies.status("S", captures.MSG_SWITCHING_POOL[0], text, now)


def _setpool(sim: AvalonSim, parameter: str | None, now: float) -> Reply:
    """api.c ``setpool()``: ``<webuser>,<webpass>,<n>,<url>,<user>[,<pass>]``; the pool is
    stored for the next boot ("Please reboot miner to make config work")."""
    fail = captures.MSG_POOL_SET_ERROR
    if not parameter:
        return replies.error(fail, now, text=captures.POOL_NO_PARAMS)
    fields = _scan(parameter)
    if any(len(f) > WEB_FIELD_LIMIT for f in fields[:2]):
        return replies.error(fail, now, text="The user name length is too long.")
    if len(fields) not in (5, 6):
        return replies.error(fail, now, text=captures.POOL_ARGS_ERR.format(n=len(fields)))
    user, password, number_text, url, worker = fields[:5]
    if user != sim.state.web_user:
        return replies.error(fail, now, text=captures.POOL_USER_ERR)
    if password != sim.state.web_password:
        return replies.error(fail, now, text=captures.POOL_PASS_ERR)
    number = int(number_text)
    if not 0 <= number <= 2:
        return replies.error(fail, now, text=captures.POOL_NUM_ERR.format(n=number))
    pool_pass = fields[5] if len(fields) == 6 else ""
    sim.state.pending_pools[number] = PoolSlot(url, worker, pool_pass)
    if "setpool-reboots" in sim.quirks:
        sim.schedule_reboot(0.0, at_once=True)
    text = captures.POOL_SET_OK.format(n=number, url=url, user=worker, password=pool_pass)
    return replies.status("S", captures.MSG_POOL_SET[0], f"Pool set info: {text}", now)


def _scan(parameter: str) -> list[str]:
    """The fields sscanf("%[^,],%[^,],%d,%[^,],%[^,],%[^,]") converts: it stops at the first
    empty field or a pool number that is no number."""
    fields: list[str] = []
    for position, part in enumerate(parameter.split(",")[:6]):
        if not part or (position == 2 and _atoi(part) is None):
            break
        fields.append(part)
    return fields


def _c_atoi(text: str) -> int:
    """C's atoi: the leading digits, 0 when there are none."""
    digits = ""
    for char in text.strip():
        if not (char.isdigit() or (char == "-" and not digits)):
            break
        digits += char
    return int(digits) if digits.strip("-") else 0


def _atoi(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None
