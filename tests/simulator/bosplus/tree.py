"""The values the simulated miner's GraphQL queries and mutations resolve to, built from
its state with each request (shapes: captures.py; types: schema.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import captures
from .gql import FieldError
from .state import PoolEntry

if TYPE_CHECKING:
    from .miner import BosPlusSim

# What anyone may read without a session (pyasic and asic-rs ask these before a login).
ANONYMOUS = (("bosminer", "info", "modelName"), ("bos", "info"), ("auth",))


def guard(authenticated: bool) -> Callable[[tuple[str, ...]], str | None]:
    def check(path: tuple[str, ...]) -> str | None:
        if authenticated:
            return None
        if any(path[: len(a)] == a or a[: len(path)] == path for a in ANONYMOUS):
            return None
        return captures.UNAUTHORIZED

    return check


def _rates(mhs: float) -> dict[str, float]:
    keys = ("mhsAv", "mhs5S", "mhs15S", "mhs30S", "mhs1M", "mhs5M", "mhs15M", "mhs30M",
            "mhs1H", "mhs24H", "mhsSinceRestart")  # fmt: skip
    return dict.fromkeys(keys, mhs)


def query(sim: BosPlusSim) -> dict[str, Any]:
    root = _query(sim)
    for path in sim.state.failing:
        _fail(root, path)
    return root


def _fail(root: dict[str, Any], path: tuple[str, ...]) -> None:
    def failing() -> None:
        raise FieldError(f"{path[-1]} is not available")

    node: Any = root
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = failing


def _query(sim: BosPlusSim) -> dict[str, Any]:
    state, spec = sim.state, sim.spec
    boards = []
    for index in range(spec.boards):
        board_temp, chip_temp = captures.BOARD_TEMPS[index % len(captures.BOARD_TEMPS)]
        share = captures.BOARD_NOMINAL_SHARE[index % len(captures.BOARD_NOMINAL_SHARE)]
        boards.append(
            {
                "name": captures.BOARD_NAMES[index % len(captures.BOARD_NAMES)],
                "nominalMhs": state.nominal_mhs * share,
                "realHashrate": _rates(state.board_real_mhs(index)),
                "hwErrorMhs15M": 0.0,
                "hwDetails": {
                    "chips": spec.chips_per_board,
                    "frequencyMhz": captures.FREQUENCY_MHZ[index % 3],
                    "voltageV": captures.VOLTAGE_V,
                },
                "temperatures": [
                    {"name": "Board", "degreesC": board_temp},
                    {"name": "Chip", "degreesC": chip_temp},
                ],
            }
        )
    work_solver = {
        "name": "root",
        "nominalMhs": state.nominal_mhs,
        "realHashrate": _rates(state.real_mhs),
        "hwErrorMhs15M": 0.0,
        "childSolvers": boards,
    }
    pool_infos = [
        {
            "url": p.url,
            "user": p.user,
            "status": "ALIVE",
            "active": p.active,
            "shares": {"acceptedSolutions": p.accepted, "rejectedSolutions": p.rejected,
                       "acceptedDifficulty": 0, "rejectedDifficulty": 0},
        }
        for p in state.pools
    ]  # fmt: skip
    fans = [
        {"name": str(i), "speed": state.fan_speed, "rpm": rpm if not state.immersion else 0}
        for i, rpm in enumerate(captures.FAN_RPMS[: spec.fans])
    ]
    low_w, high_w = spec.power_bounds_w
    low_th, high_th = spec.hashrate_bounds_ths
    return {
        "events": {"appeals": list(state.appeals)},
        "bos": {
            "hostname": state.hostname,
            "macAddress": sim.mac,
            "faultLight": state.fault_light,
            "info": {"mode": "NAND", "version": {"full": spec.version, "isPlus": True}},
            "uptime": {"since": 0, "durationS": state.uptime},
            "errors": [],
        },
        "bosminer": {
            "info": {
                "modelName": spec.model_name,
                "poolGroups": [{"name": state.group_name, "pools": pool_infos}],
                "summary": {
                    "realHashrate": _rates(state.real_mhs),
                    "poolStatus": "ALIVE",
                    "power": {"limitW": state.limit_w, "approxConsumptionW": state.power_w},
                    "tunerStatus": "STABLE" if state.mining else "DISABLED",
                },
                "workSolver": work_solver,
                "fans": fans,
            },
            "config": {
                "__typename": "BosminerConfig",
                "tempControl": {"mode": state.cooling_mode},
                "fanControl": {"speed": state.fan_speed, "immersionModeEnabled": state.immersion},
                "autotuning": {
                    "enabled": True,
                    "mode": state.mode,
                    "powerTarget": state.power_target,
                    "hashrateTarget": state.hashrate_target,
                },
                "groups": [
                    {
                        "id": "0",
                        "name": state.group_name,
                        "strategy": {"__typename": "QuotaStrategy", "quota": 1},
                        "pools": [
                            {"id": str(i), "enabled": True, "url": p.url, "user": p.user,
                             "password": p.password}
                            for i, p in enumerate(state.pools)
                        ],
                    }
                ],
            },
            "metadata": {
                "tempControl": {"modeDefault": "AUTO"},
                "autotuning": {
                    "enabled": {"default": True},
                    "modes": ["POWER_TARGET", "HASHRATE_TARGET"],
                    "modeDefault": "POWER_TARGET",
                    "powerTarget": {"default": spec.default_power_w, "min": low_w, "max": high_w,
                                    "unit": "W"},
                    "hashrateTarget": {"default": spec.nominal_ths, "min": low_th, "max": high_th,
                                       "step": 0.1, "unit": "TH/s"},
                },
            },
        },
    }  # fmt: skip


def mutation(sim: BosPlusSim, cookie: Callable[[str], None]) -> dict[str, Any]:
    state = sim.state

    def login(username: str, password: str) -> dict[str, Any]:
        if sim.refuse_logins or username != "root" or password != state.password:
            return {"__typename": "AuthError", "message": captures.LOGIN_REFUSED}
        cookie(state.new_session())
        return {"__typename": "VoidResult", "void": None}

    def bosminer_action(name: str) -> Callable[[], dict[str, Any]]:
        def act() -> dict[str, Any]:
            state.mutations.append(name)
            if name == "stop":
                state.mining = False
            elif name == "start":
                state.mining = True
            else:
                state.restarts += 1
                state.mining = True
            return {"__typename": "VoidResult", "void": None}

        return act

    def reboot() -> dict[str, Any]:
        state.mutations.append("reboot")
        sim.schedule_reboot()
        return {"__typename": "VoidResult", "void": None}

    def set_fault_light(enable: bool) -> dict[str, Any]:
        state.mutations.append(f"fault_light {enable}")
        state.fault_light = bool(enable)
        return {"enabled": state.fault_light}

    def update_autotuning(input: dict[str, Any], apply: bool) -> dict[str, Any]:
        state.mutations.append(f"autotuning {sorted(input.items())}")
        low, high = sim.spec.power_bounds_w
        power = input.get("powerTarget")
        if power is not None and not (isinstance(power, int) and low <= power <= high):
            message = captures.REFUSED_POWER.format(value=power, low=low, high=high)
            return {"__typename": "AutotuningError", "message": message}
        rate = input.get("hashrateTarget")
        low_th, high_th = sim.spec.hashrate_bounds_ths
        if rate is not None and not (isinstance(rate, int | float) and low_th <= rate <= high_th):
            return {
                "__typename": "AutotuningError",
                "message": f"hashrate target [{rate}TH/s] is not in allowed range",
            }
        mode = input.get("mode")
        if mode is not None:
            if mode not in ("POWER_TARGET", "HASHRATE_TARGET"):
                raise FieldError(f'Invalid value for argument "input.mode": {mode}')
            state.mode = mode
        if power is not None:
            state.power_target = power
        if rate is not None:
            state.hashrate_target = float(rate)
        if state.mode == "HASHRATE_TARGET" and state.hashrate_target is None:
            state.hashrate_target = sim.spec.nominal_ths
        return {"__typename": "AutotuningOut", "autotuning": {
            "enabled": True, "mode": state.mode, "powerTarget": state.power_target,
            "hashrateTarget": state.hashrate_target}}  # fmt: skip

    def update_temp_and_fans(input: dict[str, Any], apply: bool) -> dict[str, Any]:
        state.mutations.append(f"temp_and_fans {sorted(input.items())}")
        mode = input.get("mode")
        if mode is not None:
            if mode not in ("AUTO", "MANUAL", "DISABLED"):
                raise FieldError(f'Invalid value for argument "input.mode": {mode}')
            state.cooling_mode = mode
        if "immersionModeEnabled" in input:
            state.immersion = bool(input["immersionModeEnabled"])
        return {"__typename": "TempAndFansOut", "tempControl": {"mode": state.cooling_mode},
                "fanControl": {"immersionModeEnabled": state.immersion}}  # fmt: skip

    def update_groups(groups: list[dict[str, Any]]) -> dict[str, Any]:
        state.mutations.append("groups")
        if not groups or not all(g.get("pools") for g in groups):
            return {"__typename": "GroupListError", "message": "no pools"}
        first = groups[0]
        state.group_name = str(first.get("name") or state.group_name)
        state.pools = [
            PoolEntry(str(p.get("url")), str(p.get("user")), p.get("password"), active=i == 0)
            for i, p in enumerate(first.get("pools") or [])
        ]
        return {"__typename": "GroupList", "groups": []}

    return {
        "auth": {"login": login},
        "bos": {"reboot": reboot, "setFaultLight": set_fault_light},
        "bosminer": {
            "start": bosminer_action("start"),
            "stop": bosminer_action("stop"),
            "restart": bosminer_action("restart"),
            "config": {
                "updateAutotuning": update_autotuning,
                "updateTempAndFans": update_temp_and_fans,
                "updateGroups": update_groups,
            },
        },
    }
