"""Replies captured from real Braiins OS miners on the public REST API, with their source.

Every reply here is a template: replies.py copies it and overwrites the live figures from
the simulated state (targets, pause, locate, pools, uptime, the MAC), keeping the capture's
fields, order and value types. Sources (256foundation/asic-rs, real miners recorded for its
tests), all under asic-rs-firmwares/braiins/src/test/json/:

- v25_07/*.json: an Antminer S19 XP on Braiins OS 2025-08-06 25.07-plus (REST API 1.0.0);
- v26_04/*.json: an Antminer S21 Pro on Braiins OS 2026-04-14 26.04-plus (REST API 1.3.0).

The file name is the endpoint under /api/v1 (miner_details.json: GET miner/details,
actions_locate.json: GET actions/locate, pools.json: GET pools/, version.json: GET version/,
configuration_miner.json: GET configuration/miner, performance_tuner_state.json: GET
performance/tuner-state). The pool URLs and users are asic-rs's placeholders.

Not captured for these miners: configuration/constraints (replies.constraints follows the
GetConstraintsResponse schema of the published OpenAPI, asic-rs meta/braiins/*/openapi.json,
with the bounds models.py names the source of) and the RPC port, where BOSer answers
``version`` as BOSER_VERSION (asic-rs v25_05/version.json: the 25.05 BOSer on 4028).
"""

from __future__ import annotations

from typing import Any, Final

# asic-rs-firmwares/braiins/src/test/json/v25_07/miner_details.json
S19XP_2507_MINER_DETAILS: Final[Any] = {
    "bos_mode": 4,
    "bos_version": {
        "bos_plus": True,
        "current": "2025-08-06-0-3881c51d-25.07-plus",
        "major": "2022-09-13-0-11012d53-22.08-plus",
    },
    "bosminer_uptime_s": 69685,
    "control_board_soc_family": 3,
    "hostname": "Antminer",
    "kernel_version": "4.9.113",
    "mac_address": "02:ee:da:a9:b6:4a",
    "miner_identity": {
        "brand": 1,
        "miner_model": "Antminer S19 XP",
        "model": 18,
        "name": "Antminer S19 XP",
    },
    "platform": 4,
    "psu_info": {
        "fw_version": None,
        "max_voltage": {"volt": 15.2},
        "min_voltage": {"volt": 11.96},
        "model_name": "APW121215d/e",
        "serial_number": None,
        "version": 117,
    },
    "serial_number": None,
    "status": 2,
    "sticker_hashrate": {"gigahash_per_second": 141000.0},
    "system_uptime": 69725,
    "system_uptime_s": 69725,
    "uid": "uUTHH0m8zu3DAak8",
}

# asic-rs-firmwares/braiins/src/test/json/v25_07/miner_stats.json
S19XP_2507_MINER_STATS: Final[Any] = {
    "miner_stats": {
        "best_share": 776342690,
        "error_hashrate": {"megahash_per_second": 0.0},
        "found_blocks": 0,
        "nominal_hashrate": {"gigahash_per_second": 142876.598290866},
        "real_hashrate": {
            "last_15m": {"gigahash_per_second": 142751.90125095937},
            "last_15s": {"gigahash_per_second": 140278.49309452475},
            "last_1h": {"gigahash_per_second": 142574.20159956155},
            "last_1m": {"gigahash_per_second": 144009.07569446342},
            "last_24h": {"gigahash_per_second": 112813.32900079952},
            "last_30m": {"gigahash_per_second": 142630.57500839335},
            "last_30s": {"gigahash_per_second": 144618.96714883606},
            "last_5m": {"gigahash_per_second": 142400.81429465002},
            "last_5s": {"gigahash_per_second": 141463.56540072063},
            "since_restart": {"gigahash_per_second": 138207.05294534727},
        },
    },
    "pool_stats": {
        "accepted_shares": 10464,
        "best_share": 776342690,
        "generated_work": 17793548288,
        "last_difficulty": 262144,
        "last_share_time": {"nanos": 734529336, "seconds": 1776446524},
        "rejected_shares": 18,
        "stale_shares": 0,
    },
    "power_stats": {
        "approximated_consumption": {"watt": 3137},
        "efficiency": {"joule_per_terahash": 21.785613792493763},
    },
}

