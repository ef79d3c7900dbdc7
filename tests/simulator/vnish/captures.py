"""Replies captured from VNish (AnthillOS) miners, and where each comes from.

The public sources are files found in the code corpus of public repositories (the
repository is not named there; each is named by what it is and a line of it):

- RC3: an S19j Pro on "Vnish 1.2.0-rc3", mining, ``GET /api/v1/summary`` (the test string
  of a Rust VNish client's serde tests, ``fn test_de`` of its summary module: "miner_type":
  "Antminer S19j Pro (Vnish 1.2.0-rc3)"). Chains with pcb/chip temperature sensors, user
  pools and the DevFee pool, four fans, "system" with network_status.
- BETA10: an S19 on "Vnish 1.2.0-beta10", mining, ``GET /api/v1/summary`` (the same kind of
  test in a second Rust client: "power_usage": 3733.0 is watts on that build).
- RC5: an S19j Pro on "Vnish 1.2.0-rc5", initializing (a comment in a Java client's
  MinerSummaryRequest record): chip_statuses red 126 while the chains start.
- DOC126: an S19 on 1.2.6 (the public "VNish API Documentation", "Complete API reference for
  VNish firmware (Antminer S19)"): /unlock, /info, /model, /status, /summary (failure
  1002), /perf-summary, /autotune/presets, /find-miner (toggle), the mining/* answers, and
  GET /settings without a token answering nothing.
- HYDRO128: an S21+ Hydro on "Vnish 1.2.8" (the test of a Home Assistant integration's
  vnish_telemetry module): summary chain with inlet/outlet water temperatures, one fan at
  0 rpm in immersion mode, /info miner "Antminer S21+ Hydro", perf-summary "6619 watt ~
  422 TH".
- SCHEMA: the OpenAPI document the firmware serves at /docs/api-doc.json, v1.2.6, 1.2.7 and
  1.3.4 (256foundation/asic-rs meta/vnish/<version>/api-doc.json), for what no capture
  shows: miner_status.throttled and POST /mining/throttle (1.3.4 only), SaveConfigResult,
  RebootAfter, AuthCheck (403 of /unlock), GET /settings (ViewConfig), the security of
  each path (summary, info, status, perf-summary and find-miner open; the rest bearerAuth).

The simulator copies these shapes and scales their figures with its own state; keys not
captured for a model are named where they are made (replies.py).
"""

from __future__ import annotations

from typing import Any, Final

# RC3: one chain of the S19j Pro capture (the three differ only in their readings).
RC3_CHAIN: Final[dict[str, Any]] = {
    "id": 1,
    "frequency": 400.0,
    "voltage": 13600,
    "power_consumption": 878,
    "hashrate_ideal": 25905.6,
    "hashrate_rt": 25275.506,
    "hashrate_percentage": 98.88,
    "hr_error": 0.0,
    "hw_errors": 0,
    "pcb_temp_sens": [
        {"status": "measure", "temp": 37},
        {"status": "measure", "temp": 36},
        {"status": "measure", "temp": 48},
        {"status": "measure", "temp": 50},
    ],
    "chip_temp_sens": [
        {"status": "measure", "temp": 52},
        {"status": "measure", "temp": 51},
        {"status": "measure", "temp": 63},
        {"status": "measure", "temp": 65},
    ],
    "pcb_temp": {"min": 36, "max": 50},
    "chip_temp": {"min": 51, "max": 65},
    "chip_statuses": {"red": 0, "orange": 0, "grey": 126},
    "status": {"state": "mining"},
}
# The three chains' rates against their ideal (25275.506, 26131.725, 26419.26 of 25905.6).
RC3_CHAIN_FACTORS: Final = (0.9888, 1.0037, 1.0132)
RC3_POOL: Final[dict[str, Any]] = {
    "id": 0,
    "url": "btc.foundryusapool.com:3333",
    "pool_type": "UserPool",
    "user": "pcs19jpro.19.36x55",
    "status": "active",
    "asic_boost": True,
    "diff": "131K",
    "accepted": 258,
    "rejected": 0,
    "stale": 0,
    "ls_diff": 131072.0,
    "ls_time": "0:00:11",
    "diffa": 23461888.0,
    "ping": 19,
}
RC3_DEVFEE_POOL: Final[dict[str, Any]] = {
    "id": 3,
    "url": "DevFee",
    "pool_type": "DevFee",
    "user": "DevFee",
    "status": "offline",
    "asic_boost": False,
    "diff": "2.05K",
    "accepted": 215,
    "rejected": 0,
    "stale": 0,
    "ls_diff": 2048.0,
    "ls_time": "0:00:39",
    "diffa": 440320.0,
    "ping": 0,
}
RC3_FAN_RPM: Final = (5820, 5880, 5850, 5790)
RC3_MINER: Final[dict[str, Any]] = {
    "hardware_version": "uart_trans.1.3",
    "cgminer_version": "4.11.1",
    "compile_time": "Sat Jul 22 16:41:12 UTC 2023",
    "hw_errors_percent": 0.0,
    "hr_error": 0.0,
    "hw_errors": 0,
    "devfee_percent": 1.842,
    "found_blocks": 0,
    "best_share": 198441277,
}

