"""Real replies of IceRiver's firmware, as recorded; the simulator builds its answers on them.

USERPANEL_KS3M: ``POST /user/userpanel`` post=4 of a KS3M (softver1 5977449_ks3m_miner,
refTime 2023-04-14), from a public Flask replay of a KS3M's panel (the code index's file
17662738204, "Mock response data for userpanel"; its repository is not named by the index).
Kept as recorded: the glitching 126 °C outlet reading of board 2, the "false" chip list,
the 5-minute rate history. The same file's ``machineconfig`` post=3 answer,
``{"error":0,"data":{},"message":""}``, is the envelope of an answer without data
(ACCEPTED), and it answers a post value it does not serve with ``{"error": 0,
"message": ""}`` (UNSERVED).

MACHINECONFIG_KS3M: the same replay's ``POST /user/machineconfig`` post=1 answer, the
machine page's read: the three pool slots (its own snapshot of their counters) and the
fan settings ``ratio`` and ``mode``.

INDEX_TITLE: the panel's page title, as pyasic miners/factory.py looks for it
(``<TITLE>用户界面</TITLE>``); the rest of the page is not public.

The answers to the login and to the writes are the panel's own, as its handler builds them
in IceRiver's firmware of 2023-09-16 (mcmickburns/iceriverminer_dump
firmware/KS3M/ICERIVER-KAS-KS3M-20230916/extract/bg/bg/controllers/user.c, the same file
for KS0 … KS3L): ``{"error":<code>,"data":{"id":"<command>"},"message":"<msg>"}`` with
the miner program's code and message, whose replies its comments quote (login:
``{"id":"login","ret":{"code":1002,"msg":"password error"}}``, ``{"code":0}`` for a good
one; restart and setpool: ``{"code":0}``). A message the program leaves out is printed by
``sprintf("%s", NULL)`` as "(null)", as the captured panel's ``"tempnum": "(null)"`` shows.
The program's answer to a command sent without a login is not public beyond its code,
1004 (web/js/base.js sends the page back to the login on it); its message is left empty.
"""

from __future__ import annotations

from typing import Any, Final

INDEX_TITLE: Final = "<TITLE>用户界面</TITLE>"
ACCEPTED: Final[dict[str, Any]] = {"error": 0, "data": {}, "message": ""}
UNSERVED: Final[dict[str, Any]] = {"error": 0, "message": ""}

LOGGED_IN: Final[dict[str, Any]] = {"error": 0, "data": {"id": "login"}, "message": "(null)"}
WRONG_PASSWORD: Final[dict[str, Any]] = {
    "error": 1002,
    "data": {"id": "login"},
    "message": "password error",
}
UNKNOWN_USER: Final[dict[str, Any]] = {
    "error": 1001,
    "data": {"id": "login"},
    "message": "user not exist",
}
NOT_LOGGED_IN: Final = 1004
# user.c's answers: machineconfig post=2 (setpool done) is its literal
# {"error":0,"data":{},"message":""}; userpanel post=5 and 3 (setlocate, restart) pass on
# the program's message, which its {"code":0} leaves out.
POOLS_SET: Final = ACCEPTED
PROGRAM_DONE: Final[dict[str, Any]] = {"error": 0, "data": {}, "message": "(null)"}


# With the miner program down (its socket refused), user.c answers every command with
# error 1 "Connect miner failed!"; its login handler goes on past that answer to parse the
# empty reply and writes error 0 with id "(null)" over it: the login seems to work.
PROGRAM_UNREACHABLE: Final[dict[str, Any]] = {
    "error": 1,
    "data": {},
    "message": "Connect miner failed!",
}
LOGIN_WITHOUT_PROGRAM: Final[dict[str, Any]] = {
    "error": 0,
    "data": {"id": "(null)"},
    "message": "(null)",
}


def refused(command: str, code: int, message: str = "") -> dict[str, Any]:
    """user.c's answer when the miner program refuses ``command`` with ``code``."""
    return {"error": code, "data": {"id": command}, "message": message}


_FALSE_CHIPS: Final = list(range(1, 19))
_POOL_TAIL: Final = {"diffa": 0, "diffr": 0, "lsdiff": 0, "lstime": "00:00:00"}


