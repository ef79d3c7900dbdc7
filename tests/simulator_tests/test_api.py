"""The in-process API other tests rely on."""

from __future__ import annotations

import pytest

from tests.simulator import MODELS, QUIRKS, Fleet, SimulatedMiner

from .client import rpc

NOMINAL = {
    # model: (name, TH/s reported, nominal TH/s, boards, chips per board, fans)
    "antminer-s19pro": ("Antminer S19 Pro", 109.48666, 110.0, 3, 114, 4),
    "antminer-s19jpro": ("Antminer S19j Pro", 103.5424, 104.0, 3, 126, 4),
    "antminer-s21": ("Antminer S21", 199.18, 200.0, 3, 108, 4),
    "antminer-s9": ("Antminer S9", 13.43385, 13.5, 3, 63, 2),
}


ANTMINERS = [m for m in MODELS if m.startswith("antminer-")]


@pytest.mark.parametrize("model", ANTMINERS)
def test_nominal_figures(model: str) -> None:
    sim = SimulatedMiner(model, "127.0.2.9")
    name, rate, nominal, boards, chips, fans = NOMINAL[model]
    assert sim.model_name == name
    assert sim.hashrate_ths == pytest.approx(rate, abs=1e-9)
    assert sim.expected_hashrate_ths == nominal
    assert (sim.board_count, sim.chips_per_board, sim.fan_count) == (boards, chips, fans)
    assert len(sim.fan_speeds) == fans
    assert len(sim.mac) == 17
    assert sim.mac == sim.mac.upper()
    assert sim.state.mining is True
    assert sim.state.fault_light is False


def test_identity_is_stable_per_address() -> None:
    a = SimulatedMiner("antminer-s21", "127.0.2.9")
    b = SimulatedMiner("antminer-s21", "127.0.2.9")
    c = SimulatedMiner("antminer-s21", "127.0.2.8")
    assert (a.mac, a.serial_number) == (b.mac, b.serial_number)
    assert a.mac != c.mac
    assert a.serial_number is not None
    assert len(a.serial_number) == 17


def test_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="unknown model"):
        SimulatedMiner("antminer-s99", "127.0.2.9")
    with pytest.raises(ValueError, match="loopback"):
        SimulatedMiner("antminer-s9", "10.0.0.1")
    with pytest.raises(ValueError, match="unknown quirk"):
        SimulatedMiner("antminer-s9", "127.0.2.9", quirks=("nope",))
    with pytest.raises(ValueError, match="MODEL@ADDRESS"):
        Fleet.from_spec("antminer-s9")


def test_default_quirks_follow_the_firmware() -> None:
    assert SimulatedMiner("antminer-s9", "127.0.2.9").quirks == ("trailing-nul", "missing-comma")
    assert SimulatedMiner("antminer-s19pro", "127.0.2.9").quirks == ("trailing-nul",)
    assert SimulatedMiner("antminer-s19pro", "127.0.2.9", quirks=()).quirks == ()
    assert set(QUIRKS) >= {"trailing-nul", "missing-comma", "leading-comma"}


async def test_fleet_starts_indexes_and_stops() -> None:
    async with Fleet.from_spec("antminer-s19pro@127.0.2.240, antminer-s9@127.0.2.241") as fleet:
        assert [m.model_name for m in fleet.miners] == ["Antminer S19 Pro", "Antminer S9"]
        assert fleet["127.0.2.241"].fan_count == 2
        assert len(fleet) == 2
        for miner in fleet:
            assert (await rpc(miner.address, {"command": "version"}))["VERSION"][0]["Type"] == (
                miner.model_name
            )
    assert not any(m.online for m in fleet)


async def test_context_manager_and_restart() -> None:
    sim = SimulatedMiner("antminer-s19jpro", "127.0.2.242")
    async with sim:
        assert sim.online
    assert not sim.online
    async with sim:  # a stopped miner can start again on the same address
        assert (await rpc(sim.address, {"command": "summary"}))["SUMMARY"]
