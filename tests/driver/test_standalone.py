"""The driver is a library of its own: it imports and runs where Home Assistant is absent."""

from __future__ import annotations

import subprocess
import sys

# A None entry in sys.modules makes every import of that package fail, as if not installed.
_WITHOUT_HOME_ASSISTANT = """
import sys
sys.modules["homeassistant"] = None
import custom_components.asic_miner.driver as driver
assert driver.get_miner and driver.MinerData
print(sorted(m for m, mod in sys.modules.items() if m.startswith("homeassistant") and mod))
"""


def test_driver_imports_without_home_assistant() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_HOME_ASSISTANT],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
