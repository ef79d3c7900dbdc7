"""Security tests run against simulated miners on 127.0.19.x, with the integration tests'
fixtures. Tests that load the integration ask for ``enable_custom_integrations``."""

from __future__ import annotations

from tests.integration.conftest import start_sim  # noqa: F401  (a fixture, used by name)
