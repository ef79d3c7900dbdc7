"""Rates per algorithm: each coin's miners read in the unit their users read, efficiency per
the unit they quote it in, and rates of two algorithms never added together."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver import Algorithm, HashBoard, MinerData
from custom_components.asic_miner.driver.backends.values import to_ths
from custom_components.asic_miner.driver.models import lookup


@pytest.mark.parametrize(
    ("algorithm", "unit", "efficiency", "small"),
    [
        (Algorithm.SHA256, "TH/s", "TH/s", "GH/s"),
        (Algorithm.SCRYPT, "GH/s", "MH/s", "MH/s"),
        (Algorithm.KHEAVYHASH, "TH/s", "GH/s", "GH/s"),
        (Algorithm.X11, "GH/s", "GH/s", "MH/s"),
        (Algorithm.EQUIHASH, "kSol/s", "kSol/s", "Sol/s"),
        (Algorithm.ETHASH, "MH/s", "MH/s", "kH/s"),
    ],
)
def test_each_coin_has_the_units_its_users_read(
    algorithm: Algorithm, unit: str, efficiency: str, small: str
) -> None:
    assert algorithm.unit.symbol == unit
    assert algorithm.efficiency_unit.symbol == efficiency
    assert algorithm.small_unit.symbol == small


def test_a_scrypt_rate_is_shown_in_gigahash() -> None:
    # An Antminer L7: 9.5 GH/s of Scrypt is 0.0095 of the driver's 10^12 per second.
    assert Algorithm.SCRYPT.unit.to_unit(0.0095) == pytest.approx(9.5)
    assert Algorithm.SCRYPT.unit.from_unit(9.5) == pytest.approx(0.0095)
    # 3425 W at 9.5 GH/s: 0.36 J/MH, as Bitmain rates it.
    l7 = MinerData(host="l7", algorithm=Algorithm.SCRYPT, hashrate=0.0095, wattage=3425)
    assert l7.efficiency is not None
    assert l7.efficiency / Algorithm.SCRYPT.efficiency_unit.per_tera == pytest.approx(0.36, 0.01)


def test_an_equihash_rate_counts_solutions() -> None:
    assert Algorithm.EQUIHASH.work == "Sol"
    assert Algorithm.EQUIHASH.unit.to_unit(840e-9) == pytest.approx(840)  # a Z15 Pro


def test_miners_of_one_algorithm_add_up() -> None:
    a = MinerData(host="a", algorithm=Algorithm.SCRYPT, hashrate=0.009, wattage=3000)
    b = MinerData(host="b", algorithm=Algorithm.SCRYPT, hashrate=0.016, wattage=3400)
    total = a + b
    assert total.algorithm is Algorithm.SCRYPT
    assert total.hashrate == pytest.approx(0.025)
    assert total.wattage == 6400


def test_rates_of_two_algorithms_are_never_added() -> None:
    bitcoin = MinerData(
        host="s19",
        hashrate=95.0,
        expected_hashrate=95.0,
        wattage=3250,
        hashrate_averages={"1m": 94.0},
        hashboards=[HashBoard(0, hashrate=31.0, temp=60.0)],
    )
    litecoin = MinerData(
        host="l7",
        algorithm=Algorithm.SCRYPT,
        hashrate=0.0095,
        expected_hashrate=0.0095,
        wattage=3425,
        hashrate_averages={"1m": 0.0094},
        hashboards=[HashBoard(0, hashrate=0.003, temp=70.0)],
    )
    fleet = sum([bitcoin, litecoin])
    assert isinstance(fleet, MinerData)
    assert fleet.algorithm is None
    assert fleet.hashrate is None
    assert fleet.expected_hashrate is None
    assert fleet.hashrate_averages == {}
    assert fleet.efficiency is None
    assert fleet.wattage == 6675  # power adds up whatever is mined
    assert fleet.temperature_max == 70.0


def test_a_model_without_an_algorithm_is_sha256() -> None:
    s19 = lookup("Antminer S19 Pro")
    assert s19 is not None
    assert s19.algorithm is Algorithm.SHA256
    assert MinerData(host="x").algorithm is Algorithm.SHA256


def test_tiny_rates_keep_their_digits() -> None:
    assert to_ths(1072.07, "GH") == 1.07207  # a BitAxe, without float noise
    # A Z15 Pro's 840 kSol/s and a Mini Doge's 185.3 MH/s: shown as reported.
    assert Algorithm.EQUIHASH.unit.to_unit(to_ths(840, "K") or 0) == pytest.approx(840)
    assert Algorithm.SCRYPT.small_unit.to_unit(to_ths(185.3, "M") or 0) == pytest.approx(185.3)
