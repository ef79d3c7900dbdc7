"""Real answers of Braiins OS+ miners the simulated one is built from (each names its source).

GraphQL (HTTP 80, ``POST /graphql``), Braiins OS+ 24.09 ("2024-10-17-0-75912fc7-24.09-plus"):
asic-rs asic-rs-firmwares/braiins/src/test/json/v24_09/
  gql_system.json  bos { hostname faultLight info.version.full uptime.durationS },
                   bosminer.info { fans{name speed rpm}, summary.power{limitW
                   approxConsumptionW}, workSolver{nominalMhs realHashrate.mhs5S} }
  gql_boards.json  workSolver.childSolvers[] { name "1".."3", nominalMhs, realHashrate.mhs5S,
                   hwDetails{chips frequencyMhz voltageV}, temperatures[{name "Board"|"Chip",
                   degreesC}] }
  gql_pools.json   config.groups[{id, strategy.quota}], info.poolGroups[{name "foremanGroup",
                   pools[{url user status "ALIVE" active shares{accepted/rejectedSolutions}}]}]
  gql_tuning.json  config.autotuning { mode "POWER_TARGET", powerTarget, hashrateTarget null }
  gql_events.json  events.appeals []
  web_net_conf.json  the LuCI lan status: macaddr (the same miner's MAC)
  version.json     RPC 4028 ``version``: "BOSer boser-buildroot 0.1.0-75912fc7", API "3.7"
The captured machine has 3 boards of 65 chips (an S21 Pro class); the simulated one is an
Antminer S19 (3 x 76 chips, 95 TH/s nominal, the stock table's row): the S19's figures, the
capture's shapes, names and everything model-independent (host name, version, pools, fans).

RPC ``devdetails`` of a BOSer miner: pyasic issue #39 (UpstreamData/pyasic, 2023-05-29, an
S19j on BOSer: Description "BOSer boser-buildroot 0.1.0-9b223345", DEVDETAILS[] with
Chips, Cores, Frequency, ID, Model "Antminer S19J88NoPic", Name "HashchainManager n", Voltage).

Power-target bounds: pyasic issue #242 (BOS 23.12.1): "power target [0W] is not in allowed
range [Some(1700), Some(6500)]" — the bounds this miner reports, and the wording of its
refusal. Session cookie ``session_id`` (asic-rs v21_09/graphql.rs reads it from Set-Cookie).

Not captured anywhere public (named as such where used): the text of the answer to a
request without a session (here "Unauthorized", a field error per GraphQL), the text of a
refused login's AuthError, the session's lifetime, the web root page beyond the text
"Braiins OS" that pyasic (miners/factory.py) and asic-rs (firmware.rs identify_web) look for,
the hashrate target's bounds and metadata units.
"""

from __future__ import annotations

from typing import Any, Final

VERSION_FULL: Final = "2024-10-17-0-75912fc7-24.09-plus"
HOSTNAME: Final = "IC078"
UPTIME_S: Final = 717641
MAC: Final = "02:9b:85:41:7e:08"  # web_net_conf.json
FAN_RPMS: Final = (6414, 6414, 6354, 6324)  # gql_system.json, speed 100 each
FAN_SPEED_PERCENT: Final = 100
POWER_LIMIT_W: Final = 3500  # gql_system.json summary.power.limitW
POWER_W: Final = 3572  # approxConsumptionW at that limit (2 % above it)
BOARD_NAMES: Final = ("1", "2", "3")
# (board, chip) °C per board, gql_boards.json.
BOARD_TEMPS: Final = ((56.4375, 71.4375), (53.375, 68.375), (52.9375, 67.9375))
# Per-board share of the nominal rate and the real/nominal ratio, gql_boards.json
# (77.24, 81.03, 81.03 TH/s nominal; 74.10, 82.52, 74.46 real).
BOARD_NOMINAL_SHARE: Final = (0.32277, 0.33861, 0.33861)
BOARD_REAL_RATIO: Final = (0.95929, 1.01833, 0.91883)
FREQUENCY_MHZ: Final = (582.535867, 611.121011, 611.121011)
VOLTAGE_V: Final = 13.44928
POOL_GROUP: Final = "foremanGroup"
POOLS: Final[tuple[dict[str, Any], ...]] = (
    {"url": "stratum+tcp://example.pool.com:3333", "user": "asic_rs.test", "accepted": 111393,
     "rejected": 239, "active": True},
    {"url": "stratum+tcp://example.pool2.com:3333", "user": "asic_rs.test", "accepted": 13,
     "rejected": 0, "active": False},
)  # fmt: skip
BOSER: Final = "boser-buildroot 0.1.0-75912fc7"
RPC_VERSION: Final[dict[str, Any]] = {
    "STATUS": [
        {
            "Code": 22,
            "Description": f"BOSer {BOSER}",
            "Msg": "BOSer versions",
            "STATUS": "S",
            "When": 1776367337,
        }
    ],
    "VERSION": [{"API": "3.7", "BOSer": BOSER}],
    "id": 1,
}
DEVDETAILS_MSG: Final = "Device Details"
DEVDETAILS_CODE: Final = 69
POWER_BOUNDS_W: Final = (1700, 6500)
REFUSED_POWER: Final = "power target [{value}W] is not in allowed range [Some({low}), Some({high})]"
INDEX_PAGE: Final = (
    '<!doctype html><html><head><meta charset="utf-8"><title>Braiins OS</title></head>'
    '<body><div id="root"></div></body></html>'
)
UNAUTHORIZED: Final = "Unauthorized"  # not captured: see above
LOGIN_REFUSED: Final = "Invalid username or password"  # not captured: see above
