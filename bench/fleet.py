"""The benchmark's fleet composition: one row per simulated model.

A new firmware family joins the benchmark with one row per model: the simulator's model key
(tests/simulator, any family of tests/simulator/families.py), the make and model a client
must report for it (with the other right spellings the clients use), the firmware group of
the requests table, and which clients read it (a client is given, and judged on, only the
models it supports). A model on aftermarket firmware names it too: a client that takes the
miner for stock firmware (or another) has it wrong, whatever model it names. Where the
simulated miner's login is not every client's default, the row says what it is: the
simulator is started with it, and the clients that take a login are given it.
"""

from __future__ import annotations

from dataclasses import dataclass

CLIENTS = ("ours", "pyasic", "pyasic-rs")


@dataclass(frozen=True, slots=True)
class BenchModel:
    key: str  # tests/simulator model key
    make: str  # what a client must report, compared as bench.run.normal does
    model: str
    group: str  # the firmware column of the requests table
    readers: tuple[str, ...] = CLIENTS  # the clients that support this model
    also: tuple[str, ...] = ()  # other right spellings of the model ("qhome" for "q")
    makes: tuple[str, ...] = ()  # other right spellings of the make ("avalon")
    firmware: str = ""  # aftermarket firmware a client must name (FIRMWARES); "": not judged
    password: str | None = None  # root's password on the simulated miner; None: its default
    login: tuple[str, str] | None = None  # given to the clients that take one (bench/client.py)

    def read_by(self, client: str) -> bool:
        return client in self.readers

    def names(self) -> set[tuple[str, str]]:
        return {(k, m) for k in (self.make, *self.makes) for m in (self.model, *self.also)}

    def sim_options(self) -> dict[str, str]:
        return {} if self.password is None else {"password": self.password}


# How the clients name aftermarket firmware (lower case) → the row's firmware: pyasic
# "BOS+" / "VNish", pyasic-rs "Braiins" / "VNish", ours "Braiins OS" / "VNish".
FIRMWARES: dict[str, str] = {
    "bos+": "braiins",
    "bos": "braiins",
    "braiins": "braiins",
    "braiins os": "braiins",
    "braiins os+": "braiins",
    "vnish": "vnish",
    "hive": "hiveon",  # pyasic's name of Hiveon
    "hiveon": "hiveon",
    "mskminer": "mskminer",
    "marafw": "mara",  # pyasic's name of MARA firmware
    "mara": "mara",
    "epic": "epic",  # pyasic's and ours
    "umc os": "epic",  # pyasic-rs's name of ePIC PowerPlay
    "luxos": "luxos",  # pyasic's, pyasic-rs's and ours
}

# Braiins OS: pyasic 0.79.0 reads BOSminer (RPC, LuCI, SSH as root with "root"); for the
# GraphQL and REST generations it takes BOSer's gRPC (port 50051), which they do not need
# and the simulator does not serve, so it reads neither (tests/peer/test_bosplus_peers.py,
# test_bos_rest_peers.py). pyasic-rs 0.8.6 finds BOSminer by its RPC and then asks GraphQL
# for the model, so it reads no BOSminer miner (test_bosminer_peers.py); it reads the
# GraphQL and REST generations, the REST API only once told the login (set_auth: its
# default password is not the shipped empty one).
BRAIINS_WEB = ("ours", "pyasic-rs")
SHIPPED_LOGIN = ("root", "")


