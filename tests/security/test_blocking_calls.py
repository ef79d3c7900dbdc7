"""The blocking-call detection (tests/conftest.py) is really on while Home Assistant runs."""

from __future__ import annotations

import logging
import pathlib
import time

import pytest
from homeassistant.core import HomeAssistant

from tests.conftest import OUR_PACKAGE, _ours


async def test_sleep_in_the_event_loop_raises(hass: HomeAssistant) -> None:
    with pytest.raises(RuntimeError, match="Caught blocking call to sleep"):
        time.sleep(0)  # noqa: ASYNC251 (the point of the test)


async def test_open_in_the_event_loop_is_reported(
    hass: HomeAssistant, blocking_calls: list[logging.LogRecord]
) -> None:
    with open(__file__, encoding="utf-8") as file:  # noqa: ASYNC230 (the point of the test)
        file.readline()
    reported = [record.getMessage() for record in blocking_calls]
    assert any(
        text.startswith("Detected blocking call to open") and __file__ in text for text in reported
    )


async def test_a_blocking_call_in_our_code_fails_the_test(
    hass: HomeAssistant, blocking_calls: list[logging.LogRecord]
) -> None:
    """What the fixture fails on: a report naming our package (checked here, then cleared)."""
    code = compile("open(path).close()", f"/x/{OUR_PACKAGE}/driver/fake.py", "exec")
    exec(code, {"path": __file__})
    ours = [record for record in blocking_calls if _ours(record)]
    assert len(ours) == 1
    assert "integration 'asic_miner'" in ours[0].getMessage()
    blocking_calls.clear()


async def test_reading_our_files_from_a_test_is_not_ours(
    hass: HomeAssistant, blocking_calls: list[logging.LogRecord]
) -> None:
    """A test that reads our sources in the loop is no blocking call of ours."""
    path = pathlib.Path(__file__).parents[2] / OUR_PACKAGE / "const.py"
    path.read_text()
    assert blocking_calls
    assert not [record for record in blocking_calls if _ours(record)]


def test_without_home_assistant_nothing_is_patched() -> None:
    time.sleep(0)  # a plain test outside any event loop: allowed
