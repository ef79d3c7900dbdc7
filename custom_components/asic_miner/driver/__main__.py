"""Command line: read or control one miner.

    python -m custom_components.asic_miner.driver data HOST [--json]
    python -m custom_components.asic_miner.driver control HOST ACTION [VALUE ...]
    python -m custom_components.asic_miner.driver config HOST
    python -m custom_components.asic_miner.driver scan TARGETS... [--json]

Controls: reboot, restart-backend, stop, resume, light-on, light-off, light-status,
power-limit WATTS, power-mode low|normal|high, pools URL USER [PASSWORD], check-login,
set KEY VALUE (a setting the miner reports: power_target, hashrate_target,
performance_mode, preset, throttle, cooling_mode, ...; ``data`` lists them), press KEY.
Errors print one line on stderr and exit non-zero; no tracebacks (2 usage or a refused
value, 3 no miner, 4 connection, 5 login, 6 unsupported, 7 writes refused, 1 other).
No output shows a password: pool URLs are printed without a login written into them.
Firmware controlled over SSH (Braiins OS with BOSminer) is trusted on first use for the
run: the host key the miner offers on the first login is kept until the command ends.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass, replace

from .algorithm import Algorithm
from .config import MinerConfig, PoolConfig, PowerMode
from .credentials import Credentials
from .data import MinerData
from .errors import (
    AsicMinerError,
    MinerAuthenticationError,
    MinerConnectionError,
    MinerNotFoundError,
    MinerTimeoutError,
    TokenLimitReached,
    UnsupportedOperation,
    WriteAccessDenied,
)
from .identify import find_miner
from .miner import DEFAULT_TIMEOUT, Capability, Miner
from .pool_url import url_without_credentials
from .scan import (
    DEFAULT_CONCURRENCY,
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_SCAN_TIMEOUT,
    ScanResult,
    parse_targets,
    scan,
)
from .settings import NumberKey, Settings
from .validation import check_pool

EXIT_ERROR = 1
EXIT_NO_MINER = 3
EXIT_CONNECTION = 4
EXIT_AUTH = 5
EXIT_UNSUPPORTED = 6
EXIT_WRITE_REFUSED = 7  # right password, but the miner refuses writes (write API, defaults)
EXIT_USAGE = 2

Run = Callable[[Miner, list[str]], Awaitable[str]]


@dataclass(frozen=True, slots=True)
class Action:
    """One control: how many values it takes (checked before connecting) and what it does."""

    run: Run
    values: tuple[int, ...] = (0,)  # allowed counts of values
    usage: str = "takes no value"
    validate: Callable[[list[str]], None] | None = None  # the values' form, before connecting

    def check(self, values: list[str]) -> None:
        if len(values) not in self.values:
            raise _UsageError(self.usage)
        if self.validate is not None:
            self.validate(values)


def _control(method: str, done: str) -> Action:
    async def run(miner: Miner, values: list[str]) -> str:
        control: Callable[[], Awaitable[None]] = getattr(miner, method)
        await control()
        return done

    return Action(run)


def _whole_watts(values: list[str]) -> None:
    if not values[0].isdigit():
        raise _UsageError("power-limit needs watts as a whole number, e.g. power-limit 3000")


def _a_power_mode(values: list[str]) -> None:
    if values[0].lower() not in tuple(PowerMode):
        raise _UsageError("power-mode needs low, normal or high")


async def _power_limit(miner: Miner, values: list[str]) -> str:
    """The power limit, or the power target where the firmware's tuner holds one (Braiins
    OS; VNish chooses the highest tuned preset at or below it), as Home Assistant's
    set_power_limit action does."""
    _whole_watts(values)
    if Capability.POWER_LIMIT not in miner.capabilities:
        settings = (await miner.get_data()).settings
        if NumberKey.POWER_TARGET in settings.numbers:
            await miner.set_number(NumberKey.POWER_TARGET, int(values[0]))
            return f"power target set to {values[0]} W"
    await miner.set_power_limit(int(values[0]))
    return f"power limit set to {values[0]} W"


async def _power_mode(miner: Miner, values: list[str]) -> str:
    _a_power_mode(values)
    mode = PowerMode(values[0].lower())
    await miner.set_power_mode(mode)
    return f"power mode set to {mode.value}"


async def _check_credentials(miner: Miner, values: list[str]) -> str:
    await miner.check_credentials()
    return "login accepted; the miner takes controls"


def _pool(values: list[str]) -> PoolConfig:
    return PoolConfig(values[0], values[1], values[2] if len(values) == 3 else "x")


def _a_pool(values: list[str]) -> None:
    check_pool(_pool(values))  # ValueError: an invalid value, before connecting


async def _pools(miner: Miner, values: list[str]) -> str:
    pool = _pool(values)
    await miner.update_config(lambda config: replace(config, pools=[pool]))
    return f"pool set to {url_without_credentials(pool.url)} ({pool.user})"


async def _light_status(miner: Miner, values: list[str]) -> str:
    return "fault light is " + ("on" if await miner.check_light() else "off")


def _a_number(key: str, value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise _UsageError(f"{key} needs a number, not {value!r}") from None
    if not math.isfinite(number):
        raise _UsageError(f"{key} needs a finite number, not {value!r}")
    return int(number) if number.is_integer() else number


async def _set(miner: Miner, values: list[str]) -> str:
    """A setting the poll carries, by its kind there: a number within the miner's bounds,
    one of its options, or text. A key it does not carry is unsupported."""
    key, value = values
    settings = (await miner.get_data()).settings
    number = settings.numbers.get(key)
    if number is not None:
        await miner.set_number(key, _a_number(key, value))
        return f"{key} set to {value}" + (f" {number.unit}" if number.unit else "")
    if key in settings.texts:
        await miner.set_text(key, value)
    else:
        await miner.set_choice(key, value)
    return f"{key} set to {value}"


async def _press(miner: Miner, values: list[str]) -> str:
    await miner.press(values[0])
    return f"{values[0]} pressed"


ACTIONS: dict[str, Action] = {
    "reboot": _control("reboot", "reboot requested"),
    "restart-backend": _control("restart_backend", "mining backend restart requested"),
    "stop": _control("stop_mining", "mining stopped"),
    "resume": _control("resume_mining", "mining resumed"),
    "light-on": _control("fault_light_on", "fault light on"),
    "light-off": _control("fault_light_off", "fault light off"),
    "light-status": Action(_light_status),
    "power-limit": Action(_power_limit, (1,), "power-limit needs one value in watts", _whole_watts),
    "power-mode": Action(
        _power_mode, (1,), "power-mode needs one of low, normal, high", _a_power_mode
    ),
    "check-login": Action(_check_credentials),
    "pools": Action(_pools, (2, 3), "pools needs URL USER [PASSWORD]", _a_pool),
    "set": Action(
        _set, (2,), "set needs KEY VALUE, e.g. set power_target 3000 (data lists the settings)"
    ),
    "press": Action(_press, (1,), "press needs the KEY of an action (data lists them)"),
}


class _UsageError(Exception):
    pass


SSH_TRUST = (
    "Braiins OS with BOSminer is controlled over SSH: its host key is trusted on first use "
    "for this run only (the key the miner offers on the first login is required for the "
    "rest of the command; nothing is recorded between runs)."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m custom_components.asic_miner.driver",
        description="Read or control an ASIC miner.",
        epilog=SSH_TRUST,
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("host")
    common.add_argument("--username", help="login name (default: the firmware's)")
    common.add_argument("--password", help="password (default: the firmware's)")
    common.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds")
    commands = parser.add_subparsers(dest="command", required=True)
    data = commands.add_parser("data", parents=[common], help="one poll, as text or JSON")
    data.add_argument("--json", action="store_true", help="print MinerData as JSON")
    config = commands.add_parser("config", parents=[common], help="print the configuration")
    config.add_argument("--json", action="store_true")
    control = commands.add_parser(
        "control", parents=[common], help="run a control", epilog=SSH_TRUST
    )
    control.add_argument("action", choices=sorted(ACTIONS))
    control.add_argument("value", nargs="*")
    finder = commands.add_parser(
        "scan", help="find miners: a subnet (a.b.c.0/24), a range (a.b.c.d-e) or addresses"
    )
    finder.add_argument("targets", nargs="+")
    finder.add_argument("--json", action="store_true", help="one JSON object per line")
    finder.add_argument("--username", help="login name (default: the firmware's)")
    finder.add_argument("--password", help="password (default: the firmware's)")
    finder.add_argument(
        "--timeout", type=float, default=DEFAULT_SCAN_TIMEOUT, help="seconds to identify"
    )
    finder.add_argument(
        "--connect-timeout",
        type=float,
        default=DEFAULT_CONNECT_TIMEOUT,
        help="seconds for an address to take a connection",
    )
    finder.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY)
    return parser


def scan_line(result: ScanResult, *, as_json: bool) -> str:
    """One found miner: host, make, model, firmware, MAC (text or a JSON object)."""
    miner, data = result.miner, result.data
    found = {
        "host": result.host,
        "make": (data.make if data else None) or miner.make,
        "model": (data.model if data else None) or miner.model,
        "firmware": miner.firmware,
        "firmware_version": data.fw_ver if data else None,
        "mac": result.mac,
        "hostname": data.hostname if data else None,
        "login_needed": result.auth_required,
    }
    if as_json:
        return json.dumps(found)
    note = "  (login needed: --username/--password)" if result.auth_required else ""
    return (
        f"{found['host']:<15}  {found['make']} {found['model'] or '?'}  "
        f"{found['firmware']} {found['firmware_version'] or ''}".rstrip()
        + f"  mac {found['mac'] or '?'}{note}"
    )


async def _scan(args: argparse.Namespace) -> int:
    """Print miners as they are found (stdout); the count at the end goes to stderr."""
    found = 0
    async for result in scan(
        args.targets,
        credentials=Credentials(args.username, args.password),
        concurrency=args.concurrency,
        connect_timeout=args.connect_timeout,
        timeout=args.timeout,
    ):
        found += 1
        print(scan_line(result, as_json=args.json), flush=True)
    print(f"{found} miner(s) found", file=sys.stderr)
    return found


# Digits shown of each figure: what the firmwares resolve. Antminers report GH/s with two
# decimals and whole °C, Whatsminers W and RPM as whole numbers and °C to 0.1; a mean over
# boards or a ratio of two figures (W / TH/s) resolves no finer than those.
TH_DIGITS = 2
TEMP_DIGITS = 1
WATT_DIGITS = 0
EFFICIENCY_DIGITS = 1
PERCENT_DIGITS = 1
# Settings shown as the figures they set are: (digits, trailing zeros kept).
_SETTING_DIGITS = {
    "TH/s": (TH_DIGITS, True),
    "W": (WATT_DIGITS, False),
    "°C": (TEMP_DIGITS, False),
}
_JSON_DIGITS = {
    "hashrate": TH_DIGITS,
    "expected_hashrate": TH_DIGITS,
    "wattage": WATT_DIGITS,
    "wattage_limit": WATT_DIGITS,
    "env_temp": TEMP_DIGITS,
    "efficiency": EFFICIENCY_DIGITS,
    "temperature_avg": TEMP_DIGITS,
    "temperature_max": TEMP_DIGITS,
    "percent_expected_hashrate": PERCENT_DIGITS,
    "temp": TEMP_DIGITS,
    "chip_temp": TEMP_DIGITS,
    "inlet_temp": TEMP_DIGITS,
    "outlet_temp": TEMP_DIGITS,
}


def figure(value: float | None, digits: int, unit: str = "", *, fixed: bool = False) -> str:
    """``value`` rounded to ``digits`` (trailing zeros dropped unless ``fixed``), or "—"."""
    if value is None:
        return "—"
    shown = f"{value:.{digits}f}"
    if not fixed and "." in shown:
        shown = shown.rstrip("0").rstrip(".")
    return shown + unit


def _rounded(value: float | None, digits: int) -> float | int | None:
    if value is None:
        return None
    return round(value) if digits == 0 else round(value, digits)


def summary_text(data: MinerData) -> str:
    """A readable multi-line summary of one poll, each figure as finely as it is measured."""

    def show(value: object, unit: str = "") -> str:
        return "—" if value is None else f"{value}{unit}"

    # Rates in the unit of the coin's users (Scrypt GH/s, efficiency J/MH); JSON keeps the
    # driver's 10^12 per second.
    algorithm = data.algorithm or Algorithm.SHA256
    unit, per = algorithm.unit, algorithm.efficiency_unit

    def ths(value: float | None) -> str:
        shown = None if value is None else unit.to_unit(value)
        return figure(shown, TH_DIGITS, f" {unit.symbol}", fixed=True)

    def temp(value: float | None) -> str:
        return figure(value, TEMP_DIGITS, " °C")

    efficiency = None if data.efficiency is None else data.efficiency / per.per_tera
    efficiency_digits = EFFICIENCY_DIGITS if per.per_tera == 1 else EFFICIENCY_DIGITS + 1
    coin = "" if algorithm is Algorithm.SHA256 else f", {algorithm}"
    lines = [
        f"{data.make or '?'} {data.model or '?'} ({data.firmware or '?'}{coin}) at {data.host}",
        f"  mac {show(data.mac)}  hostname {show(data.hostname)}  "
        f"serial {show(data.serial_number)}  firmware {show(data.fw_ver)}",
        f"  mining {show(data.is_mining)}  hashrate {ths(data.hashrate)} "
        f"of {ths(data.expected_hashrate)} "
        f"({figure(data.percent_expected_hashrate, PERCENT_DIGITS, '%')})",
        f"  power {figure(data.wattage, WATT_DIGITS, ' W')}  "
        f"efficiency {figure(efficiency, efficiency_digits, f' J/{per.symbol[:-2]}', fixed=True)}  "
        f"uptime {show(data.uptime, ' s')}  fault light {show(data.fault_light)}",
        f"  power limit {figure(data.wattage_limit, WATT_DIGITS, ' W')}  power mode "
        f"{show(data.power_mode.value if data.power_mode else None)}  "
        f"environment {temp(data.env_temp)}  PSU fan {show(data.fan_psu, ' RPM')}",
    ]
    for board in data.hashboards:
        state = "MISSING" if board.missing else ths(board.hashrate)
        lines.append(
            f"  board {board.slot}: {state}  board {temp(board.temp)}  "
            f"chip {temp(board.chip_temp)}  chips {show(board.chips)}/"
            f"{show(board.expected_chips)}"
        )
    if data.fans:
        lines.append("  fans " + ", ".join(f"{show(fan.speed, ' RPM')}" for fan in data.fans))
    for pool in data.pools:
        flags = ("active " if pool.active else "") + ("alive" if pool.alive else "dead")
        lines.append(
            f"  pool {pool.index}: {_shown_url(pool.url)} ({pool.user}) {flags}  "
            f"accepted {show(pool.accepted)} rejected {show(pool.rejected)}"
        )
    lines.extend(f"  error {error.code}: {error.message}" for error in data.errors)
    lines.extend(_aftermarket_lines(data))
    lines.extend(settings_lines(data.settings))
    return "\n".join(lines)


def _aftermarket_lines(data: MinerData) -> list[str]:
    """Tuner, throttle and water temperatures, where the firmware reports them."""
    shown = [
        f"{name} {value}"
        for name, value in (
            ("tuner", data.tuner_state),
            ("throttled", data.throttled),
            ("water in", figure(data.water_inlet_temp, TEMP_DIGITS, " °C")),
            ("water out", figure(data.water_outlet_temp, TEMP_DIGITS, " °C")),
        )
        if value not in (None, "—")
    ]
    return ["  " + "  ".join(shown)] if shown else []


def _setting(value: float, unit: str | None) -> str:
    digits, fixed = _SETTING_DIGITS.get(unit or "", (3, False))
    return figure(value, digits, fixed=fixed)


def settings_lines(settings: Settings) -> list[str]:
    """What ``control HOST set KEY VALUE`` can change, with the miner's bounds or options."""
    lines = []
    for key, number in settings.numbers.items():
        unit = f" {number.unit}" if number.unit else ""
        about = "".join(f", {name} {value}" for name, value in number.attributes)
        restarts = ", restarts mining" if number.restarts_mining else ""
        low, high = _setting(number.minimum, number.unit), _setting(number.maximum, number.unit)
        value = "—" if number.value is None else _setting(number.value, number.unit) + unit
        lines.append(f"  setting {key}: {value} ({low} to {high}{unit}{about}{restarts})")
    for key, choice in settings.choices.items():
        restarts = ", restarts mining" if choice.restarts_mining else ""
        lines.append(
            f"  setting {key}: {choice.current or '—'} "
            f"(one of {', '.join(choice.options)}{restarts})"
        )
    for key, text in settings.texts.items():
        lines.append(f"  setting {key}: {text.value or '—'} (text, {text.max_length} at most)")
    lines.extend(f"  action {key} (press {key})" for key in settings.actions)
    return lines


