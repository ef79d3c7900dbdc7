"""No Auradine web password, login token or pool password shows in what the driver logs
(any logger, DEBUG), raises (str, repr, arguments, traceback, the whole cause chain),
returns from a poll or shows in a repr: a good login, a token renewed, a wrong password,
the token answer damaged, pools written (with the answers damaged, refused as a wrong login,
or a URL refused that carries a login); nor in Home Assistant's diagnostics and states of
an added AT1500. Simulated
miners on 127.0.109.110-129 (driver) and 127.0.110.130 (Home Assistant)."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.asic_miner.const import DOMAIN
from custom_components.asic_miner.driver import (
    AsicMinerError,
    MinerConfig,
    NumberKey,
    PoolConfig,
)
from tests.integration.conftest import SimFactory
from tests.simulator.auradine.miner import AuradineSim
from tests.simulator.auradine.state import AuradineState
from tests.simulator.auradine.testing import AT1500, addresses, auradine_fixture, connect
from tests.simulator.faults import Fault

from .leaks import (
    POOL_PASSWORD,
    URL_PASSWORD,
    WRONG_PASSWORD,
    Secrets,
    as_text,
    assert_kept,
    exception_texts,
    faulted_texts,
    login_secrets,
    poll_texts,
    record_issued,
    refusal_texts,
)

start_auradine = auradine_fixture(addresses(109, 110, 129))
WEB_PASSWORD = "AuraWebPw5Kt"
HA_HOST = "127.0.110.130"


@pytest.fixture
def secrets(monkeypatch: pytest.MonkeyPatch) -> Secrets:
    """The passwords, and every token a simulated Auradine gives from now on."""
    found = login_secrets("web password", WEB_PASSWORD)
    found.add("pool password in a URL", URL_PASSWORD)
    record_issued(AuradineState, "issue_token", "login token", found, monkeypatch)
    return found


def _check(secrets: Secrets, texts: list[str], caplog: pytest.LogCaptureFixture) -> None:
    assert "login token" in secrets.names(), "no token was given"
    assert_kept(secrets, texts, caplog)


async def test_polls_controls_and_a_renewed_token_keep_every_secret(
    start_auradine: Any, secrets: Secrets, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim: AuradineSim = await start_auradine(AT1500, password=WEB_PASSWORD)
    texts: list[str] = []
    async with await connect(sim, password=WEB_PASSWORD) as miner:
        texts += await poll_texts(miner)
        await miner.set_number(NumberKey.POWER_TARGET, 2500)
        await miner.stop_mining()
        sim.state.expire_tokens()
        await miner.fault_light_on()  # refused, renewed, sent again
        texts.append(as_text(await miner.get_data()))
    assert sim.state.tokens_issued == 2
    assert all(WEB_PASSWORD not in repr(heard) for heard in sim.state.received)  # sim's own log
    _check(secrets, texts, caplog)


POOL = PoolConfig("stratum+tcp://pool.example.org:3333", "me.rig", POOL_PASSWORD)


async def test_a_wrong_password_error_names_no_password(
    start_auradine: Any, secrets: Secrets, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim: AuradineSim = await start_auradine(AT1500, password=WEB_PASSWORD)
    async with await connect(sim, password=WEB_PASSWORD) as miner:
        await miner.get_data()
    async with await connect(sim, password=WRONG_PASSWORD) as miner:
        pools = MinerConfig(pools=[POOL])
        texts = [*await refusal_texts(miner.get_data, lambda: miner.send_config(pools))]
        texts.append(repr(miner))
    assert sim.state.pool_passwords == ["x", "x"]  # no pool was written
    _check(secrets, texts, caplog)


async def test_pools_written_keep_the_pool_password(
    start_auradine: Any, secrets: Secrets, caplog: pytest.LogCaptureFixture
) -> None:
    """Written (also with the answers garbled, cut short or dropped) and read back: GCMiner
    lists no pool password, and none shows anywhere on our side."""
    caplog.set_level(logging.DEBUG)
    sim: AuradineSim = await start_auradine(AT1500, password=WEB_PASSWORD)
    async with await connect(sim, password=WEB_PASSWORD) as miner:
        await miner.send_config(MinerConfig(pools=[POOL]))
        assert sim.state.pool_passwords == [POOL_PASSWORD]  # it was sent
        texts = [repr(await miner.get_config()), *await poll_texts(miner)]
        texts += await faulted_texts(sim, lambda: miner.send_config(MinerConfig(pools=[POOL])))
        texts += await faulted_texts(sim, miner.get_config, protocol=None)
        in_url = PoolConfig(f"stratum+tcp://me:{URL_PASSWORD}@pool.example.org", "me", "x")
        with pytest.raises(ValueError, match="port") as caught:
            await miner.send_config(MinerConfig(pools=[in_url]))
        texts += exception_texts(caught.value)
    assert all(POOL_PASSWORD not in repr(heard) for heard in sim.state.received)  # sim's log
    _check(secrets, texts, caplog)


@pytest.mark.parametrize("fault", [Fault.TRUNCATED, Fault.GARBAGE, Fault.DROP])
async def test_a_damaged_token_answer_leaks_no_token(
    start_auradine: Any, secrets: Secrets, caplog: pytest.LogCaptureFixture, fault: Fault
) -> None:
    """The token answer cut short, garbled or dropped: the parser would quote it."""
    caplog.set_level(logging.DEBUG)
    sim: AuradineSim = await start_auradine(AT1500, password=WEB_PASSWORD)
    texts: list[str] = []
    async with await connect(sim, password=WEB_PASSWORD) as miner:
        await miner.get_data()
        sim.state.expire_tokens()
        sim.set_fault(fault, protocol="http")
        with pytest.raises(AsicMinerError) as caught:
            await miner.fault_light_on()
        texts += exception_texts(caught.value)
    _check(secrets, texts, caplog)


async def test_no_secret_in_home_assistant_diagnostics_or_states(
    hass: HomeAssistant,
    *,
    hass_client: ClientSessionGenerator,
    start_sim: SimFactory,
    secrets: Secrets,
    caplog: pytest.LogCaptureFixture,
    enable_custom_integrations: None,
) -> None:
    caplog.set_level(logging.DEBUG)
    sim: Any = await start_sim(AT1500, HA_HOST, password=WEB_PASSWORD)
    entry = MockConfigEntry(
        domain=DOMAIN,
        data={CONF_HOST: HA_HOST, CONF_USERNAME: "admin", CONF_PASSWORD: WEB_PASSWORD},
        unique_id=sim.mac.lower(),
        title="Auradine AT1500",
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    states = [state.as_dict() for state in hass.states.async_all()]
    assert states, "nothing was set up"
    _check(secrets, [as_text(diagnostics), repr(diagnostics), repr(states)], caplog)
