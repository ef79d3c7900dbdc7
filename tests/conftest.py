"""Shared test setup.

Importing ``custom_components`` first binds our package before the Home Assistant test
plugin puts its own ``custom_components`` test directory on ``sys.path``.
"""

from __future__ import annotations

import logging
from collections.abc import Generator
from unittest.mock import patch

import pytest
import pytest_socket
from homeassistant import block_async_io
from homeassistant.util import loop as loop_util

import custom_components  # noqa: F401  (bind our package first; see docstring)


@pytest.fixture(autouse=True)
def _loopback_sockets() -> None:
    """Simulated miners listen on many loopback addresses (127.0.0.0/8), never elsewhere.

    The Home Assistant test plugin allows only 127.0.0.1; widen that to the loopback
    network and nothing more.
    """
    pytest_socket.enable_socket()
    pytest_socket.socket_allow_hosts(["127.0.0.0/8"], allow_unix_socket=True)


OUR_PACKAGE = "custom_components/asic_miner"


@pytest.fixture(autouse=True)
def blocking_calls(request: pytest.FixtureRequest) -> Generator[list[logging.LogRecord]]:
    """Home Assistant's detection of blocking calls in the event loop, on for every test
    that runs Home Assistant (its bootstrap turns it on; the test plugin does not).

    As in production, ``time.sleep`` and the like raise at once; file, directory and SSL
    reads are reported too (Home Assistant skips those under tests: turned back on here).
    A call reported in our code fails the test (Home Assistant's test harness makes a few of
    its own); every report is yielded so a test can look at them.
    """
    records: list[logging.LogRecord] = []
    if "hass" not in request.fixturenames:
        yield records
        return
    handler = _RecordingHandler(records)
    loop_logger = logging.getLogger("homeassistant.util.loop")
    loop_logger.addHandler(handler)
    loop_util._PREVIOUSLY_REPORTED.clear()  # a repeated call is logged at debug level only
    with patch.object(block_async_io, "_IN_TESTS", False):
        block_async_io.enable()
    try:
        yield records
    finally:
        calls = block_async_io._BLOCKED_CALLS.calls
        for call in calls:
            setattr(call.object, call.function, call.original_func)
        calls.clear()
        loop_logger.removeHandler(handler)
    ours = [record.getMessage().split("\n")[0] for record in records if _ours(record)]
    assert not ours, f"blocking calls in the event loop: {ours}"


def _ours(record: logging.LogRecord) -> bool:
    """Made by our code: our integration's frame, or an offending line in our package (not a
    test that reads one of our files, whose path is in the call's arguments)."""
    if "integration 'asic_miner'" in record.getMessage():
        return True
    offender = record.args[2] if isinstance(record.args, tuple) and len(record.args) > 2 else ""
    return OUR_PACKAGE in str(offender)


class _RecordingHandler(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.DEBUG)
        self._records = records

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("Detected blocking call"):
            self._records.append(record)
