"""Shared test setup.

Importing ``custom_components`` first binds our package before the Home Assistant test
plugin puts its own ``custom_components`` test directory on ``sys.path``.
"""

from __future__ import annotations

import pytest
import pytest_socket

import custom_components  # noqa: F401  (bind our package first; see docstring)


@pytest.fixture(autouse=True)
def _loopback_sockets() -> None:
    """Simulated miners listen on many loopback addresses (127.0.0.0/8), never elsewhere.

    The Home Assistant test plugin allows only 127.0.0.1; widen that to the loopback
    network and nothing more.
    """
    pytest_socket.enable_socket()
    pytest_socket.socket_allow_hosts(["127.0.0.0/8"], allow_unix_socket=True)