def _shown_url(url: str | None) -> str | None:
    return None if url is None else url_without_credentials(url)


def data_json(data: MinerData) -> str:
    """MinerData as JSON, pool URLs without their login, figures rounded as in the text."""
    shown = data.as_dict()
    for pool in shown["pools"]:
        pool["url"] = _shown_url(pool["url"])
    for item in (shown, *shown["hashboards"]):
        for name, digits in _JSON_DIGITS.items():
            if name in item:
                item[name] = _rounded(item[name], digits)
    return json.dumps(shown, indent=2)


def config_text(config: MinerConfig, *, as_json: bool) -> str:
    """The configuration without pool passwords, pool URLs without their login."""
    pools = [replace(pool, url=url_without_credentials(pool.url)) for pool in config.pools]
    shown = replace(config, pools=pools)
    if not as_json:
        return str(shown)  # PoolConfig leaves its password out of its repr
    fields = asdict(shown)
    for pool in fields["pools"]:
        pool.pop("password", None)
    return json.dumps(fields, indent=2, default=str)


async def _run(args: argparse.Namespace) -> str:
    credentials = Credentials(args.username, args.password)
    miner = await find_miner(args.host, credentials=credentials, timeout=args.timeout)
    async with miner:
        if args.command == "data":
            data = await miner.get_data()
            return data_json(data) if args.json else summary_text(data)
        if args.command == "config":
            return config_text(await miner.get_config(), as_json=args.json)
        return await ACTIONS[args.action].run(miner, args.value)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "scan":
            parse_targets(args.targets)  # a usage error before anything is sent
            if args.concurrency < 1:
                raise _UsageError("--concurrency must be at least 1")
            return 0 if asyncio.run(_scan(args)) else EXIT_NO_MINER
        if args.command == "control":
            ACTIONS[args.action].check(args.value)
        print(asyncio.run(_run(args)))
    except _UsageError as err:
        print(f"usage error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except ValueError as err:  # a value the control refuses (range, length) before sending
        print(f"invalid value: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except AsicMinerError as err:
        print(f"error: {_describe(err)}", file=sys.stderr)
        return _exit_code(err)
    return 0


def _describe(err: AsicMinerError) -> str:
    if isinstance(err, MinerAuthenticationError):
        return f"{err} — check --username/--password"
    if isinstance(err, MinerTimeoutError):
        return f"timed out: {err}"
    if isinstance(err, UnsupportedOperation):
        return f"not supported: {err}"
    if isinstance(err, WriteAccessDenied):
        return f"writes refused: {err}"
    if isinstance(err, TokenLimitReached):
        return f"too many API sessions: {err}"
    return " ".join(str(err).split())  # one line, whatever the firmware wrote


def _exit_code(err: AsicMinerError) -> int:
    for kind, code in (
        (MinerNotFoundError, EXIT_NO_MINER),
        (MinerConnectionError, EXIT_CONNECTION),
        (MinerAuthenticationError, EXIT_AUTH),
        (UnsupportedOperation, EXIT_UNSUPPORTED),
        (WriteAccessDenied, EXIT_WRITE_REFUSED),
    ):
        if isinstance(err, kind):
            return code
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
