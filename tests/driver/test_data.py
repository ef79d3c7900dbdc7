"""MinerData arithmetic and computed values, as a fleet dashboard would use them."""

from __future__ import annotations

import json

from custom_components.asic_miner.driver import Fan, HashBoard, MinerData, MinerError, Pool


def _miner(host: str, hashrate: float, wattage: float | None, temps: list[float]) -> MinerData:
    return MinerData(
        host=host,
        make="Antminer",
        model="S19 Pro",
        mac=f"AA:BB:CC:00:00:{host[-2:]}",
        hashrate=hashrate,
        expected_hashrate=110.0,
        wattage=wattage,
        uptime=3600,
        hashboards=[
            HashBoard(slot=i, hashrate=hashrate / len(temps), temp=t, chip_temp=t + 15, chips=114)
            for i, t in enumerate(temps)
        ],
        fans=[Fan(speed=5000)],
        pools=[Pool(index=0, url="stratum+tcp://pool:3333", user="me.1", active=True, alive=True)],
        is_mining=True,
        fault_light=False,
    )


def test_fleet_average_with_sum_and_len() -> None:
    fleet = [
        _miner("10.0.0.10", 100.0, 3000.0, [60.0, 62.0, 64.0]),
        _miner("10.0.0.11", 110.0, 3300.0, [70.0, 72.0, 74.0]),
    ]
    total = sum(fleet)
    assert isinstance(total, MinerData)
    assert total.hashrate == 210.0
    assert total.wattage == 6300.0
    assert len(total.hashboards) == 6
    assert len(total.pools) == 2
    assert total.model == "S19 Pro"  # all agree
    assert total.mac is None  # they differ

    mean = sum(fleet) / len(fleet)
    assert mean.hashrate == 105.0
    assert mean.wattage == 3150.0
    assert mean.uptime == 3600
    assert mean.temperature_avg == 67.0  # over all six boards
    assert mean.temperature_max == 89.0  # hottest chip in the fleet
    assert mean.efficiency == 30.0


def test_missing_values_do_not_count_as_zero() -> None:
    with_power = _miner("10.0.0.10", 100.0, 3000.0, [60.0])
    without_power = _miner("10.0.0.11", 100.0, None, [60.0])
    assert (with_power + without_power).wattage == 3000.0
    assert (without_power + without_power).wattage is None
    assert without_power.efficiency is None


def test_fleet_state_flags() -> None:
    mining = _miner("10.0.0.10", 100.0, None, [60.0])
    sleeping = _miner("10.0.0.11", 0.0, None, [40.0])
    sleeping.is_mining = False
    sleeping.fault_light = True
    fleet = mining + sleeping
    assert fleet.is_mining is False
    assert fleet.fault_light is True


def test_missing_board_is_left_out_of_temperatures() -> None:
    data = _miner("10.0.0.10", 100.0, None, [60.0, 70.0])
    data.hashboards.append(HashBoard(slot=2, temp=0.0, missing=True))
    assert data.temperature_avg == 65.0
    assert data.expected_chips is None
    assert data.total_chips == 228


def test_as_dict_is_json_and_holds_computed_values() -> None:
    data = _miner("10.0.0.10", 99.5, 3250.0, [60.0, 61.0, 62.0])
    data.errors.append(MinerError(code="R:1", message="fan lost"))
    result = json.loads(json.dumps(data.as_dict()))
    assert result["hashrate"] == 99.5
    assert result["efficiency"] == 32.66
    assert result["temperature_avg"] == 61.0
    assert result["percent_expected_hashrate"] == 90.5
    assert result["hashboards"][0]["chips"] == 114
    assert result["errors"] == [{"code": "R:1", "message": "fan lost"}]
