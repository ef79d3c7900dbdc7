"""How MARA firmware is recognised on an Antminer, and which model it is.

Its RPC answers name it ("KAONSU", pyasic miners/factory.py; asic-rs firmwares/marathon
firmware.rs looks for "MARAFW" too). Its web answers the "antMiner" digest realm the stock
firmware serves: that realm is weak here (also in the stock family), and a miner found by
it alone is asked for ``GET /kaonsu/v1/brief`` (as pyasic does): a JSON object is MARA,
anything else is the stock firmware and its resolver decides. Ranked AFTERMARKET, so the
realm names MARA's check first, and a stock Antminer's own RPC answer ("ANTMINER", strong)
never reaches it.
"""

from __future__ import annotations

import logging

from ...credentials import Firmware
from ...errors import AsicMinerError
from ...family import AFTERMARKET, Family, Identity, Marker
from ...models import lookup
from ...probes import Probes, match_marker, succeeded
from ..antminer import family as stock
from ..antminer.models import MAKE
from . import replies
from .api import BASE
from .backend import Marathon

_LOGGER = logging.getLogger(__name__)


async def _overview(probes: Probes) -> dict[str, object] | None:
    """The overview (its model), or None when the web does not answer as MARA's does."""
    web = probes.web_for(Firmware.MARATHON)
    try:
        brief = await web.get_json(BASE + "brief")
        if not isinstance(brief, dict):
            return None
        overview = await web.get_json(BASE + "overview")
    except AsicMinerError as err:
        _LOGGER.debug("%s: no MARA web API: %s", probes.web.host, err)
        return None
    return overview if isinstance(overview, dict) else {}


def _rpc_names_mara(probes: Probes) -> bool:
    answers = [repr(t.result()) for t in (probes.version, probes.devdetails) if succeeded(t)]
    return any(match_marker(FAMILY.rpc_markers, answer) for answer in answers)


async def resolve(probes: Probes) -> Identity:
    overview = await _overview(probes)
    if overview is None and not _rpc_names_mara(probes):
        return await stock.resolve(probes)
    name = replies.model_name(overview)
    row = lookup(name, MAKE)
    return Identity(Marathon, row.name if row else name)


FAMILY = Family(
    Firmware.MARATHON,
    rpc_markers=(Marker("KAONSU", Firmware.MARATHON), Marker("MARAFW", Firmware.MARATHON)),
    web_markers=(Marker('REALM="ANTMINER', Firmware.MARATHON, strong=False),),
    resolve=resolve,
    rank=AFTERMARKET,
)
