"""Replies captured from an ePIC PowerPlay miner, and where each comes from.

- CAPTURE: an Antminer S19 XP on "PowerPlay-BMS v1.5.13" (umcOS), mining on two of its
  three boards (board 0 detected and disabled), fan 2 at 0 rpm: GET /summary,
  /capabilities, /network and /temps on port 4028, the test data of asic-rs
  (256foundation/asic-rs asic-rs-firmwares/epic/src/test/json/v1/*.json; the same files
  in b-rowan/asic-rs). The long "description" of each tuning algorithm is left out here
  (no client reads it).
- SCHEMA: the OpenAPI document of the firmware's API, "ePIC UMC API" 1.22.5 and 1.30.0
  (256foundation/asic-rs meta/epic/<version>/powerplay.json), for what no capture shows:
  the POST bodies ({"param", "password"}), their answer JsonResponse {"result", "error"}
  with ApiError "BadPassword" for a wrong password, the MinerState values, the "Power"
  tuning algorithm, /authenticate.
- DOCS: ePIC's own dashboard (epicblockchain/epic-dashboard docs/APIv3.md: every POST
  answers {"result": bool, "error": string or null}, 200; src/portscan.js finds miners by
  GET :4028/summary; README: the default password "letmein").
- MARKER: the dashboard page on port 80 says "Miner Web Dashboard" (what pyasic's
  miners/factory.py _parse_web_type and asic-rs's asic-rs-firmwares/epic/src/firmware.rs
  identify_web look for). The page itself is not captured: INDEX_PAGE is only a page that
  says so.
"""

from __future__ import annotations

from typing import Any, Final

# CAPTURE: GET /summary (asic-rs .../test/json/v1/summary.json)
SUMMARY: Final[dict[str, Any]] = {
    "Disable Board On Failure": True,
    "Enable Boards On Idle": False,
    "Fans": {
        "Fan Mode": {"Auto": {"Idle Speed": 20, "Target Temperature": 60}},
        "Fans Speed": 100,
        "Minimum Working Fans": 0,
    },
    "Fans Rpm": {
        "Fans Speed 1": 5971,
        "Fans Speed 10": None,
        "Fans Speed 11": None,
        "Fans Speed 12": None,
        "Fans Speed 2": 0,
        "Fans Speed 3": 5942,
        "Fans Speed 4": 5745,
        "Fans Speed 5": None,
        "Fans Speed 6": None,
        "Fans Speed 7": None,
        "Fans Speed 8": None,
        "Fans Speed 9": None,
    },
    "HBStatus": [
        {"Detected": True, "Enabled": False, "Index": 0},
        {"Detected": True, "Enabled": True, "Index": 1},
        {"Detected": True, "Enabled": True, "Index": 2},
    ],
    "HBs": [
        {
            "Core Clock": [],
            "Core Clock Avg": 487.5,
            "Hashrate": [49440724.0, 103.1, 0.8],
            "Index": 1,
            "Input Current": 0.0,
            "Input Power": 0.0,
            "Input Voltage": 12.6,
            "Output Current": 0.0,
            "Output Power": 0.0,
            "Output Voltage": 0.0,
            "Temperature": 67.0,
        },
        {
            "Core Clock": [],
            "Core Clock Avg": 487.5,
            "Hashrate": [49925124.0, 104.1, 0.8],
            "Index": 2,
            "Input Current": 0.0,
            "Input Power": 0.0,
            "Input Voltage": 12.6,
            "Output Current": 0.0,
            "Output Power": 0.0,
            "Output Voltage": 0.0,
            "Temperature": 64.312,
        },
    ],
    "Hostname": "cminer32092035",
    "HwConfig": {"Boards Target Clock": [{"Data": 485.0, "Index": 1}, {"Data": 485.0, "Index": 2}]},
    "IdleOnConnectionLost": True,
    "Last License Error": None,
    "Mining": {"Algorithm": "SHA-256", "Coin": "BTC"},
    "Misc": {"Critical Temp": 100.0, "Locate Miner State": False, "Shutdown Temp": 85.0},
    "OS Type": "umcOS",
    "Overdrive": False,
    "PerpetualTune": {
        "Algorithm": {
            "VoltageOptimizer": {
                "Min Throttle Target": 50,
                "Optimized": False,
                "Target": 143,
                "Throttle Step": 5,
                "Throttle Target": None,
                "Unit": "TH/s",
            }
        },
        "Running": True,
    },
    "Power Supply Stats": {
        "Input Current": 0.0,
        "Input Power": 2166.6174,
        "Input Voltage": 0.0,
        "Output Current": 0.0,
        "Output Power": 0.0,
        "Output Voltage": 12.595,
        "Target Voltage": 12600,
    },
    "PresetInfo": {"Target Power": 3000},
    "Session": {
        "Accepted": 1862,
        "Active HBs": 2,
        "Average MHs": 90071990.0,
        "Difficulty": 262144.0,
        "Last Accepted Share Timer": 25,
        "Last Accepted Share Timestamp": 1755134734,
        "Last Work Timer": 34,
        "Last Work Timestamp": 1755134725,
        "LastAverageMHs": {"Hashrate": 94763240.0, "Timestamp": 1755129600},
        "Rejected": 2,
        "Startup String": "Wed, 13 Aug 2025 18:59:49 +0000",
        "Startup Timestamp": 1755111589,
        "Submitted": 1864,
        "Uptime": 23170,
        "WorkReceived": 641,
    },
    "Software": "PowerPlay-BMS v1.5.13",
    "Status": {
        "Last Command": None,
        "Last Command Result": None,
        "Last Error": None,
        "Operating State": "Mining",
    },
    "Stratum": {
        "Average Latency": 0.038288616,
        "Config Id": 0,
        "Current Pool": "mine.ocean.xyz:3334",
        "Current User": "randomuser.randomworker-0x81x19",
        "IsPoolConnected": True,
        "Worker Unique Id": True,
        "Worker Unique Id Variant": "IpAddress",
    },
    "StratumConfigs": [
        {
            "login": "randomuser.randomworker",
            "password": "password",
            "pool": "stratum+tcp://mine.ocean.xyz:3334",
        }
    ],
}


