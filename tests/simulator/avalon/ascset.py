"""``ascset|0,<option>,<setting>`` as Canaan's firmware answers it.

api.c ``ascset()`` splits the parameter at its first two commas and hands option and
setting to the driver; the driver's answer becomes one of three messages: an error text
("ASC 0 set failed: …", STATUS E, code 120), an info text ("ASC 0 set info: …", STATUS I,
code 118: also what some refusals come back as, e.g. ``ledset`` outside day mode), or
nothing ("ASC 0 set OK", STATUS S, code 119). Options outside the model's ``help`` list are
"Unknown option: …" (driver-avalon.c ``avalon_set_device``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import captures
from .models import AvalonSpec
from .state import AvalonState, PoolSlot

INFO, OK, FAILED = "I", "S", "E"
MAX_REBOOT_DELAY = 300
EFFECT_MAX = 4  # LED_COLORCYCLE (mm_miner.h)
SOFT_OFF_OPTIONS = ("softoff", "softon")


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: str  # INFO, OK or FAILED
    text: str = ""
    reboot_in: float | None = None  # seconds until the miner reboots itself
    close: bool = False  # answer nothing (quirk softon-silent-close)


@dataclass(slots=True)
class Context:
    spec: AvalonSpec
    state: AvalonState
    now: float
    quirks: frozenset[str]
    power_info: str  # the PS[…] the firmware would report now


def run(ctx: Context, option: str, setting: str | None) -> Outcome:
    name = option.strip().lower()
    if name not in ctx.spec.has:
        return Outcome(FAILED, captures.UNKNOWN_OPTION.format(option=option))
    handler = _HANDLERS.get(name)
    if name != "help" and handler is not None and not setting and name not in _OPTIONAL:
        return Outcome(FAILED, captures.MISSING_SETTING.format(option=name))
    if handler is None:
        return Outcome(OK)  # listed options the simulator does not model are accepted
    return handler(ctx, setting or "")


def _help(ctx: Context, _: str) -> Outcome:
    return Outcome(INFO, "".join(f"{name}|" for name in ctx.spec.ascset_help))


def _fan(ctx: Context, setting: str) -> Outcome:
    value = _int(setting)
    if value is None:
        return Outcome(FAILED, "No value passed to avalon-fan")
    if value != -1 and not 15 <= value <= 100:
        return Outcome(FAILED, captures.FAN_INVALID)
    ctx.state.fan_manual = None if value == -1 else value
    return Outcome(OK)


def _workmode(ctx: Context, setting: str) -> Outcome:
    if ctx.spec.setpool_by_ascset:  # A10 manual: workmode,<mode> (255 queries); after reboot
        mode = _int(setting)
        if mode is None or (mode != 255 and not 0 <= mode < len(ctx.spec.modes)):
            return Outcome(FAILED, captures.WORKMODE_BAD)
        if mode != 255:
            ctx.state.work_mode = mode
        return Outcome(INFO, f"WORKMODE[{ctx.state.work_mode}]")
    command, _, value = setting.partition(",")
    if command == "get" and not value:
        return Outcome(INFO, f"workmode {ctx.state.work_mode}")
    mode = _int(value)
    if command != "set" or mode is None:
        return Outcome(FAILED, captures.WORKMODE_BAD)
    if not 0 <= mode < len(ctx.spec.modes):
        return Outcome(FAILED, captures.WORKMODE_TOO_HIGH.format(max=len(ctx.spec.modes) - 1))
    if mode != ctx.state.work_mode:
        # A mode starts with its own target temperature (LW10583: "Target temperature resets
        # to default when miner restarts or work mode changes").
        ctx.state.work_mode = mode
        ctx.state.target_temp = ctx.spec.modes[mode].target_temp
    return Outcome(OK)


def _worklevel(ctx: Context, setting: str) -> Outcome:
    command, _, value = setting.partition(",")
    if command == "get" and not value:
        return Outcome(INFO, f"worklevel {ctx.state.work_level}")
    level = _int(value)
    if command != "set" or level is None or level not in ctx.spec.levels:
        return Outcome(FAILED, captures.WORKLEVEL_BAD)
    ctx.state.work_level = level
    return Outcome(OK)


def _target_temp(ctx: Context, setting: str) -> Outcome:
    low, high = ctx.spec.target_temp_range or (0, 0)
    value = _int(setting)
    if value is None or not low <= value <= high:
        return Outcome(FAILED, captures.TARGET_TEMP_INVALID.format(low=low, high=high))
    ctx.state.target_temp = value
    return Outcome(OK)


def _led(ctx: Context, setting: str) -> Outcome:
    match setting.strip():
        case "1-1":
            ctx.state.fault_light = True
        case "1-0":
            ctx.state.fault_light = False
        case "1-255":
            return Outcome(INFO, captures.LED_STATE.format(state=int(ctx.state.fault_light)))
        case _:
            return Outcome(FAILED, captures.LED_BAD)
    return Outcome(OK)


def _ledset(ctx: Context, setting: str) -> Outcome:
    if ctx.state.led_mode != 0:
        return Outcome(INFO, captures.LED_NOT_DAY)  # NULL with a reply text: an info
    values = [_int(part) for part in setting.split("-")]
    if len(values) != 6 or None in values or not 0 <= (values[0] or 0) <= EFFECT_MAX:
        return Outcome(FAILED, captures.LED_PARAM_WRONG)
    effect, bright, temper, red, green, blue = (v or 0 for v in values)
    light = ctx.state.light
    light.effect, light.bright, light.temper = effect, bright, temper
    light.rgb = (red & 0xFF, green & 0xFF, blue & 0xFF)
    return Outcome(INFO, captures.LED_SET_OK)


def _reboot(ctx: Context, setting: str) -> Outcome:
    delay = _int(setting)
    if delay is None:
        return Outcome(FAILED, "reboot value not number")
    if not 0 <= delay <= MAX_REBOOT_DELAY:
        return Outcome(FAILED, captures.REBOOT_RANGE)
    return Outcome(OK, reboot_in=float(delay))


def _filter_clean(ctx: Context, setting: str) -> Outcome:
    if _int(setting) != 1:
        return Outcome(FAILED, captures.FILTER_BAD)
    ctx.state.filter_minutes = 0
    return Outcome(OK)


def _soft(option: str) -> Callable[[Context, str], Outcome]:
    def handler(ctx: Context, setting: str) -> Outcome:
        flag, colon, stamp = setting.partition(":")
        when = _int(stamp)
        if flag != "1" or not colon or when is None:
            return Outcome(FAILED, captures.SOFT_BAD.format(option=option))
        if option == "softoff":
            ctx.state.soft_off_at, ctx.state.soft_on_at = float(when), None
        else:
            ctx.state.soft_on_at, ctx.state.soft_off_at = float(when), None
        ctx.state.settle(ctx.now)
        if option == "softon" and "softon-silent-close" in ctx.quirks:
            return Outcome(OK, close=True)
        template = captures.SOFTOFF_OK if option == "softoff" else captures.SOFTON_OK
        return Outcome(INFO, template.format(ts=when))

    return handler


def _ascset_setpool(ctx: Context, setting: str) -> Outcome:
    """A10 manual: ``ascset|0,setpool,<user>,<pass>,<url>,<worker>,<workerpass>``."""
    parts = setting.split(",")
    if len(parts) < 4:
        return Outcome(FAILED, captures.POOL_ARGS_ERR.format(n=len(parts)))
    user, password, url, worker = parts[:4]
    pool_pass = parts[4] if len(parts) > 4 else ""
    if user != ctx.state.web_user:
        return Outcome(FAILED, captures.POOL_USER_ERR)
    if password != ctx.state.web_password:
        return Outcome(FAILED, captures.POOL_PASS_ERR)
    ctx.state.pending_pools[0] = PoolSlot(url, worker, pool_pass)
    text = captures.A10_POOL_SET_OK.format(url=url, user=worker, password=pool_pass)
    return Outcome(INFO, text)


def _hashpower(ctx: Context, setting: str) -> Outcome:
    """A10 manual: ``hashpower,0`` powers the boards off until a reboot; bare queries PS."""
    if not setting:
        return Outcome(INFO, f"PS[{ctx.power_info}]")
    ctx.state.soft_off = True
    return Outcome(INFO, "Power off hash now ...")


def _voltage(ctx: Context, setting: str) -> Outcome:
    return Outcome(INFO, f"PS[{ctx.power_info}]") if not setting else Outcome(OK)


def _int(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None


_OPTIONAL = frozenset({"help", "hashpower", "voltage", "loop"})
_HANDLERS: dict[str, Callable[[Context, str], Outcome]] = {
    "help": _help,
    "fan-spd": _fan,
    "workmode": _workmode,
    "worklevel": _worklevel,
    "target-temp": _target_temp,
    "led": _led,
    "ledset": _ledset,
    "reboot": _reboot,
    "filter-clean": _filter_clean,
    "softoff": _soft("softoff"),
    "softon": _soft("softon"),
    "setpool": _ascset_setpool,
    "hashpower": _hashpower,
    "voltage": _voltage,
}
