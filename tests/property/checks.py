"""What every property asserts: only the driver's errors escape, and results are sane."""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from custom_components.asic_miner.driver.data import Fan, HashBoard, MinerData, MinerError, Pool
from custom_components.asic_miner.driver.errors import AsicMinerError

# A board's slot names its entities ("board 3"): a mutated reply must not invent board 10**18.
MAX_SLOT = 15


def result_or_driver_error[T](call: Callable[[], T]) -> T | AsicMinerError:
    """The call's result, or the AsicMinerError it raised; any other exception fails the test."""
    try:
        return call()
    except AsicMinerError as err:
        error = err
    assert str(error), "a driver error needs a message"
    return error


async def async_result_or_driver_error[T](call: Awaitable[T]) -> T | AsicMinerError:
    try:
        return await call
    except AsicMinerError as err:
        error = err
    assert str(error), "a driver error needs a message"
    return error


def finite_or_none(value: Any, *, minimum: float | None = None) -> None:
    """A number a sensor can show: None, or a finite int/float (not a bool) above minimum."""
    if value is None:
        return
    assert isinstance(value, int | float), value
    assert not isinstance(value, bool), value
    assert math.isfinite(value), value
    if minimum is not None:
        assert value >= minimum, value


def text_or_none(value: Any) -> None:
    assert value is None or (isinstance(value, str) and value == value.strip() and value), value


def check_boards(boards: Iterable[HashBoard]) -> None:
    slots = []
    for board in boards:
        assert isinstance(board, HashBoard)
        assert isinstance(board.slot, int)
        assert 0 <= board.slot <= MAX_SLOT, board.slot
        slots.append(board.slot)
        finite_or_none(board.hashrate, minimum=0)
        for temp in (board.temp, board.chip_temp, board.inlet_temp, board.outlet_temp):
            finite_or_none(temp)
        finite_or_none(board.chips, minimum=0)
        finite_or_none(board.expected_chips, minimum=0)
        text_or_none(board.serial_number)
        assert isinstance(board.missing, bool)
    assert slots == sorted(set(slots)), f"board slots repeat or are out of order: {slots}"


def check_fans(fans: Iterable[Fan]) -> None:
    for fan in fans:
        assert isinstance(fan, Fan)
        finite_or_none(fan.speed, minimum=0)
        assert fan.speed is None or isinstance(fan.speed, int)


def check_pools(pools: Iterable[Pool]) -> None:
    for pool in pools:
        assert isinstance(pool, Pool)
        assert isinstance(pool.index, int)
        assert not isinstance(pool.index, bool)
        text_or_none(pool.url)
        text_or_none(pool.user)
        assert isinstance(pool.active, bool)
        assert isinstance(pool.alive, bool)
        finite_or_none(pool.accepted, minimum=0)
        finite_or_none(pool.rejected, minimum=0)


def check_errors(errors: Iterable[MinerError]) -> None:
    for error in errors:
        assert isinstance(error, MinerError)
        assert error.code is None or isinstance(error.code, int | str)
        assert isinstance(error.message, str)


def check_miner_data(data: MinerData) -> None:
    """Every number finite, hashrates, power, fans and uptime not negative, texts stripped."""
    assert isinstance(data, MinerData)
    for name in ("make", "model", "firmware", "fw_ver", "api_ver", "hostname", "serial_number"):
        text_or_none(getattr(data, name))
    assert data.mac is None or len(data.mac) == 17
    for name in ("hashrate", "expected_hashrate", "wattage", "wattage_limit", "uptime", "fan_psu"):
        finite_or_none(getattr(data, name), minimum=0)
    finite_or_none(data.env_temp)
    check_boards(data.hashboards)
    check_fans(data.fans)
    check_pools(data.pools)
    check_errors(data.errors)
    assert data.is_mining in (None, True, False)
    assert data.fault_light in (None, True, False)
    for computed in (
        data.efficiency,
        data.temperature_avg,
        data.temperature_max,
        data.percent_expected_hashrate,
    ):
        finite_or_none(computed)
    data.as_dict()  # what diagnostics and the CLI print