# asic-rs-firmwares/braiins/src/test/json/v25_07/miner_hw_hashboards.json
S19XP_2507_MINER_HW_HASHBOARDS: Final[Any] = {
    "hashboards": [
        {
            "board_name": "BHB56801",
            "board_temp": {"degree_c": 55.5},
            "chip_type": "BM1366",
            "chips_count": 110,
            "current_frequency": {"hertz": 486704545.0},
            "current_voltage": {"volt": 12.93826530612245},
            "enabled": True,
            "highest_chip_temp": {"id": 1, "location": 1, "temperature": {"degree_c": 70.5}},
            "highest_outlet_temp": {"degree_c": 55.5},
            "id": "1",
            "lowest_inlet_temp": {"degree_c": 41.0},
            "model": "BHB56801",
            "serial_number": "NGSBYPDBCJBAG8562",
            "stats": {
                "best_share": 776342690,
                "error_hashrate": {"megahash_per_second": 0.0},
                "found_blocks": 0,
                "nominal_hashrate": {"gigahash_per_second": 47980.850153652005},
                "real_hashrate": {
                    "last_15m": {"gigahash_per_second": 48215.70105902884},
                    "last_15s": {"gigahash_per_second": 48687.802557632494},
                    "last_1h": {"gigahash_per_second": 47946.832481041885},
                    "last_1m": {"gigahash_per_second": 48815.80137715294},
                    "last_24h": {"gigahash_per_second": 37835.060470015924},
                    "last_30m": {"gigahash_per_second": 48123.23603255816},
                    "last_30s": {"gigahash_per_second": 48245.03890086119},
                    "last_5m": {"gigahash_per_second": 48097.065811210654},
                    "last_5s": {"gigahash_per_second": 50137.72942148807},
                    "since_restart": {"gigahash_per_second": 46462.76325540718},
                },
            },
        },
        {
            "board_name": "BHB56801",
            "board_temp": {"degree_c": 52.0},
            "chip_type": "BM1366",
            "chips_count": 110,
            "current_frequency": {"hertz": 461931818.0},
            "current_voltage": {"volt": 12.93826530612245},
            "enabled": True,
            "highest_chip_temp": {"id": 2, "location": 1, "temperature": {"degree_c": 67.0}},
            "highest_outlet_temp": {"degree_c": 52.0},
            "id": "2",
            "lowest_inlet_temp": {"degree_c": 40.0},
            "model": "BHB56801",
            "serial_number": "NGSBYPDBCJBAG8567",
            "stats": {
                "best_share": 452989225,
                "error_hashrate": {"megahash_per_second": 0.0},
                "found_blocks": 0,
                "nominal_hashrate": {"gigahash_per_second": 45572.479616802004},
                "real_hashrate": {
                    "last_15m": {"gigahash_per_second": 45360.01658850486},
                    "last_15s": {"gigahash_per_second": 46494.994319737394},
                    "last_1h": {"gigahash_per_second": 45400.77854159201},
                    "last_1m": {"gigahash_per_second": 46122.95984268281},
                    "last_24h": {"gigahash_per_second": 36008.87855287175},
                    "last_30m": {"gigahash_per_second": 45298.39932159557},
                    "last_30s": {"gigahash_per_second": 45907.9032442107},
                    "last_5m": {"gigahash_per_second": 45295.13464915326},
                    "last_5s": {"gigahash_per_second": 47859.278339866236},
                    "since_restart": {"gigahash_per_second": 43704.46134930704},
                },
            },
        },
        {
            "board_name": "BHB56801",
            "board_temp": {"degree_c": 54.0},
            "chip_type": "BM1366",
            "chips_count": 110,
            "current_frequency": {"hertz": 500000000.0},
            "current_voltage": {"volt": 12.93826530612245},
            "enabled": True,
            "highest_chip_temp": {"id": 3, "location": 1, "temperature": {"degree_c": 69.0}},
            "highest_outlet_temp": {"degree_c": 54.0},
            "id": "3",
            "lowest_inlet_temp": {"degree_c": 41.5},
            "model": "BHB56801",
            "serial_number": "NGSBYPDBCJBBA0309",
            "stats": {
                "best_share": 348644778,
                "error_hashrate": {"megahash_per_second": 0.0},
                "found_blocks": 0,
                "nominal_hashrate": {"gigahash_per_second": 49323.268520412006},
                "real_hashrate": {
                    "last_15m": {"gigahash_per_second": 49200.024196644525},
                    "last_15s": {"gigahash_per_second": 47854.482708603326},
                    "last_1h": {"gigahash_per_second": 49232.17014587882},
                    "last_1m": {"gigahash_per_second": 49225.760703946995},
                    "last_24h": {"gigahash_per_second": 38970.81525908702},
                    "last_30m": {"gigahash_per_second": 49220.70304591217},
                    "last_30s": {"gigahash_per_second": 48896.16372768428},
                    "last_5m": {"gigahash_per_second": 49019.094950243234},
                    "last_5s": {"gigahash_per_second": 50362.690141466795},
                    "since_restart": {"gigahash_per_second": 48070.38870508103},
                },
            },
        },
    ]
}

