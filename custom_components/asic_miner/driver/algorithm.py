"""The proof-of-work a miner computes, and the unit its coin's users read its rate in.

Every rate the driver reports (``MinerData.hashrate``, a board's, the averages, a model's
nominal) counts 10^12 of the algorithm's own work per second: TH/s of SHA-256 hashes, and
for Scrypt, X11 or Equihash the same scale of their hashes (Equihash: solutions). The
arithmetic stays the same for every coin; ``Algorithm.unit`` is what a person is shown
(Scrypt in GH/s, Equihash in kSol/s), ``to_unit`` converts; efficiency is read per
``efficiency_unit``, which for some coins is another (Scrypt: GH/s, but J/MH). Two rates
of different algorithms are never added (``MinerData.__add__``).

The default units are the ones the coins' pools and the miners' own pages use, as pyasic's
``device/algorithm/hashrate/unit`` also has them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Algorithm(StrEnum):
    SHA256 = "SHA-256"  # bitcoin
    SCRYPT = "Scrypt"  # litecoin, dogecoin
    KHEAVYHASH = "kHeavyHash"  # kaspa
    BLAKE2S = "Blake2S"  # kadena
    BLAKE2B_SHA3 = "Blake2B+SHA3"  # handshake
    EAGLESONG = "Eaglesong"  # nervos CKB
    BLAKE3 = "Blake3"  # alephium
    BLAKE256 = "Blake256"  # decred
    X11 = "X11"  # dash
    EQUIHASH = "Equihash"  # zcash
    ETHASH = "Ethash"  # ethereum classic
    BLAKE2B = "Blake2B"  # sia
    LBRY = "LBRY"  # LBRY credits
    ZKSNARK = "zkSNARK"  # aleo

    @property
    def unit(self) -> RateUnit:
        """The unit its miners' rates are read in."""
        return _DEFAULT_UNIT[self]

    @property
    def efficiency_unit(self) -> RateUnit:
        """The unit its efficiency is read per (J/TH for SHA-256, J/MH for Scrypt, J/GH for
        kHeavyHash): shown value = W / (driver rate * per_tera)."""
        return _EFFICIENCY_UNIT.get(self, self.unit)

    @property
    def small_unit(self) -> RateUnit:
        """The next smaller unit: for a home miner below one of ``unit`` (a Scrypt box in
        MH/s, a BitAxe in GH/s)."""
        unit = self.unit
        return RateUnit(f"{_SMALLER[unit.prefix]}{unit.work}/s", unit.per_tera * 1000)

    @property
    def work(self) -> str:
        """What is counted: hashes, or Equihash's solutions."""
        return _SOL if self is Algorithm.EQUIHASH else _HASH


@dataclass(frozen=True, slots=True)
class RateUnit:
    """A rate unit: its symbol and how many of it make 10^12 of the work per second."""

    symbol: str  # "TH/s", "GH/s", "kSol/s"
    per_tera: float  # shown value = driver rate * per_tera

    @property
    def prefix(self) -> str:
        return self.symbol.removesuffix("/s").removesuffix(_SOL).removesuffix(_HASH)

    @property
    def work(self) -> str:
        return _SOL if self.symbol.endswith(f"{_SOL}/s") else _HASH

    def to_unit(self, rate_tera: float) -> float:
        return rate_tera * self.per_tera

    def from_unit(self, value: float) -> float:
        return value / self.per_tera


_HASH: Final = "H"
_SOL: Final = "Sol"
_SMALLER: Final = {"E": "P", "P": "T", "T": "G", "G": "M", "M": "k", "k": "", "": ""}
_PER_TERA: Final = {"T": 1.0, "G": 1e3, "M": 1e6, "k": 1e9}


def _unit(prefix: str, work: str = _HASH) -> RateUnit:
    return RateUnit(f"{prefix}{work}/s", _PER_TERA[prefix])


_DEFAULT_UNIT: Final[dict[Algorithm, RateUnit]] = {
    Algorithm.SHA256: _unit("T"),
    Algorithm.SCRYPT: _unit("G"),
    Algorithm.KHEAVYHASH: _unit("T"),
    Algorithm.BLAKE2S: _unit("T"),
    Algorithm.BLAKE2B_SHA3: _unit("T"),
    Algorithm.EAGLESONG: _unit("T"),
    Algorithm.BLAKE3: _unit("T"),
    Algorithm.BLAKE256: _unit("T"),
    Algorithm.X11: _unit("G"),
    Algorithm.EQUIHASH: _unit("k", _SOL),
    Algorithm.ETHASH: _unit("M"),
    Algorithm.BLAKE2B: _unit("T"),
    Algorithm.LBRY: _unit("G"),
    Algorithm.ZKSNARK: _unit("G"),
}

# Where the coin's users read efficiency per another unit than the rate: the L7's
# 0.36 J/MH, a KS5 Pro's 0.15 J/GH, an Alephium box's J/GH, an E9's J/MH.
_EFFICIENCY_UNIT: Final[dict[Algorithm, RateUnit]] = {
    Algorithm.SCRYPT: _unit("M"),
    Algorithm.KHEAVYHASH: _unit("G"),
    Algorithm.BLAKE2B_SHA3: _unit("G"),
    Algorithm.BLAKE3: _unit("G"),
}
