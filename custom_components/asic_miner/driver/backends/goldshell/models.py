"""Goldshell's models: one row each, the algorithm it mines and its rated figures.

Rates count 10^12 of the algorithm's work per second (a Mini Doge's 185 MH/s is
0.000185). Boards, chips and fans: pyasic miners/device/models/goldshell (Mini Doge, KD Box
II / Pro, KD5, KD Max, CK5, HS5) and crProductGuy/goldshell-box-tools-productguy
gbox/models.py, read from real units (SC-BOX one board of 16 chips, two fans; SC Lite four
boards of 46, four fans); rated rate and power as Goldshell publishes them (the SC rows
from the same gbox table). A model without a row here (LT5, LT6, KD6, CK6, SC5 Pro II …)
still mines the coin its name says: ``algorithm_of`` reads it from the name's series.
"""

from __future__ import annotations

from typing import Final

from ...algorithm import Algorithm
from ...model_info import ModelInfo

MAKE: Final = "Goldshell"

MODELS: Final[tuple[ModelInfo, ...]] = (
    ModelInfo(MAKE, "Mini Doge", 1, 40, 2, 0.000185, 233, 233, algorithm=Algorithm.SCRYPT),
    ModelInfo(MAKE, "KD Box II", 1, 36, 2, 5.0, 400, 400, algorithm=Algorithm.BLAKE2S),
    ModelInfo(MAKE, "KD Box Pro", 1, 16, 2, 2.6, 230, 230, algorithm=Algorithm.BLAKE2S),
    ModelInfo(MAKE, "KD5", 4, 46, 4, 18.0, 2250, 2250, algorithm=Algorithm.BLAKE2S),
    ModelInfo(MAKE, "KD Max", 3, 84, 4, 40.2, 3350, 3350, algorithm=Algorithm.BLAKE2S),
    ModelInfo(MAKE, "CK5", 4, 46, 4, 12.0, 2400, 2400, algorithm=Algorithm.EAGLESONG),
    ModelInfo(MAKE, "HS5", 4, 46, 4, 2.7, 2650, 2650, algorithm=Algorithm.BLAKE2B_SHA3),
    ModelInfo(MAKE, "SC Box", 1, 16, 2, 0.9, 200, 200, algorithm=Algorithm.BLAKE2B),
    ModelInfo(MAKE, "SC Lite", 4, 46, 4, 4.4, 950, 950, algorithm=Algorithm.BLAKE2B),
)

# Goldshell names each series after its coin: Mini Doge / LT (Scrypt), KD (Kadena), CK
# (Nervos), HS (Handshake), SC (Sia), LB (LBRY), AL (Alephium), E-KA (Kaspa).
_SERIES: Final[tuple[tuple[str, Algorithm], ...]] = (
    ("MINIDOGE", Algorithm.SCRYPT),
    ("LT", Algorithm.SCRYPT),
    ("KD", Algorithm.BLAKE2S),
    ("CK", Algorithm.EAGLESONG),
    ("HS", Algorithm.BLAKE2B_SHA3),
    ("SC", Algorithm.BLAKE2B),
    ("LB", Algorithm.LBRY),
    ("AL", Algorithm.BLAKE3),
    ("EKA", Algorithm.KHEAVYHASH),
)


def algorithm_of(name: str | None) -> Algorithm | None:
    """The coin a Goldshell model's name says it mines ("LT6" → Scrypt); None if unknown."""
    key = "".join(ch for ch in (name or "").upper() if ch.isalnum())
    return next((algo for prefix, algo in _SERIES if key.startswith(prefix)), None)