# asic-rs-firmwares/braiins/src/test/json/v25_07/cooling_state.json
S19XP_2507_COOLING_STATE: Final[Any] = {
    "fans": [
        {"position": 0, "rpm": 5904, "target_speed_ratio": 1.0},
        {"position": 1, "rpm": 5874, "target_speed_ratio": 1.0},
        {"position": 2, "rpm": 5874, "target_speed_ratio": 1.0},
        {"position": 3, "rpm": 5904, "target_speed_ratio": 1.0},
    ],
    "highest_temperature": {"id": None, "location": 1, "temperature": {"degree_c": 70.5}},
}

# asic-rs-firmwares/braiins/src/test/json/v25_07/performance_tuner_state.json
S19XP_2507_PERFORMANCE_TUNER_STATE: Final[Any] = {
    "mode_state": {
        "powertargetmodestate": {
            "current_target": {"watt": 3031},
            "profile": {
                "created": {"nanos": 337087672, "seconds": 1776086368},
                "estimated_power_consumption": {"watt": 3137},
                "measured_hashrate": {"gigahash_per_second": 142876.598290866},
                "target": {"watt": 3031},
            },
        }
    },
    "overall_tuner_state": 2,
}

# asic-rs-firmwares/braiins/src/test/json/v25_07/configuration_miner.json
S19XP_2507_CONFIGURATION_MINER: Final[Any] = {
    "pool_groups": [],
    "tuner": {
        "enabled": True,
        "hashrate_target": None,
        "power_target": {"watt": 3031},
        "tuner_mode": 1,
    },
}

# asic-rs-firmwares/braiins/src/test/json/v25_07/pools.json
S19XP_2507_POOLS: Final[Any] = [
    {
        "name": "foremanGroup",
        "pools": [
            {
                "active": True,
                "alive": True,
                "enabled": True,
                "stats": {
                    "accepted_shares": 10460,
                    "best_share": 776342690,
                    "generated_work": 17787650048,
                    "last_difficulty": 262144,
                    "last_share_time": {"nanos": 734524252, "seconds": 1776446524},
                    "rejected_shares": 18,
                    "stale_shares": 0,
                },
                "uid": "bCY9U0ZakyIy9PUH",
                "url": "stratum+tcp://example.pool.com:3333",
                "user": "asic_rs.test",
            },
            {
                "active": False,
                "alive": True,
                "enabled": True,
                "stats": {
                    "accepted_shares": 4,
                    "best_share": 970725,
                    "generated_work": 6094848,
                    "last_difficulty": 262144,
                    "last_share_time": {"nanos": 885836537, "seconds": 1776395827},
                    "rejected_shares": 0,
                    "stale_shares": 0,
                },
                "uid": "LidwqnzarwVMXDZt",
                "url": "stratum+tcp://example.pool2.com:3333",
                "user": "asic_rs.test",
            },
        ],
        "strategy": {"quota": {"value": 1}},
    }
]

# asic-rs-firmwares/braiins/src/test/json/v25_07/miner_errors.json
S19XP_2507_MINER_ERRORS: Final[Any] = {
    "errors": [
        {
            "components": [],
            "error_codes": [],
            "message": 'Failed to resolve ("a830bcc3.bos.braiins.com", 3336)',
            "timestamp": "2026-03-22T05:43:43.268950Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": 'Failed to resolve ("a830bcc3.bos.braiins.com", 3336)',
            "timestamp": "2026-03-22T05:44:14.317114Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": 'Failed to resolve ("mine.ocean.xyz", 3334)',
            "timestamp": "2026-03-27T08:12:38.813916Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": 'Failed to resolve ("mine.ocean.xyz", 3334)',
            "timestamp": "2015-01-01T00:00:37.638808Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": 'Failed to resolve ("a830bcc3.bos.braiins.com", 3336)',
            "timestamp": "2015-01-01T00:00:47.652530Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": 'Failed to resolve ("mine.ocean.xyz", 3334)',
            "timestamp": "2015-01-01T00:01:10.020560Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": 'Failed to resolve ("a830bcc3.bos.braiins.com", 3336)',
            "timestamp": "2015-01-01T00:01:10.019820Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": 'Failed to resolve ("a830bcc3.bos.braiins.com", 3336)',
            "timestamp": "2026-04-08T08:03:18.155033Z",
        },
    ]
}