ROWS: tuple[BenchModel, ...] = (
    BenchModel("antminer-s19pro", "antminer", "s19pro", "Antminer X19/S21"),
    BenchModel("antminer-s19jpro", "antminer", "s19jpro", "Antminer X19/S21"),
    BenchModel("antminer-s21", "antminer", "s21", "Antminer X19/S21"),
    BenchModel("antminer-s9", "antminer", "s9", "Antminer S9"),
    BenchModel("whatsminer-m30s+", "whatsminer", "m30s+", "Whatsminer API V2"),
    BenchModel("whatsminer-m50s", "whatsminer", "m50s", "Whatsminer API V2"),
    BenchModel("whatsminer-m56s", "whatsminer", "m56s", "Whatsminer API V2"),
    BenchModel("whatsminer-m60s", "whatsminer", "m60s", "Whatsminer API V3"),
    BenchModel("whatsminer-m66s", "whatsminer", "m66s", "Whatsminer API V3"),
    # Avalons: pyasic and pyasic-rs say make "AvalonMiner", ours "Avalon" (as Canaan sells
    # them). pyasic 0.79.0 has no NerdQAxe class (pyasic/miners/factory.py: MINER_CLASSES).
    BenchModel("avalon-nano3s", "avalonminer", "nano3s", "Avalon", makes=("avalon",)),
    BenchModel("avalon-mini3", "avalonminer", "mini3", "Avalon", makes=("avalon",)),
    # pyasic names it "Avalon Q Home", pyasic-rs "AvalonHomeQ", ours "Avalon Q".
    BenchModel(
        "avalon-q", "avalonminer", "q", "Avalon", also=("qhome", "homeq"), makes=("avalon",)
    ),
    # pyasic "AvalonMiner Avalon1566" (pyasic/miners/device/models/avalonminer), ours
    # "Avalon A1566".
    BenchModel("avalon-a1566", "avalonminer", "1566", "Avalon", also=("a1566",), makes=("avalon",)),
    BenchModel("espminer-bitaxe-gamma", "bitaxe", "gamma", "ESP-Miner"),
    BenchModel("espminer-bitaxe-gamma-2.12", "bitaxe", "gamma", "ESP-Miner"),
    BenchModel("espminer-bitaxe-supra-2.4", "bitaxe", "supra", "ESP-Miner"),
    BenchModel("espminer-nerdqaxe-pp", "nerdaxe", "nerdqaxe++", "ESP-Miner", ("ours", "pyasic-rs")),
    # The S9 keeps the older Braiins OS default "root" (as pyasic logs in); ours tries the
    # current empty one first.
    BenchModel(
        "braiins-s9-bosminer",
        "antminer",
        "s9",
        "Braiins OS (BOSminer)",
        ("ours", "pyasic"),
        firmware="braiins",
        password="root",
    ),
    BenchModel(
        "braiins-s19-bosplus",
        "antminer",
        "s19",
        "Braiins OS+ (GraphQL)",
        BRAIINS_WEB,
        firmware="braiins",
        login=SHIPPED_LOGIN,
    ),
    BenchModel(
        "braiins-s21-bos",
        "antminer",
        "s21pro",
        "Braiins OS (REST)",
        BRAIINS_WEB,
        firmware="braiins",
        login=SHIPPED_LOGIN,
    ),
    BenchModel(
        "braiins-s19xp-bos2507",
        "antminer",
        "s19xp",
        "Braiins OS (REST)",
        BRAIINS_WEB,
        firmware="braiins",
        login=SHIPPED_LOGIN,
    ),
    # VNish: pyasic 0.79.0 has VNish classes for both, but its factory takes whichever of
    # its web and cgminer probes answers first, and matches the cgminer Type "Antminer …
    # (Vnish …)" as stock (tests/peer/test_vnish_peers.py): it is given them and judged on
    # what it makes of them.
    BenchModel("vnish-s19pro", "antminer", "s19pro", "VNish", firmware="vnish"),
    BenchModel("vnish-s21plus-hydro", "antminer", "s21+hydro", "VNish", firmware="vnish"),
    # Hiveon: pyasic 0.79.0 finds it ("Hive") but has no S9 class (its generic one knows no
    # model); asic-rs has no Hiveon backend and reads it as stock (test_hiveon_peers.py).
    BenchModel("hiveon-s9", "antminer", "s9", "Hiveon", firmware="hiveon"),
    # MSKMiner: pyasic 0.79.0 has classes for it (named "Stock" firmware); asic-rs has none
    # and identifies nothing there (tests/peer/test_mskminer_peers.py).
    BenchModel(
        "mskminer-s19-88", "antminer", "s19-88", "MSKMiner", ("ours", "pyasic"), firmware="mskminer"
    ),
    # MARA: pyasic 0.79.0 finds it (MaraMiner; no KS5 Pro class); pyasic-rs takes a MARA
    # miner's model from its RPC, which the simulated one lacks (test_marathon_peers.py).
    BenchModel(
        "marathon-ks5pro", "antminer", "ks5pro", "MARA", ("ours", "pyasic"), firmware="mara"
    ),
    # MARA on an S19 XP: pyasic's MaraS19XP (its MARA table names the model).
    BenchModel("marathon-s19xp", "antminer", "s19xp", "MARA", ("ours", "pyasic"), firmware="mara"),
    # ePIC PowerPlay: pyasic (ePICS19XP) and pyasic-rs ("UMC OS") find it by its page and
    # read its REST API on 4028 with the shipped password (test_epic_peers.py).
    BenchModel("epic-s19xp", "antminer", "s19xp", "ePIC", firmware="epic"),
    # LuxOS: pyasic 0.79.0 (LUXMiner) and pyasic-rs find it by LUXminer in its RPC answers
    # and read it there (tests/peer/test_luxos_peers.py); no login.
    BenchModel("luxos-s19kpro", "antminer", "s19kpro", "LuxOS", firmware="luxos"),
    # Elphapex (Scrypt): pyasic 0.79.0 (ElphapexDG1Plus) and pyasic-rs ("DG1Plus") find it
    # by its "Daoge" digest realm and read its CGI (tests/peer/test_elphapex_peers.py).
    BenchModel("elphapex-dg1plus", "elphapex", "dg1+", "Elphapex"),
    # Hammer (Scrypt): pyasic 0.79.0 finds it (HammerD10) by its "blackMiner" realm and
    # reads ccminer's RPC on 8359; pyasic-rs has no Hammer backend (test_hammer_peers.py).
    BenchModel("hammer-d10", "hammer", "d10", "Hammer", ("ours", "pyasic")),
    # VolcMiner (Scrypt, the same firmware): pyasic 0.79.0 asks its model with Hammer's
    # login, which a D1 on its shipped one refuses, and reads a Hammer of unknown model;
    # pyasic-rs finds nothing (test_volcminer_peers.py).
    BenchModel("volcminer-d1", "volcminer", "d1", "VolcMiner", ("ours",)),
    # Goldshell (Blake2B): pyasic 0.79.0 has no SC Lite class (GoldshellUnknown) and reads
    # rates from BFGMiner's RPC only; pyasic-rs names it but reads no rate off the web
    # (tests/peer/test_goldshell_peers.py).
    BenchModel("goldshell-sclite", "goldshell", "sclite", "Goldshell", ("ours",)),
    # Auradine: pyasic 0.79.0 (AuradineFluxAT1500) and pyasic-rs ("Auradine Stock") find it
    # by GCMiner in its RPC answers and read its token API on 8080 with admin/admin
    # (tests/peer/test_auradine_peers.py).
    BenchModel("auradine-at1500", "auradine", "at1500", "Auradine"),
    # SealMiner: pyasic 0.79.0 has no backend for it; pyasic-rs ("Sealminer" "A2") finds it by
    # bdminer in its RPC answers (tests/peer/test_sealminer_peers.py).
    BenchModel(
        "sealminer-a2",
        "bitdeer",
        "sealminera2",
        "SealMiner",
        ("ours", "pyasic-rs"),
        also=("a2",),
        makes=("sealminer",),
    ),
    # IceRiver (kHeavyHash): pyasic 0.79.0 (IceRiverKS3M) logs in to its panel and reads it;
    # pyasic-rs has no IceRiver backend (tests/peer/test_iceriver_peers.py).
    BenchModel("iceriver-ks3m", "iceriver", "ks3m", "IceRiver", ("ours", "pyasic")),
    # Innosilicon A9 (Equihash): pyasic 0.79.0 has no A9 class (InnosiliconUnknown, no
    # model); pyasic-rs has no Innosilicon backend (tests/peer/test_innosilicon_peers.py).
    BenchModel("innosilicon-a9", "innosilicon", "a9", "Innosilicon", ("ours",)),
)
BY_KEY = {row.key: row for row in ROWS}


