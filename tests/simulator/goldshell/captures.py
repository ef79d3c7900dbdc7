"""Real replies of Goldshell miners, as captured (values as the sources hold them).

SC Lite (hardware 30.40.SA, MCB_V4_3, firmware 2.2.0), captured 2026-09-22:
crProductGuy/goldshell-box-tools-productguy tests/fixtures/sclite/mcb_status.json,
mcb_setting.json and cgminer_devs.json (the MAC sanitised there to 00:11:22:33:44:55).
SC-BOX (hardware 40.40.HA, MCB_V5_4, firmware 2.2.5), captured 2026-09-05: the same repo's
tests/fixtures/mcb_status.json and mcb_setting.json; its ``/mcb/cgminer`` answers HTTP 500
(docs/firmware-api.md), so no devs reply exists for it.
CK5 devs and pools: delawr0190/foreman-apps, the Goldshell reboot test's fake server
(GoldshellRebootITest.java; pool user and password redacted there).
The login's answer is ``{"JWT Token": …}`` (pyasic web/goldshell.py reads that key); the
token is the simulator's own.
"""

from __future__ import annotations

from typing import Any, Final

SCLITE_STATUS: Final[dict[str, Any]] = {
    "hardware": "30.40.SA",
    "model": "Goldshell-SCLITE",
    "mcbversion": "MCB_V4_3",
    "firmware": "2.2.0",
}

SCLITE_SETTING: Final[dict[str, Any]] = {
    "select": 0,
    "tempcontrol": True,
    "ledcontrol": False,
    "manualPowerplan": "625 MHz 9100 V 75 RPM 75 RPM PV 9400",
    "name": "00:11:22:33:44:55",
    "powerplans": [
        {"level": 0, "info": "625 MHz 9100 V 40 RPM 40 RPM PV 9400"},
        {"level": 3, "info": "0 MHz 0 V 100 RPM 100 RPM"},
    ],
    "manual": True,
    "version": "v1.0",
}


SCLITE_DEVS: Final[dict[str, Any]] = {
    "status": 2,
    "data": [
        {
            "valid": 10,
            "av_hashrate": 1145512.6670000001,
            "rejected": 5,
            "time": 14104,
            "id": 0,
            "powerplan": 0,
            "hwerrors": 453,
            "fanspeed": "1500 rpm / 1500 rpm / 1500 rpm / 1500 rpm",
            "accepted": 3317,
            "CPB_name": "NULL",
            "hwerr_ration": 0.001044,
            "nonces": 435407,
            "hashrate": 1160636.767,
            "temp": "67.1 \u00b0C",
            "minerstatus": 0,
        },
        {
            "valid": 10,
            "av_hashrate": 1145614.9409999999,
            "rejected": 4,
            "time": 14104,
            "id": 1,
            "powerplan": 0,
            "hwerrors": 528,
            "fanspeed": "1500 rpm / 1500 rpm / 1500 rpm / 1500 rpm",
            "accepted": 3448,
            "CPB_name": "NULL",
            "hwerr_ration": 0.001268,
            "nonces": 435519,
            "hashrate": 1116341.0320000001,
            "temp": "66.4 \u00b0C",
            "minerstatus": 0,
        },
        {
            "valid": 10,
            "av_hashrate": 1142451.815,
            "rejected": 3,
            "time": 14104,
            "id": 2,
            "powerplan": 0,
            "hwerrors": 1790,
            "fanspeed": "1500 rpm / 1500 rpm / 1500 rpm / 1500 rpm",
            "accepted": 3498,
            "CPB_name": "NULL",
            "hwerr_ration": 0.0041270000000000005,
            "nonces": 435580,
            "hashrate": 1131585.313,
            "temp": "68.1 \u00b0C",
            "minerstatus": 0,
        },
        {
            "valid": 10,
            "av_hashrate": 1146032.595,
            "rejected": 1,
            "time": 14104,
            "id": 3,
            "powerplan": 0,
            "hwerrors": 477,
            "fanspeed": "1500 rpm / 1500 rpm / 1500 rpm / 1500 rpm",
            "accepted": 3399,
            "CPB_name": "NULL",
            "hwerr_ration": 0.001091,
            "nonces": 435626,
            "hashrate": 1127316.612,
            "temp": "67.6 \u00b0C",
            "minerstatus": 0,
        },
    ],
}

SCBOX_STATUS: Final[dict[str, Any]] = {
    "hardware": "40.40.HA",
    "model": "Goldshell-SCBox",
    "mcbversion": "MCB_V5_4",
    "firmware": "2.2.5",
}