# asic-rs-firmwares/braiins/src/test/json/v25_07/actions_locate.json
S19XP_2507_ACTIONS_LOCATE: Final[Any] = False

# asic-rs-firmwares/braiins/src/test/json/v25_07/version.json
S19XP_2507_VERSION: Final[Any] = {"major": 1, "minor": 0, "patch": 0}

# asic-rs-firmwares/braiins/src/test/json/v25_07/network.json
S19XP_2507_NETWORK: Final[Any] = {
    "default_gateway": "10.107.0.1",
    "dns_servers": ["127.0.0.1"],
    "hostname": "Antminer",
    "mac_address": "02:ee:da:a9:b6:4a",
    "name": "eth0",
    "networks": [{"address": "10.107.0.125", "netmask": "255.255.255.0"}],
    "protocol": 1,
}

# asic-rs-firmwares/braiins/src/test/json/v26_04/miner_details.json
S21PRO_2604_MINER_DETAILS: Final[Any] = {
    "bos_mode": 4,
    "bos_version": {
        "bos_plus": True,
        "current": "2026-04-14-0-912d084c-26.04-plus",
        "major": "2022-09-13-0-11012d53-22.08-plus",
    },
    "bosminer_uptime_s": 7039,
    "control_board_soc_family": 3,
    "hostname": "Antminer",
    "kernel_version": "4.9.113",
    "mac_address": "02:8f:77:ec:e7:e0",
    "miner_identity": {
        "brand": 1,
        "miner_model": "Antminer S21 Pro",
        "model": 0,
        "name": "Antminer S21 Pro",
    },
    "platform": 4,
    "psu_info": {
        "fw_version": 6920,
        "max_voltage": {"volt": 15.0},
        "min_voltage": {"volt": 12.0},
        "model_name": "APW171215a/c",
        "serial_number": "OLTT335BCAJBE3545",
        "version": 193,
    },
    "serial_number": "THQGFKUBDJIAH0E9G",
    "status": 2,
    "sticker_hashrate": {"gigahash_per_second": 234000.0},
    "system_uptime": 7206,
    "system_uptime_s": 7206,
    "uid": "fxdfDhot1inFQPSi",
}

# asic-rs-firmwares/braiins/src/test/json/v26_04/miner_stats.json
S21PRO_2604_MINER_STATS: Final[Any] = {
    "miner_stats": {
        "best_share": 499065300,
        "best_share_str": "499065300",
        "error_hashrate": {"megahash_per_second": 0.0},
        "found_blocks": 0,
        "nominal_hashrate": {"gigahash_per_second": 252597.58314720003},
        "real_hashrate": {
            "last_15m": {"gigahash_per_second": 245405.6536543818},
            "last_15s": {"gigahash_per_second": 246571.99035534085},
            "last_1h": {"gigahash_per_second": 249251.15156214434},
            "last_1m": {"gigahash_per_second": 247350.7543407177},
            "last_24h": {"gigahash_per_second": 19713.35267761372},
            "last_30m": {"gigahash_per_second": 248034.2070730178},
            "last_30s": {"gigahash_per_second": 249038.33761692888},
            "last_5m": {"gigahash_per_second": 242856.0192064252},
            "last_5s": {"gigahash_per_second": 248186.67720002498},
            "since_restart": {"gigahash_per_second": 244601.2757139522},
        },
    },
    "pool_stats": {
        "accepted_shares": 848,
        "best_share": 499065300,
        "best_share_str": "499065300",
        "generated_work": 1787364554,
        "last_difficulty": 524288,
        "last_share_time": {"nanos": 557334061, "seconds": 1776445677},
        "rejected_shares": 0,
        "stale_shares": 0,
    },
    "power_stats": {
        "approximated_consumption": {"watt": 3480},
        "efficiency": {"joule_per_terahash": 14.068677738906132},
    },
}

