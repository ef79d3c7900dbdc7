"""How a miner's draw can be set: the one control the fleet budget and the heater use.

Each firmware offers its own: a power limit (Whatsminer), a power target its tuner holds
(Braiins OS; VNish picks the highest tuned preset at or below it, LuxOS the profile of most
watts at or below it), a choice whose options
run from the least power to the most (Avalon work modes or levels), or only stopping and
resuming mining (stock Antminer, ESP-Miner). ``lever_for`` finds the finest a miner has;
``apply`` sets a draw through it. No Home Assistant here: the callers wrap ``apply`` in the
integration's action error handling.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..const import DEFAULT_MAX_POWER_LIMIT, DEFAULT_MIN_POWER_LIMIT
from ..driver import Capability, Miner, MinerData, NumberKey
from ..driver.models import lookup

# Steps of 10 W over a narrow range (an air-cooled model's), of 100 W over a wide one.
WIDE_POWER_RANGE = 2000


def power_limit_range(model_name: str | None, make: str | None) -> tuple[int, int]:
    """Bounds for the power limit: the range the model's firmware takes, from the table.

    The driver refuses a limit outside the same range, so Home Assistant offers no value
    the miner would refuse. An unknown model gets a range wide enough for any.
    """
    model = lookup(model_name, make)
    if model is None:
        return DEFAULT_MIN_POWER_LIMIT, DEFAULT_MAX_POWER_LIMIT
    return model.power_min_w, model.power_max_w


def power_limit_step(low: float, high: float) -> int:
    """The step of the power limit: fine enough to matter, coarse enough to slide."""
    return 100 if high - low > WIDE_POWER_RANGE else 10


class LeverKind(StrEnum):
    POWER_LIMIT = "power_limit"  # Miner.set_power_limit (Whatsminer)
    POWER_TARGET = "power_target"  # the power_target number (Braiins OS, VNish)
    LEVELS = "levels"  # a choice with ascending_power (Avalon work mode / level)
    SWITCH = "switch"  # stop / resume only
    NONE = "none"  # nothing: the miner draws what it draws


@dataclass(frozen=True, slots=True)
class PowerLever:
    """What one miner's draw can be set to.

    Running, it draws between ``minimum_w`` and ``maximum_w``: in steps of ``step_w`` for
    a limit or target, at one of ``levels`` (option, estimated W; ascending) for a choice,
    and at ``maximum_w`` (its nominal draw) when it can only be switched. ``can_stop``:
    it can also be stopped (0 W, or what its control board draws). ``costly``: a change
    of the limit or target restarts the mining software (Whatsminer, BOSminer, VNish
    presets): minutes without hashrate, so it is made only when worth it.
    """

    kind: LeverKind
    minimum_w: float
    maximum_w: float
    step_w: float = 1.0
    levels: tuple[tuple[str, float], ...] = ()
    choice_key: str | None = None
    costly: bool = False
    can_stop: bool = False

    @property
    def adjustable(self) -> bool:
        """Its running draw can be set (not only on / off)."""
        return self.kind in (LeverKind.POWER_LIMIT, LeverKind.POWER_TARGET, LeverKind.LEVELS)

    @property
    def controllable(self) -> bool:
        return self.adjustable or self.can_stop

    def running_draws(self) -> tuple[float, ...]:
        """Every draw it can run at, lowest first (a limit or target: its bounds and steps)."""
        if self.levels:
            return tuple(watts for _, watts in self.levels)
        if self.kind in (LeverKind.POWER_LIMIT, LeverKind.POWER_TARGET):
            count = int((self.maximum_w - self.minimum_w) // self.step_w)
            draws = [self.minimum_w + i * self.step_w for i in range(count + 1)]
            if draws[-1] < self.maximum_w:
                draws.append(self.maximum_w)
            return tuple(draws)
        return (self.maximum_w,)

    def fit(self, watts: float) -> float | None:
        """The highest running draw at or below ``watts``; None when even the lowest is above."""
        if watts < self.minimum_w:
            return None
        if watts >= self.maximum_w:
            return self.maximum_w
        if not self.levels and self.kind in (LeverKind.POWER_LIMIT, LeverKind.POWER_TARGET):
            steps = (min(watts, self.maximum_w) - self.minimum_w) // self.step_w
            return min(self.minimum_w + steps * self.step_w, self.maximum_w)
        return max(draw for draw in self.running_draws() if draw <= watts)

    def level_for(self, watts: float) -> str | None:
        """The option of a LEVELS lever whose estimated draw is ``watts`` (or the nearest)."""
        if not self.levels:
            return None
        return min(self.levels, key=lambda level: abs(level[1] - watts))[0]


def _nominal_range(data: MinerData, miner: Miner) -> tuple[float, float] | None:
    model = lookup(data.model or miner.model, data.make or miner.make)
    return (model.power_min_w, model.power_max_w) if model is not None else None


def nominal_efficiency(data: MinerData, miner: Miner) -> float | None:
    """J/TH from the model table (its top draw over its nominal hashrate), for a miner
    that reports no power draw or is not hashing now."""
    model = lookup(data.model or miner.model, data.make or miner.make)
    if model is None or not model.hashrate_ths:
        return None
    return round(model.power_max_w / model.hashrate_ths, 2)


def lever_for(miner: Miner, data: MinerData) -> PowerLever:
    """The finest control of its draw this miner offers, as its last poll shows it."""
    can_stop = {Capability.STOP_MINING, Capability.RESUME_MINING} <= miner.capabilities
    if Capability.POWER_LIMIT in miner.capabilities:
        low, high = power_limit_range(data.model or miner.model, data.make or miner.make)
        return PowerLever(
            LeverKind.POWER_LIMIT,
            low,
            high,
            power_limit_step(low, high),
            costly=True,  # Whatsminer restarts its mining software to apply a limit
            can_stop=can_stop,
        )
    target = data.settings.numbers.get(NumberKey.POWER_TARGET)
    if target is not None:
        # Braiins OS takes targets far above what the boards draw at stock (an S21 Pro's
        # reaches 6.4 kW): the budget is spent up to the model's rated draw, no further.
        nominal = _nominal_range(data, miner)
        top = (
            target.maximum
            if nominal is None
            else max(target.minimum, min(target.maximum, nominal[1]))
        )
        return PowerLever(
            LeverKind.POWER_TARGET,
            target.steps[0] if target.steps else target.minimum,
            target.steps[-1] if target.steps else top,
            max(target.step, power_limit_step(target.minimum, target.maximum)),
            # VNish takes the highest tuned preset at or below a target: those are its draws.
            levels=tuple((f"{watts:g} W", watts) for watts in target.steps),
            costly=target.restarts_mining,
            can_stop=can_stop,
        )
    nominal = _nominal_range(data, miner)
    for key, choice in data.settings.choices.items():
        if not choice.ascending_power or len(choice.options) < 2:
            continue
        # The firmware names its levels but not their draw: spread them over the model's
        # range (its table row), lowest option at the bottom.
        bottom, top = nominal or (data.wattage or 0.0, data.wattage or 0.0)
        span = (top - bottom) / (len(choice.options) - 1)
        levels = tuple(
            (option, round(bottom + i * span, 1)) for i, option in enumerate(choice.options)
        )
        return PowerLever(
            LeverKind.LEVELS,
            levels[0][1],
            levels[-1][1],
            levels=levels,
            choice_key=key,
            costly=choice.restarts_mining,
            can_stop=can_stop,
        )
    draw = data.wattage if data.wattage and data.is_mining else None
    on_draw = draw or (nominal[1] if nominal else 0.0)
    kind = LeverKind.SWITCH if can_stop else LeverKind.NONE
    return PowerLever(kind, on_draw, on_draw, can_stop=can_stop)


def current_draw_setting(lever: PowerLever, data: MinerData) -> float | None:
    """What the lever is set to now (the limit, the target, the level's estimate)."""
    if lever.kind is LeverKind.POWER_LIMIT:
        return data.wattage_limit
    if lever.kind is LeverKind.POWER_TARGET:
        number = data.settings.numbers.get(NumberKey.POWER_TARGET)
        return number.value if number is not None else None
    if lever.kind is LeverKind.LEVELS and lever.choice_key is not None:
        choice = data.settings.choices.get(lever.choice_key)
        current = choice.current if choice is not None else None
        return next((watts for option, watts in lever.levels if option == current), None)
    return lever.maximum_w if data.is_mining else None


async def apply(
    miner: Miner,
    lever: PowerLever,
    watts: float | None,
    *,
    mining: bool,
    current: float | None = None,
) -> None:
    """Run the miner at ``watts`` (a running draw of ``lever``), or stop it (None).

    ``mining``: whether it mines now; a stopped miner is resumed after its draw is set,
    so it starts at the new draw. ``current``: what the lever is set to now; an unchanged
    draw is not sent again (a Whatsminer would restart its mining software for nothing).
    """
    if watts is None:
        if mining:
            await miner.stop_mining()
        return
    if watts != current:
        await _set_draw(miner, lever, watts)
    if not mining and lever.can_stop:
        await miner.resume_mining()


async def _set_draw(miner: Miner, lever: PowerLever, watts: float) -> None:
    match lever.kind:
        case LeverKind.POWER_LIMIT:
            await miner.set_power_limit(int(watts))
        case LeverKind.POWER_TARGET:
            await miner.set_number(NumberKey.POWER_TARGET, watts)
        case LeverKind.LEVELS:
            option = lever.level_for(watts)
            assert lever.choice_key is not None
            assert option is not None
            await miner.set_choice(lever.choice_key, option)
        case LeverKind.SWITCH | LeverKind.NONE:
            pass
