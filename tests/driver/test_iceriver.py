"""IceRiver's firmware read and switched over real sockets against the simulated KS3M
(its captured panel reply): found as IceRiver by the page title, every figure a user sees
in kHeavyHash's units, the login and its renewal, the locate light at the simulated miner,
and the controls the firmware is not known to offer refused (pools and reboot:
test_iceriver_controls.py). Sims on 127.0.105.10-59."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver import (
    Algorithm,
    MinerAuthenticationError,
    MinerProtocolError,
    UnsupportedOperation,
)
from custom_components.asic_miner.driver.backends.iceriver.backend import IceRiver
from custom_components.asic_miner.driver.config import (
    MinerConfig,
    MiningMode,
    MiningModeConfig,
    PoolConfig,
)
from custom_components.asic_miner.driver.models import lookup
from tests.simulator.faults import Fault
from tests.simulator.iceriver import captures
from tests.simulator.iceriver.testing import StartIceRiver, addresses, connect, iceriver_fixture

start_iceriver = iceriver_fixture(addresses(105, 10, 59))
CAPTURED = captures.USERPANEL_KS3M["data"]


async def test_found_as_iceriver_and_read_in_kheavyhash_units(
    start_iceriver: StartIceRiver,
) -> None:
    sim = await start_iceriver()
    async with await connect(sim) as miner:
        assert isinstance(miner, IceRiver)
        data = await miner.get_data()
    assert (data.make, data.model, data.firmware) == ("IceRiver", "KS3M", "IceRiver")
    assert data.algorithm is Algorithm.KHEAVYHASH
    assert data.hashrate == pytest.approx(6.226)  # "6226G": 6.226 TH/s of kHeavyHash
    assert data.expected_hashrate == 6.0
    assert data.mac == sim.mac
    assert data.hostname == CAPTURED["host"]
    assert data.fw_ver == "5977449_ks3m_miner"
    assert [b.hashrate for b in data.hashboards] == pytest.approx([2.15138, 2.11473, 1.9608])
    assert [(b.slot, b.chips, b.expected_chips, b.missing) for b in data.hashboards] == [
        (slot, 18, 18, False) for slot in range(3)
    ]
    assert [(b.temp, b.chip_temp) for b in data.hashboards] == [(26, 49), (25, 126), (26, 49)]
    assert [f.speed for f in data.fans] == [1028, 1028, 1028, 1072]
    assert data.uptime is not None
    assert data.uptime >= 9 * 3600 + 36 * 60 + 2
    assert data.is_mining is True
    assert data.fault_light is False
    assert [(p.index, p.active, p.alive, p.accepted) for p in data.pools] == [
        (0, False, False, 0),
        (1, True, True, 3058),
        (2, False, False, 0),
    ]
    assert data.pools[1].url == "stratum+tcp://asia-kas.2miners.com:2323"


async def test_a_poll_is_one_request_after_the_first_login(start_iceriver: StartIceRiver) -> None:
    sim = await start_iceriver()
    async with await connect(sim) as miner:
        await miner.get_data()
        logins = sim.state.logins  # the scan's, to read the model, and the first poll's
        sim.state.received.clear()
        await miner.get_data()
        await miner.get_data()
    assert sim.state.received == [("userpanel", "4"), ("userpanel", "4")]
    assert sim.state.logins == logins


async def test_a_lost_session_is_renewed_with_one_login(start_iceriver: StartIceRiver) -> None:
    sim = await start_iceriver()
    async with await connect(sim) as miner:
        await miner.get_data()
        logins = sim.state.logins
        sim.state.expire_sessions()
        data = await miner.get_data()
        assert sim.state.received[-3:] == [
            ("userpanel", "4"),
            ("loginpost", "6"),
            ("userpanel", "4"),
        ]
    assert data.hashrate == pytest.approx(6.226)
    assert sim.state.logins == logins + 1


async def test_a_wrong_password_is_an_authentication_error(start_iceriver: StartIceRiver) -> None:
    sim = await start_iceriver(password="changed")
    async with await connect(sim) as miner:
        with pytest.raises(MinerAuthenticationError) as caught:
            await miner.get_data()
    assert "12345678" not in str(caught.value)
    async with await connect(sim, password="changed") as miner:
        assert (await miner.get_data()).model == "KS3M"


async def test_the_locate_light_is_switched_at_the_miner(start_iceriver: StartIceRiver) -> None:
    sim = await start_iceriver()
    async with await connect(sim) as miner:
        await miner.fault_light_on()
        assert sim.state.locate is True
        assert (await miner.get_data()).fault_light is True
        await miner.fault_light_off()
        assert sim.state.locate is False
        assert (await miner.get_data()).fault_light is False


async def test_the_pools_are_read_as_configured(start_iceriver: StartIceRiver) -> None:
    sim = await start_iceriver()
    async with await connect(sim) as miner:
        config = await miner.get_config()
    assert [p.url for p in config.pools] == [p["addr"] for p in CAPTURED["pools"]]


async def test_controls_it_is_not_known_to_offer_are_refused_unsent(
    start_iceriver: StartIceRiver,
) -> None:
    """No public source shows the panel stopping the mining or taking a power limit, nor
    pools with a sleep mode: refused, nothing sent."""
    sim = await start_iceriver()
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.received.clear()
        for control in (miner.stop_mining(), miner.set_power_limit(3000)):
            with pytest.raises(UnsupportedOperation, match="IceRiver"):
                await control
        sleeping = MinerConfig(
            pools=[PoolConfig("stratum+tcp://a:1", "u")],
            mining_mode=MiningModeConfig(MiningMode.SLEEP),
        )
        with pytest.raises(UnsupportedOperation, match="mining mode sleep"):
            await miner.send_config(sleeping)
    assert sim.state.received == []
    assert sim.online


def test_the_al3_row_counts_in_blake3_and_the_ks_rows_in_kheavyhash() -> None:
    """An AL3 (Alephium) is read in Blake3, a KS model in kHeavyHash: the model table's
    row decides what MinerData.algorithm says, and so the unit a user reads."""
    assert [(name, lookup(name, "IceRiver").algorithm) for name in ("AL3", "KS3M", "KS5M")] == [
        ("AL3", Algorithm.BLAKE3),
        ("KS3M", Algorithm.KHEAVYHASH),
        ("KS5M", Algorithm.KHEAVYHASH),
    ]


async def test_a_password_changed_at_the_miner_fails_the_next_poll_precisely(
    start_iceriver: StartIceRiver,
) -> None:
    """The panel refuses the session and every login (wrong_password): the poll is an
    authentication error, not a parse error; with the fault gone the next poll reads."""
    sim = await start_iceriver()
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.set_fault(Fault.WRONG_PASSWORD, seconds=60, protocol="http")
        with pytest.raises(MinerAuthenticationError):
            await miner.get_data()
        sim.clear_faults()
        assert (await miner.get_data()).model == "KS3M"


async def test_a_garbled_panel_is_a_protocol_error_that_quotes_nothing(
    start_iceriver: StartIceRiver,
) -> None:
    """The panel's answers hold the pools' passwords: an unreadable one is named, not
    quoted."""
    sim = await start_iceriver()
    sim.state.pool_password = "PoolPw5Hx"
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.set_fault(Fault.TRUNCATED, seconds=60, protocol="http")
        with pytest.raises(MinerProtocolError, match="unreadable JSON") as caught:
            await miner.get_data()
    assert "PoolPw5Hx" not in str(caught.value)