# asic-rs-firmwares/braiins/src/test/json/v26_04/miner_hw_hashboards.json
S21PRO_2604_MINER_HW_HASHBOARDS: Final[Any] = {
    "hashboards": [
        {
            "board_name": "A3HB70601",
            "board_temp": {"degree_c": 50.375},
            "chip_type": "BM1370",
            "chips_count": 65,
            "current_frequency": {"hertz": 625865384.0},
            "current_voltage": {"volt": 13.738724999999999},
            "enabled": True,
            "highest_chip_temp": {"id": 1, "location": 1, "temperature": {"degree_c": 65.375}},
            "highest_outlet_temp": {"degree_c": 50.375},
            "id": "1",
            "lowest_inlet_temp": {"degree_c": 35.625},
            "model": "A3HB70601",
            "serial_number": "THQGYSCBDJIAH11S3",
            "stats": {
                "best_share": 499065300,
                "best_share_str": "499065300",
                "error_hashrate": {"megahash_per_second": 0.0},
                "found_blocks": 0,
                "nominal_hashrate": {"gigahash_per_second": 83433.20451864},
                "real_hashrate": {
                    "last_15m": {"gigahash_per_second": 81312.73975533179},
                    "last_15s": {"gigahash_per_second": 83199.47489686459},
                    "last_1h": {"gigahash_per_second": 82766.98657129939},
                    "last_1m": {"gigahash_per_second": 81347.9502098183},
                    "last_24h": {"gigahash_per_second": 6530.297341694392},
                    "last_30m": {"gigahash_per_second": 82417.06112042218},
                    "last_30s": {"gigahash_per_second": 83248.83877103015},
                    "last_5m": {"gigahash_per_second": 80257.8272549758},
                    "last_5s": {"gigahash_per_second": 83168.43130521843},
                    "since_restart": {"gigahash_per_second": 78437.45639502372},
                },
            },
        },
        {
            "board_name": "A3HB70601",
            "board_temp": {"degree_c": 48.5625},
            "chip_type": "BM1370",
            "chips_count": 65,
            "current_frequency": {"hertz": 635384615.0},
            "current_voltage": {"volt": 13.738724999999999},
            "enabled": True,
            "highest_chip_temp": {"id": 2, "location": 1, "temperature": {"degree_c": 63.5625}},
            "highest_outlet_temp": {"degree_c": 48.5625},
            "id": "2",
            "lowest_inlet_temp": {"degree_c": 36.625},
            "model": "A3HB70601",
            "serial_number": "THQGYSCBDJIAH120Z",
            "stats": {
                "best_share": 402356269,
                "best_share_str": "402356269",
                "error_hashrate": {"megahash_per_second": 0.0},
                "found_blocks": 0,
                "nominal_hashrate": {"gigahash_per_second": 84668.40701136},
                "real_hashrate": {
                    "last_15m": {"gigahash_per_second": 82417.09638714515},
                    "last_15s": {"gigahash_per_second": 83381.75980270535},
                    "last_1h": {"gigahash_per_second": 83685.03929080871},
                    "last_1m": {"gigahash_per_second": 84529.12132906471},
                    "last_24h": {"gigahash_per_second": 6610.7373069606865},
                    "last_30m": {"gigahash_per_second": 83227.47390143464},
                    "last_30s": {"gigahash_per_second": 84218.43561968603},
                    "last_5m": {"gigahash_per_second": 81968.75149274516},
                    "last_5s": {"gigahash_per_second": 86699.32552387427},
                    "since_restart": {"gigahash_per_second": 77928.97537164367},
                },
            },
        },
        {
            "board_name": "A3HB70601",
            "board_temp": {"degree_c": 48.5},
            "chip_type": "BM1370",
            "chips_count": 65,
            "current_frequency": {"hertz": 634423076.0},
            "current_voltage": {"volt": 13.738724999999999},
            "enabled": True,
            "highest_chip_temp": {"id": 3, "location": 1, "temperature": {"degree_c": 63.5}},
            "highest_outlet_temp": {"degree_c": 48.5},
            "id": "3",
            "lowest_inlet_temp": {"degree_c": 35.125},
            "model": "A3HB70601",
            "serial_number": "THQGYSCBDJIAH12AD",
            "stats": {
                "best_share": 473289285,
                "best_share_str": "473289285",
                "error_hashrate": {"megahash_per_second": 0.0},
                "found_blocks": 0,
                "nominal_hashrate": {"gigahash_per_second": 84495.9716172},
                "real_hashrate": {
                    "last_15m": {"gigahash_per_second": 81623.4266617398},
                    "last_15s": {"gigahash_per_second": 81387.01514106822},
                    "last_1h": {"gigahash_per_second": 82811.6243519556},
                    "last_1m": {"gigahash_per_second": 80532.23907359612},
                    "last_24h": {"gigahash_per_second": 6574.761388307337},
                    "last_30m": {"gigahash_per_second": 82383.71000160564},
                    "last_30s": {"gigahash_per_second": 80322.45215654754},
                    "last_5m": {"gigahash_per_second": 80493.09733638566},
                    "last_5s": {"gigahash_per_second": 84138.26274583308},
                    "since_restart": {"gigahash_per_second": 89460.21506399127},
                },
            },
        },
    ]
}

