"""The settings vocabulary: bounds and choices refuse bad values with a clear message, and
fleet arithmetic never mixes one miner's settings or averages into another's."""

from __future__ import annotations

import json

import pytest

from custom_components.asic_miner.driver import (
    Choice,
    ChoiceKey,
    LightState,
    MinerData,
    Number,
    NumberKey,
    Settings,
    Text,
    UnsupportedOperation,
)
from custom_components.asic_miner.driver.miner import Miner


def test_a_choice_takes_only_its_options() -> None:
    choice = Choice("490", ("400", "490", "525"))
    assert choice.check(ChoiceKey.FREQUENCY, "525") == "525"
    with pytest.raises(ValueError, match=r"frequency must be one of 400, 490, 525, not '600'"):
        choice.check(ChoiceKey.FREQUENCY, "600")


def test_a_number_takes_only_its_range() -> None:
    number = Number(60, 35, 90, unit="°C")
    assert number.check(NumberKey.TARGET_TEMPERATURE, 90) == 90
    with pytest.raises(ValueError, match=r"between 35 and 90 °C, not 95"):
        number.check(NumberKey.TARGET_TEMPERATURE, 95)


@pytest.mark.parametrize("bad", ["", "x" * 33, "bit axe"])
def test_a_text_takes_only_what_the_firmware_does(bad: str) -> None:
    text = Text("bitaxe", max_length=32, pattern=r"[A-Za-z0-9-]+")
    assert text.check("hostname", "bitaxe-2") == "bitaxe-2"
    with pytest.raises(ValueError, match="hostname"):
        text.check("hostname", bad)


def _home_miner(host: str, shares: int, mode: str) -> MinerData:
    return MinerData(
        host=host,
        hashrate=1.2,
        shares_accepted=shares,
        shares_rejected=1,
        hashrate_averages={"1h": 1.1},
        settings=Settings(
            choices={ChoiceKey.WORK_MODE: Choice(mode, ("low", "mid", "high"))},
            light=LightState(on=True),
        ),
    )


def test_fleet_sums_shares_and_drops_settings_that_differ() -> None:
    a, b = _home_miner("10.0.0.2", 10, "low"), _home_miner("10.0.0.3", 5, "high")
    fleet = a + b
    assert fleet.shares_accepted == 15
    assert fleet.shares_rejected == 2
    assert fleet.settings == Settings()  # no fleet-wide work mode to show or set
    assert fleet.hashrate_averages == {"1h": 1.1}  # equal: kept
    average = sum([a, b]) / 2
    assert average.shares_accepted == 7  # counts stay whole numbers
    assert isinstance(average.shares_accepted, int)


def test_settings_are_json_in_as_dict() -> None:
    data = _home_miner("10.0.0.2", 3, "mid")
    dumped = json.loads(json.dumps(data.as_dict()))
    assert dumped["settings"]["choices"]["work_mode"]["current"] == "mid"
    assert dumped["settings"]["light"]["on"] is True


async def test_a_backend_without_settings_refuses_each_kind_clearly() -> None:
    miner = Miner("127.0.0.1")
    for attempt in (
        miner.set_choice(ChoiceKey.WORK_MODE, "low"),
        miner.set_number(NumberKey.FAN_SPEED, 50),
        miner.set_text("hostname", "x"),
        miner.press("identify"),
    ):
        with pytest.raises(UnsupportedOperation, match="does not support"):
            await attempt