# HYDRO128: the S21+ Hydro chain (its ideal 140915.05 GH/s of 422 TH/s over three chains).
HYDRO128_CHAIN: Final[dict[str, Any]] = {
    "id": 1,
    "frequency": 727.12,
    "voltage": 21585,
    "power_consumption": 2033,
    "hashrate_ideal": 140915.05,
    "hashrate_rt": 138615.55,
    "hashrate_percentage": 99.2,
    "hr_error": 0.0,
    "hw_errors": 67,
    "pcb_temp": {"min": 29, "max": 49},
    "chip_temp": {"min": 29, "max": 49},
    "chip_statuses": {"red": 0, "orange": 1, "grey": 94},
    "inlet_water_temp": 29,
    "outlet_water_temp": 39,
}
HYDRO128_COOLING: Final[dict[str, Any]] = {
    "fan_num": 1,
    "fans": [{"id": 0, "rpm": 0, "status": "ok", "max_rpm": 6500}],
    "settings": {"mode": {"name": "immersion"}},
    "fan_duty": 100,
}
HYDRO128_PRESET: Final[dict[str, Any]] = {"name": "6619", "pretty": "6619 watt ~ 422 TH"}

# DOC126: the S19's preset list (fresh install: all untuned; "disabled" has tune_settings).
DOC126_PRESETS: Final[tuple[tuple[str, str], ...]] = (
    ("1100", "1100 watt ~ 53 TH"),
    ("1300", "1300 watt ~ 58 TH"),
    ("1500", "1500 watt ~ 63 TH"),
    ("1700", "1700 watt ~ 68 TH"),
    ("1900", "1900 watt ~ 73 TH"),
    ("2100", "2100 watt ~ 78 TH"),
    ("2350", "2350 watt ~ 85 TH"),
    ("2620", "2620 watt ~ 91 TH"),
    ("2950", "2950 watt ~ 99 TH"),
    ("3200", "3200 watt ~ 102 TH"),
    ("3350", "3350 watt ~ 105 TH"),
    ("3750", "3750 watt ~ 110 TH"),
    ("4000", "4000 watt ~ 115 TH"),
    ("4260", "4260 watt ~ 120 TH"),
    ("4690", "4690 watt ~ 124 TH"),
)
DOC126_DISABLED: Final[dict[str, Any]] = {
    "name": "disabled",
    "pretty": "Disabled",
    "status": "untuned",
    "modded_psu_required": False,
}
DOC126_PRESET_SWITCHER: Final[dict[str, Any]] = {
    "enabled": False,
    "top_preset": None,
    "decrease_temp": 75,
    "rise_temp": 55,
    "check_time": 300,
    "autochange_top_preset": False,
    "ignore_fan_speed": False,
    "min_preset": None,
    "power_delta": 0,
}
DOC126_SYSTEM: Final[dict[str, Any]] = {
    "os": "GNU/Linux",
    "file_system_version": "",
    "mem_total": 233712,
    "mem_free": 173956,
    "mem_free_percent": 74,
    "mem_buf": 31928,
    "mem_buf_percent": 13,
}
DOC126_BUILD: Final[dict[str, Any]] = {
    "fw_name": "Vnish",
    "build_uuid": "5b50805f-a372-4f07-bbc2-5020aa03321a",
    "build_name": "vnishnet",
    "install_type": "nand",
    "build_time": "2025-05-29 19:22:26+00:00",
    "algorithm": "sha256d",
    "hr_measure": "GH/s",
    "serial": "N/A",
}
DOC126_REBOOT_AFTER: Final = 3  # RebootAfter.after: "By default, is 3 seconds"
# The page of a VNish miner: pyasic (miners/factory.py) and asic-rs (firmwares/vnish
# firmware.rs) know it by "AnthillOS" in its text; the rest of the SPA is not captured.
INDEX_PAGE: Final = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<title>AnthillOS</title></head><body><div id="app"></div></body></html>'
)