# asic-rs-firmwares/braiins/src/test/json/v26_04/cooling_state.json
S21PRO_2604_COOLING_STATE: Final[Any] = {
    "fans": [
        {"position": 0, "rpm": 5943, "target_speed_ratio": 0.92},
        {"position": 1, "rpm": 5943, "target_speed_ratio": 0.92},
        {"position": 2, "rpm": 5943, "target_speed_ratio": 0.92},
        {"position": 3, "rpm": 5973, "target_speed_ratio": 0.92},
    ],
    "highest_temperature": {"id": None, "location": 1, "temperature": {"degree_c": 65.375}},
}

# asic-rs-firmwares/braiins/src/test/json/v26_04/performance_tuner_state.json
S21PRO_2604_PERFORMANCE_TUNER_STATE: Final[Any] = {
    "mode_state": {
        "powertargetmodestate": {
            "current_target": {"watt": 3500},
            "profile": {
                "created": None,
                "estimated_power_consumption": {"watt": 3480},
                "measured_hashrate": {"gigahash_per_second": 252597.58314720003},
                "target": {"watt": 3500},
            },
        }
    },
    "overall_tuner_state": 5,
}

# asic-rs-firmwares/braiins/src/test/json/v26_04/configuration_miner.json
S21PRO_2604_CONFIGURATION_MINER: Final[Any] = {
    "pool_groups": [],
    "tuner": {
        "enabled": True,
        "hashrate_target": None,
        "power_target": {"watt": 3500},
        "tuner_mode": 1,
    },
}

# asic-rs-firmwares/braiins/src/test/json/v26_04/pools.json
S21PRO_2604_POOLS: Final[Any] = [
    {
        "name": "Default",
        "pools": [
            {
                "active": True,
                "alive": True,
                "enabled": True,
                "stats": {
                    "accepted_shares": 848,
                    "best_share": 499065300,
                    "best_share_str": "499065300",
                    "generated_work": 1787364554,
                    "last_difficulty": 524288,
                    "last_share_time": {"nanos": 557322685, "seconds": 1776445677},
                    "rejected_shares": 0,
                    "stale_shares": 0,
                },
                "uid": "r7ZTdqnV8s8JtY82",
                "url": "stratum+tcp://example.pool.com:3333",
                "user": "asic_rs.test",
            },
            {
                "active": False,
                "alive": True,
                "enabled": True,
                "stats": {
                    "accepted_shares": 0,
                    "best_share": 0,
                    "best_share_str": "0",
                    "generated_work": 0,
                    "last_difficulty": 262144,
                    "last_share_time": None,
                    "rejected_shares": 0,
                    "stale_shares": 0,
                },
                "uid": "voc1A31EwtMcyFzC",
                "url": "stratum+tcp://example.pool2.com:3333",
                "user": "asic_rs.test",
            },
        ],
        "strategy": {"quota": {"value": 1}},
        "uid": "0",
    }
]