# The rows benchmarked: all of them unless select() keeps some.
_CHOSEN: list[BenchModel] = list(ROWS)


def select(keys: list[str]) -> None:
    """Keep only these rows (``scripts/bench --models``): some models benchmarked alone."""
    unknown = [key for key in keys if key not in BY_KEY]
    if unknown:
        raise SystemExit(f"bench/fleet.py has no row for {', '.join(unknown)}")
    _CHOSEN[:] = [BY_KEY[key] for key in keys]


def rows() -> tuple[BenchModel, ...]:
    return tuple(_CHOSEN)


def keys() -> tuple[str, ...]:
    return tuple(row.key for row in _CHOSEN)


def groups() -> tuple[str, ...]:
    return tuple(sorted({row.group for row in _CHOSEN}))


def check_simulated(known: set[str]) -> None:
    """Fail before anything starts when a row names a model the simulator does not have."""
    unknown = [row.key for row in ROWS if row.key not in known]
    if unknown:
        raise SystemExit(f"bench/fleet.py names models the simulator lacks: {', '.join(unknown)}")


def composition() -> str:
    """ "3 Antminer X19/S21, 1 Antminer S9, ..." — the models per group, for the report."""
    counts: dict[str, int] = {}
    for row in rows():
        counts[row.group] = counts.get(row.group, 0) + 1
    return ", ".join(f"{n} {group}" for group, n in counts.items())