def _board(no: int, rtpow: str, avgpow: str, intmp: int, outtmp: int) -> dict[str, Any]:
    return {
        "no": no,
        "chipnum": 18,
        "chipsuc": 0,
        "error": 0,
        "freq": 875,
        "rtpow": rtpow,
        "avgpow": avgpow,
        "idealpow": "0.00G",
        "tempnum": "(null)",
        "pcbtemp": "0.00-0.00-0.00-0.00",
        "intmp": intmp,
        "outtmp": outtmp,
        "state": True,
        "false": list(_FALSE_CHIPS),
    }


def _pool(no: int, addr: str, user: str, diff: str, counts: tuple[int, int]) -> dict[str, Any]:
    """One pool slot; the one with a difficulty set is the one connected (state 1)."""
    connect = diff != "0.00 G"
    return {
        "no": no,
        "addr": addr,
        "user": user,
        "pass": "x",
        "connect": connect,
        "diff": diff,
        "priority": no,
        "accepted": counts[0],
        "rejected": counts[1],
        "state": 1 if connect else 0,
        **_POOL_TAIL,
    }


_NICEHASH: Final = "stratum+tcp://kheavyhash.auto.nicehash.com:9200"
_ASIA: Final = "stratum+tcp://asia-kas.2miners.com:2323"
_US: Final = "stratum+tcp://us-kas.2miners.com:2323"
_KASPA_USER: Final = "kaspa:qqp...jzj"


USERPANEL_KS3M: Final[dict[str, Any]] = {
    "error": 0,
    "data": {
        "model": "none",
        "algo": "none",
        "online": True,
        "firmver1": "BOOT_2_0.BIN",
        "firmver2": "image_1.0",
        "softver1": "5977449_ks3m_miner",
        "softver2": "5977449_ks3m_bg",
        "firmtype": "Factory",
        "nic": "eth0",
        "mac": "52-8c-03-36-ec-e7",
        "ip": "192.168.1.16",
        "netmask": "255.255.255.0",
        "host": "petalinux_config13",
        "dhcp": False,
        "gateway": "192.168.1.1",
        "dns": "192.168.1.1",
        "locate": False,
        "rtpow": "6226G",
        "avgpow": "6308G",
        "reject": 2.403846,
        "runtime": "00:09:36:02",
        "unit": "G",
        "pows": {
            "board1": [
                6135, 6120, 6212, 6076, 6439, 6113, 6160, 6421, 6039, 6036, 6135, 6135,
                6289, 6274, 6311, 6322, 6212, 6318, 6358, 6149, 6362, 6435, 6226,
            ]
        },
        "pows_x": [f"{5 * n} mins" for n in range(23)],
        "powstate": True,
        "netstate": True,
        "fanstate": True,
        "tempstate": True,
        "fans": [1028, 1028, 1028, 1072],
        "pools": [
            _pool(1, _NICEHASH, "NHb...L6D", "0.00 G", (0, 0)),
            _pool(2, _ASIA, _KASPA_USER, "70368.74 G", (3058, 76)),
            _pool(3, _US, _KASPA_USER, "0.00 G", (0, 0)),
        ],
        "boards": [
            _board(1, "2151.38G", "2146.49G", 26, 49),
            _board(2, "2114.73G", "2104.34G", 25, 126),
            _board(3, "1960.80G", "2057.92G", 26, 49),
        ],
        "refTime": "2023-04-14 01:21:51 UTC",
    },
    "message": "",
}  # fmt: skip


# The machine page's read, post=1, as the replay answers it (its pools' counters are an
# earlier snapshot than the userpanel's: 16 accepted, 2 rejected on the connected one).
MACHINECONFIG_KS3M: Final[dict[str, Any]] = {
    "error": 0,
    "data": {
        "pools": [
            _pool(1, _NICEHASH, "NHb...L6D", "0.00 G", (0, 0)),
            _pool(2, _ASIA, _KASPA_USER, "70368.74 G", (16, 2)),
            _pool(3, _US, _KASPA_USER, "0.00 G", (0, 0)),
        ],
        "ratio": 1,
        "mode": 1,
    },
    "message": "",
}