SCBOX_SETTING: Final[dict[str, Any]] = {
    "select": 0,
    "tempcontrol": True,
    "ledcontrol": False,
    "manualPowerplan": "600 MHz 0.41 V 90 RPM 90 RPM",
    "name": "00:11:22:33:44:55",
    "powerplans": [
        {"info": "725 MHz 0.41 V 70 RPM 70 RPM", "level": 0},
        {"info": "0 MHz 0 V 70 RPM 70 RPM", "level": 3},
    ],
    "temp_targets": [65.0, 75.0],
    "manual": True,
    "version": "v2.1",
    "temp_target": 65,
}

# CK5 (foreman-apps): two temperatures per board, fans at 2940 rpm.
CK5_TEMPS: Final = ("83.0 \u00b0C / 73.8 \u00b0C", "83.0 \u00b0C / 73.9 \u00b0C")
CK5_FANSPEED: Final = "2940 rpm / 2940 rpm / 2940 rpm / 2940 rpm"

# One pool as the CK5's /mcb/pools lists it (foreman-apps), user and password filled in.
POOL_KEYS: Final = ("url", "legal", "active", "dragid", "user", "pool-priority", "pass")

# SC5 Pro II (hardware 30.50.SA, MCB_V3_3, firmware 2.2.0), captured 2026-09-15: the same
# repo's tests/fixtures/sc5proii/mcb_status.json, mcb_setting.json, cgminer_devs.json. Its
# status writes the model with a Roman numeral (U+2161); its setting's name (the MAC)
# starts with a space.
SC5PROII_STATUS: Final[dict[str, Any]] = {
    "hardware": "30.50.SA",
    "model": "Goldshell-SC5Pro\u2161",
    "mcbversion": "MCB_V3_3",
    "firmware": "2.2.0",
}

SC5PROII_SETTING: Final[dict[str, Any]] = {
    "manualPowerplan": "700 MHz 11750 V 30 RPM 30 RPM PV 11900",
    "ledcontrol": False,
    "name": " 00:11:22:33:44:55",
    "tempcontrol": True,
    "select": 0,
    "powerplans": [
        {"level": 0, "info": "700 MHz 11750 V 30 RPM 30 RPM PV 11900"},
        {"level": 2, "info": "513 MHz 10700 V 50 RPM 50 RPM PV 11900"},
        {"level": 3, "info": "0 MHz 0 V 100 RPM 100 RPM"},
    ],
    "manual": False,
    "version": "v1.0",
}


SC5PROII_DEVS: Final[dict[str, Any]] = {
    "status": 2,
    "data": [
        {
            "valid": 20,
            "av_hashrate": 3509233.4760000003,
            "rejected": 3,
            "time": 1869,
            "id": 0,
            "powerplan": 0,
            "hwerrors": 837,
            "fanspeed": "3180 rpm / 3120 rpm / 3300 rpm / 3360 rpm",
            "accepted": 5656,
            "CPB_name": "NULL",
            "hwerr_ration": 0.001173,
            "nonces": 716211,
            "hashrate": 3631894.088,
            "temp": "77.7 \u00b0C",
            "minerstatus": 0,
        },
        {
            "valid": 20,
            "av_hashrate": 3505724.458,
            "rejected": 2,
            "time": 1869,
            "id": 1,
            "powerplan": 0,
            "hwerrors": 1417,
            "fanspeed": "3180 rpm / 3120 rpm / 3300 rpm / 3360 rpm",
            "accepted": 5580,
            "CPB_name": "NULL",
            "hwerr_ration": 0.00199,
            "nonces": 716148,
            "hashrate": 3708167.7989999996,
            "temp": "77.0 \u00b0C",
            "minerstatus": 0,
        },
        {
            "valid": 20,
            "av_hashrate": 3503545.3860000004,
            "rejected": 1,
            "time": 1869,
            "id": 2,
            "powerplan": 0,
            "hwerrors": 1204,
            "fanspeed": "3180 rpm / 3180 rpm / 3300 rpm / 3360 rpm",
            "accepted": 5644,
            "CPB_name": "NULL",
            "hwerr_ration": 0.001668,
            "nonces": 715422,
            "hashrate": 3838561.0439999998,
            "temp": "79.4 \u00b0C",
            "minerstatus": 0,
        },
        {
            "valid": 20,
            "av_hashrate": 3508031.1010000003,
            "rejected": 3,
            "time": 1869,
            "id": 3,
            "powerplan": 0,
            "hwerrors": 665,
            "fanspeed": "3180 rpm / 3180 rpm / 3300 rpm / 3360 rpm",
            "accepted": 5586,
            "CPB_name": "NULL",
            "hwerr_ration": 0.000927,
            "nonces": 715898,
            "hashrate": 3733709.769,
            "temp": "72.6 \u00b0C",
            "minerstatus": 0,
        },
    ],
}
