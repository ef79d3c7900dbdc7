"""The model table: what each known miner model should have, as data.

Each family package in ``backends/`` holds its make's rows (``backends/<family>/models.py``);
this module gathers them and finds a model by any common spelling of its name.
"""

from __future__ import annotations

import importlib
import re
from typing import Final

from .backends import FAMILY_PACKAGES
from .backends.antminer.models import MAKE as ANTMINER
from .backends.antminer.models import MODERN, OLD
from .backends.whatsminer.models import MAKE as WHATSMINER
from .model_info import ModelInfo

__all__ = ["ANTMINER", "MODELS", "MODERN", "OLD", "WHATSMINER", "ModelInfo", "lookup"]


def _family_rows() -> tuple[ModelInfo, ...]:
    rows: list[ModelInfo] = []
    for package in FAMILY_PACKAGES:
        try:
            module = importlib.import_module(f"{__package__}.backends.{package}.models")
        except ModuleNotFoundError as err:
            if err.name != f"{__package__}.backends.{package}.models":
                raise
            continue  # a family without a model table
        rows.extend(module.MODELS)
    return tuple(rows)


MODELS: Final[tuple[ModelInfo, ...]] = _family_rows()

# Words that name the make; stripped before comparing model names.
_MAKE_WORDS = ("ANTMINER", "BITMAIN", "WHATSMINER", "MICROBT")
# Suffix spellings that mean the same model.
_SYNONYMS = (("HYDRO", "HYD"), ("PLUS", "+"))
_SEPARATORS = re.compile(r"[\s_\-.]+")
# Whatsminer bin variants after the family name: "M50S+" + "VK30", "M30S+" + "VE45".
_WHATSMINER_VARIANT = re.compile(r"^(?P<family>M\d{2}[A-Z+]*?)(?P<variant>V[A-Z]\d{2})$")


def normalise(name: str) -> str:
    """A comparison key: 'Antminer S19 Pro', 'S19 Pro', 'ANTMINER S19PRO' → 'S19PRO'.

    Anything after ' (' is dropped (``version`` Type: 'Antminer S19 Pro (88T)').
    """
    key = name.split(" (", 1)[0].upper()
    for word in _MAKE_WORDS:
        key = key.replace(word, "")
    key = _SEPARATORS.sub("", key)
    for long, short in _SYNONYMS:
        key = key.replace(long, short)
    return key


_BY_KEY: Final[dict[str, ModelInfo]] = {normalise(model.name): model for model in MODELS}


def lookup(name: str | None, make: str | None = None) -> ModelInfo | None:
    """The table entry for a model name in any common spelling, or None when unknown."""
    if not name:
        return None
    model = next((_BY_KEY[key] for key in candidate_keys(name) if key in _BY_KEY), None)
    if model is None or (make is not None and model.make.upper() != make.upper()):
        return None
    return model


def whatsminer_variant(name: str) -> str | None:
    """A Whatsminer model string as its variant key: 'M30S+_VE45' → 'M30S+VE40'.

    The last digit only tells bins of one variant apart; None when ``name`` has no variant.
    """
    match = _WHATSMINER_VARIANT.match(normalise(name))
    if match is None:
        return None
    variant = match.group("variant")
    return match.group("family") + variant[:-1] + "0"


def whatsminer_family(name: str) -> str | None:
    """The family of a Whatsminer model string: 'M50S_VH35' → 'M50S'; None without a variant."""
    match = _WHATSMINER_VARIANT.match(normalise(name))
    return match.group("family") if match else None


def candidate_keys(name: str) -> list[str]:
    """Table keys to try for a name, most specific first (exact, variant, family)."""
    keys = [normalise(name)]
    for key in (whatsminer_variant(name), whatsminer_family(name)):
        if key is not None and key not in keys:
            keys.append(key)
    return keys
