"""Goldshell's login: sent only where a read is refused (older firmware answers without a
token), renewed when the miner stops taking the token, a wrong password named as such.
Simulated miners on 127.0.103.70-99."""

from __future__ import annotations

import pytest

from custom_components.asic_miner.driver import MinerAuthenticationError
from tests.simulator.goldshell.testing import (
    SCLITE,
    StartGoldshell,
    addresses,
    connect,
    goldshell_fixture,
)

start_goldshell = goldshell_fixture(addresses(103, 70, 99))


async def test_older_firmware_is_read_without_a_login(start_goldshell: StartGoldshell) -> None:
    sim = await start_goldshell(SCLITE, token_required=False)
    async with await connect(sim) as miner:
        data = await miner.get_data()
    assert data.hashrate is not None
    assert data.hashrate > 4
    assert sim.state.logins == 0
    assert not any(path.startswith("/user/login") for _, path in sim.state.received)


async def test_one_login_serves_every_later_request(start_goldshell: StartGoldshell) -> None:
    sim = await start_goldshell(SCLITE)
    async with await connect(sim) as miner:
        for _ in range(3):
            await miner.get_data()
    assert sim.state.logins == 1


async def test_a_token_the_miner_stops_taking_is_renewed(start_goldshell: StartGoldshell) -> None:
    sim = await start_goldshell(SCLITE)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.token = "eyJ-a-new-one"  # a reflash or a new key: the old token refused
        data = await miner.get_data()
    assert data.hashrate is not None
    assert sim.state.logins == 2


async def test_a_changed_password_is_used(start_goldshell: StartGoldshell) -> None:
    sim = await start_goldshell(SCLITE, password="n3w-pass")
    async with await connect(sim, password="n3w-pass") as miner:
        data = await miner.get_data()
    assert data.mac is not None
    assert sim.state.logins == 1


async def test_a_wrong_password_is_an_authentication_error(
    start_goldshell: StartGoldshell,
) -> None:
    sim = await start_goldshell(SCLITE, password="n3w-pass")
    async with await connect(sim) as miner:  # found by its page and status: no login
        assert miner.model == "SC Lite"
        with pytest.raises(MinerAuthenticationError, match="rejected the username or password"):
            await miner.get_data()


async def test_a_token_check_that_races_is_retried_after_a_fresh_login(
    start_goldshell: StartGoldshell,
) -> None:
    """The firmware's token check fails now and then (its "Check Token Error"): one
    refusal costs a login and the request again, not the poll."""
    sim = await start_goldshell(SCLITE)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.token_check_errors = 1
        data = await miner.get_data()
    assert data.hashrate is not None
    assert sim.state.logins == 2


async def test_a_token_refused_again_after_a_fresh_login_fails_the_poll(
    start_goldshell: StartGoldshell,
) -> None:
    sim = await start_goldshell(SCLITE)
    async with await connect(sim) as miner:
        await miner.get_data()
        sim.state.token_check_errors = 2
        with pytest.raises(MinerAuthenticationError, match="refused the login's token"):
            await miner.get_data()
        assert (await miner.get_data()).hashrate is not None  # the next poll is fine