# asic-rs-firmwares/braiins/src/test/json/v26_04/miner_errors.json
S21PRO_2604_MINER_ERRORS: Final[Any] = {
    "errors": [
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.1[TMP451]: Too many sensor errors, disabling sensor",
            "timestamp": "2026-03-20T21:27:28.454727Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-20T21:27:28.477767Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.4[TMP451]: Too many sensor errors, disabling sensor",
            "timestamp": "2026-03-20T21:27:28.485822Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-20T21:27:28.510482Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.8[TMP451]: Too many sensor errors, disabling sensor",
            "timestamp": "2026-03-20T21:27:28.522354Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-20T21:27:28.752191Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.1[TMP451]: Too many sensor errors, disabling sensor",
            "timestamp": "2026-03-20T21:27:28.763463Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-20T21:27:28.792359Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.4[TMP451]: Too many sensor errors, disabling sensor",
            "timestamp": "2026-03-20T21:27:28.800152Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-20T21:27:28.826011Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.8[TMP451]: Too many sensor errors, disabling sensor",
            "timestamp": "2026-03-20T21:27:28.836480Z",
        },
        {
            "components": [],
            "error_codes": [
                {
                    "code": "V2",
                    "hint": "The voltage measured by the hashboard was significantly "
                    "lower than expected. Either overcurrent protection on "
                    "PSU disabled the power to hashboard or there's a short "
                    "circuit somewhere between PSU and hashboard that makes "
                    "the voltage significantly lower. Replace broken "
                    "hashboards or set a lower power target/hashrate target. "
                    "Another reason for short circuit could be a bad "
                    "connection of the power rail to the hashboard, like "
                    "loose screws, or faulty PSU. Please try to tighten the "
                    "screws and check the PSU.",
                    "reason": "Overcurrent protection triggered or short circuit",
                }
            ],
            "message": "Tuner error: Stage 4: Stage 4: PSU shut down during the experiment: "
            "{ERR:V2} LOW VOLTAGE - measured voltage 0 V - PSU overcurrent "
            "protection switched voltage off or short circuit",
            "timestamp": "2026-03-20T21:27:30.060042Z",
        },
        {
            "components": [],
            "error_codes": [
                {
                    "code": "H1",
                    "hint": "NoPIC miners are powering hashboards all the time and "
                    "there's no way to disable them in software (they'll "
                    "have consumption at least 300 W and will heat up even "
                    "when disabled). If you want to override this behavior, "
                    "then check `allow_disabling_hashboards_on_nopic_miners "
                    "= true` option in bosminer-experimental.toml",
                    "reason": "DISABLING hashboards not allowed on NoPIC miners",
                }
            ],
            "message": "{ERR:H1} Hashboard 1 has a problem, but this is a NoPIC miner and "
            "bosminer can't disable it individually for safety reasons",
            "timestamp": "2026-03-20T21:29:36.532926Z",
        },
        {
            "components": [{"index": 1, "name": "Hashboard"}],
            "error_codes": [],
            "message": "Tuner error: Disabled hashboard 1 {HB:1}: Hashchip: number of "
            "responses 0 of read_register(reg=0x0) doesn't match chip count 65: "
            "reply 0x0 missing",
            "timestamp": "2026-03-20T21:29:36.546611Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": 'Failed to resolve ("a830bcc3.bos.braiins.com", 3336)',
            "timestamp": "2026-03-22T05:43:43.224456Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": 'Failed to resolve ("a830bcc3.bos.braiins.com", 3336)',
            "timestamp": "2026-03-22T05:44:14.265915Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.4[TMP451]: read failed: No such device or address (os error 6)",
            "timestamp": "2026-03-22T15:42:24.772038Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:24.795224Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:25.175814Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:25.199160Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:25.221868Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:25.507924Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:25.534071Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:25.559800Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:25.818740Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:25.843129Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:25.869094Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:26.245273Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:26.268097Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:26.290878Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:26.586371Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:26.610801Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:26.635706Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:26.896164Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:26.920601Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:26.944852Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:27.314720Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:27.339513Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:27.363972Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:27.662695Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:27.686976Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:27.710959Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:27.971359Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:27.994215Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:28.016867Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:28.390289Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:28.416365Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:28.442660Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:28.735802Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:28.761645Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:28.787263Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:29.041260Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:29.063954Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:29.086679Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:29.468423Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:29.493836Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:29.521817Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:29.815327Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:29.840944Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:29.868422Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:30.110929Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:30.133531Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:30.156235Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:30.548307Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:30.572341Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:30.595040Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:30.894037Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:30.916811Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:30.939424Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:31.179861Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:31.203083Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:31.226158Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:31.619069Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:31.642070Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:31.664677Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:31.963936Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:31.987094Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:32.009502Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:32.249510Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:32.272458Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:32.295180Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:32.688722Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:32.711660Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:32.734257Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:33.033399Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:33.056275Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:33.078890Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:33.320372Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:33.343055Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:33.365741Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:33.757577Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:33.780635Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:33.803418Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:34.102704Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:34.125599Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:34.148246Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:34.389535Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:34.412459Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:34.435045Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:34.827291Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:34.852478Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:34.875377Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:35.172332Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:35.199045Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:35.225175Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:35.460185Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:35.485896Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.4[TMP451]: Too many sensor errors, disabling sensor",
            "timestamp": "2026-03-22T15:42:35.493486Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:35.517814Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.8[TMP451]: Too many sensor errors, disabling sensor",
            "timestamp": "2026-03-22T15:42:35.526474Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:35.899656Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.1[TMP451]: Too many sensor errors, disabling sensor",
            "timestamp": "2026-03-22T15:42:35.905765Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:35.928126Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.4[TMP451]: Too many sensor errors, disabling sensor",
            "timestamp": "2026-03-22T15:42:35.933942Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:35.956383Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb1.8[TMP451]: Too many sensor errors, disabling sensor",
            "timestamp": "2026-03-22T15:42:35.962227Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:36.251568Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.1[TMP451]: Too many sensor errors, disabling sensor",
            "timestamp": "2026-03-22T15:42:36.259133Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.4[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:36.283477Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.4[TMP451]: Too many sensor errors, disabling sensor",
            "timestamp": "2026-03-22T15:42:36.293757Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.8[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:36.321073Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb2.8[TMP451]: Too many sensor errors, disabling sensor",
            "timestamp": "2026-03-22T15:42:36.330371Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.1[TMP451]: read failed: Setting pointer register to 0x00 "
            "for I2c read of 1 bytes",
            "timestamp": "2026-03-22T15:42:36.555075Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": "Sensor hb3.1[TMP451]: Too many sensor errors, disabling sensor",
            "timestamp": "2026-03-22T15:42:36.562482Z",
        },
        {
            "components": [],
            "error_codes": [
                {
                    "code": "V2",
                    "hint": "The voltage measured by the hashboard was significantly "
                    "lower than expected. Either overcurrent protection on "
                    "PSU disabled the power to hashboard or there's a short "
                    "circuit somewhere between PSU and hashboard that makes "
                    "the voltage significantly lower. Replace broken "
                    "hashboards or set a lower power target/hashrate target. "
                    "Another reason for short circuit could be a bad "
                    "connection of the power rail to the hashboard, like "
                    "loose screws, or faulty PSU. Please try to tighten the "
                    "screws and check the PSU.",
                    "reason": "Overcurrent protection triggered or short circuit",
                }
            ],
            "message": "Tuner error: Stage 4: Stage 4: PSU shut down during the experiment: "
            "{ERR:V2} LOW VOLTAGE - measured voltage 0 V - PSU overcurrent "
            "protection switched voltage off or short circuit",
            "timestamp": "2026-03-22T15:42:41.913991Z",
        },
        {
            "components": [],
            "error_codes": [
                {
                    "code": "H1",
                    "hint": "NoPIC miners are powering hashboards all the time and "
                    "there's no way to disable them in software (they'll "
                    "have consumption at least 300 W and will heat up even "
                    "when disabled). If you want to override this behavior, "
                    "then check `allow_disabling_hashboards_on_nopic_miners "
                    "= true` option in bosminer-experimental.toml",
                    "reason": "DISABLING hashboards not allowed on NoPIC miners",
                }
            ],
            "message": "{ERR:H1} Hashboard 1 has a problem, but this is a NoPIC miner and "
            "bosminer can't disable it individually for safety reasons",
            "timestamp": "2026-03-22T15:45:15.391553Z",
        },
        {
            "components": [{"index": 1, "name": "Hashboard"}],
            "error_codes": [],
            "message": "Tuner error: Disabled hashboard 1 {HB:1}: Hashchip: number of "
            "responses 0 of read_register(reg=0x0) doesn't match chip count 65: "
            "reply 0x0 missing",
            "timestamp": "2026-03-22T15:45:15.397457Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": 'Failed to resolve ("a830bcc3.bos.braiins.com", 3336)',
            "timestamp": "2026-04-08T08:03:17.860785Z",
        },
        {
            "components": [],
            "error_codes": [],
            "message": 'Failed to resolve ("a830bcc3.bos.braiins.com", 3336)',
            "timestamp": "2026-04-08T08:16:48.007413Z",
        },
    ]
}