# CAPTURE: GET /capabilities (asic-rs .../test/json/v1/capabilities.json)
CAPABILITIES: Final[dict[str, Any]] = {
    "Board Serial Numbers": ["YNAHYPDBCJEBC0D6S", "YNAHYPDBCJEBC0C6R"],
    "Chip Type": "BM1366",
    "Chips Per Bank": 10,
    "Coins": ["BTC"],
    "Control Board Version": {
        "carrierBoardVersion": "4.1.0",
        "cpuHardware": "STM32 (Device Tree Support)",
        "cpuSerial": "002000353232510933363631",
        "somBoardVersion": "7.1.0",
    },
    "Default Clock": 485,
    "Default Hashrate": 143,
    "Default Voltage": 12900,
    "Display": ["ClksAndVoltage", "ShutdownTemp", "PerpetualTune"],
    "Max Clock Configs": 1,
    "Max HBs": 3,
    "Model": "AntMiner S19 XP",
    "Model Subtype": "BHB56801",
    "Performance Estimator": {"Chip Count": 110, "Hashes Per Second Per Chip": 894.0},
    "PerpetualTune": [
        {
            "algorithm": "VoltageOptimizer",
            "description": "(Voltage Optimizer: the firmware's description, left out)",
            "max": 300,
            "min": 60,
            "name": "Voltage Optimizer",
        },
        {
            "algorithm": "ChipTune",
            "description": "(Chip Tune: the firmware's description, left out)",
            "max": 300,
            "min": 60,
            "name": "Chip Tune",
        },
        {
            "algorithm": "BoardTune",
            "description": "(Board Tune: the firmware's description, left out)",
            "max": 300,
            "min": 60,
            "name": "Board Tune",
        },
    ],
    "Psu Info": {"FW": 25, "Max Vout": 15182, "Min Vout": 11877, "PSU Type": 118},
    "Temp Sensor Info": {"Count": 2, "Type": "Board"},
    "Tune Presets": [
        {"clk": 272, "hashrate": 80.0, "power": 1700, "voltage": 12300},
        {"clk": 337, "hashrate": 100.0, "power": 2200, "voltage": 12500},
        {"clk": 407, "hashrate": 120.0, "power": 2700, "voltage": 12600},
        {"clk": 482, "hashrate": 142.0, "power": 3350, "voltage": 12900},
        {"clk": 525, "hashrate": 154.0, "power": 3850, "voltage": 13100},
        {"clk": 575, "hashrate": 169.0, "power": 4400, "voltage": 13500},
    ],
    "Voltage Estimator": {"Slope": 0.0041, "Y Intercept": 11.0},
}


# CAPTURE: GET /network (asic-rs .../test/json/v1/network.json)
NETWORK: Final[dict[str, Any]] = {
    "dhcp": {
        "address": "10.0.81.19",
        "dns": "8.8.8.8",
        "gateway": "10.0.81.1",
        "mac_address": "E6:D4:41:51:64:28",
        "netmask": "255.255.255.0",
    }
}


# CAPTURE: GET /temps (asic-rs .../test/json/v1/temps.json)
TEMPS: Final[list[dict[str, Any]]] = [
    {"Data": [42.312, 42.875], "Index": 0, "Total": 0.0},
    {"Data": [55.062, 67.0], "Index": 1, "Total": 0.0},
    {"Data": [52.062, 64.312], "Index": 2, "Total": 0.0},
]


# MARKER: a page with the text the peers look for; the real page's other content is not
# captured.
INDEX_PAGE: Final = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<title>Miner Web Dashboard</title></head><body><div id="root"></div></body></html>'
)