# asic-rs-firmwares/braiins/src/test/json/v26_04/actions_locate.json
S21PRO_2604_ACTIONS_LOCATE: Final[Any] = False

# asic-rs-firmwares/braiins/src/test/json/v26_04/version.json
S21PRO_2604_VERSION: Final[Any] = {"major": 1, "minor": 3, "patch": 0}

# asic-rs-firmwares/braiins/src/test/json/v26_04/network.json
S21PRO_2604_NETWORK: Final[Any] = {
    "default_gateway": "10.102.0.1",
    "dns_servers": ["127.0.0.1"],
    "hostname": "Antminer",
    "mac_address": "02:8f:77:ec:e7:e0",
    "name": "eth0",
    "networks": [{"address": "10.102.0.173", "netmask": "255.255.255.0"}],
    "protocol": 1,
}

# asic-rs-firmwares/braiins/src/test/json/v25_05/version.json (RPC 4028 `version`, BOSer)
BOSER_VERSION: Final[dict[str, Any]] = {
    "STATUS": [
        {
            "Code": 22,
            "Description": "BOSer boser-buildroot 0.1.0-45f356ea",
            "Msg": "BOSer versions",
            "STATUS": "S",
            "When": 1776367861,
        }
    ],
    "VERSION": [{"API": "3.7", "BOSer": "boser-buildroot 0.1.0-45f356ea"}],
    "id": 1,
}
