"""The GraphQL documents sent to Braiins OS+ 22.08-25.05, field names as its schema has
them (asic-rs meta/braiins/{21.09,24.09,25.03,25.05.1}/schema.graphql, introspected from
the firmware).

Fields that only some releases have are optional parts of the poll: a release whose
schema lacks one answers the validation error ``Unknown field "f" on type "T"``, and the
poll is asked again without it (``poll(dropped)``).
"""

from __future__ import annotations

from typing import Final

# Readable without a session: pyasic miners/factory.py get_miner_model_braiins_os and
# asic-rs firmware.rs get_model / get_version ask these before any login.
IDENTIFY: Final = "{ bosminer { info { modelName } } bos { info { version { full } } } }"

LOGIN: Final = """mutation ($username: String!, $password: String!) {
  auth { login(username: $username, password: $password) {
    __typename ... on AuthError { message } } }
}"""

# (type, field) → the text it adds to the poll, by the slot it fills.
OPTIONAL: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("BosQuery", "macAddress"): ("mac", "macAddress"),  # not in 21.09 (22.08)
    ("HwDetails", "hbSerialNumber"): ("serial", "hbSerialNumber"),  # 25.03 on
    ("FanControl", "immersionModeEnabled"): ("immersion", "immersionModeEnabled"),  # to 24.09
    ("TempControlMetadata", "allowedModes"): ("modes", "tempControl { allowedModes }"),  # 25.03
    ("Query", "events"): ("events", "events { appeals { id kind message timestamp } }"),
}

_POLL: Final = """{
  bos { hostname {mac} faultLight info { version { full } } uptime { durationS } }
  bosminer {
    info {
      modelName
      summary { tunerStatus power { limitW approxConsumptionW } }
      workSolver {
        nominalMhs
        realHashrate { mhs5S mhs1M mhs5M mhs15M mhs1H mhs24H }
        childSolvers {
          name nominalMhs realHashrate { mhs5S mhs1M }
          hwDetails { chips {serial} } temperatures { name degreesC }
        }
      }
      fans { name speed rpm }
      poolGroups { name pools { url user status active
        shares { acceptedSolutions rejectedSolutions } } }
    }
    config { ... on BosminerConfig {
      autotuning { enabled mode powerTarget hashrateTarget }
      tempControl { mode }
      fanControl { speed {immersion} }
    } }
    metadata {
      autotuning {
        modes
        powerTarget { default min max unit }
        hashrateTarget { default min max step unit }
      }
      {modes}
    }
  }
  {events}
}"""


def poll(dropped: frozenset[tuple[str, str]] = frozenset()) -> str:
    """The poll query, without the optional fields this miner's schema lacks."""
    slots = {slot: ("" if key in dropped else text) for key, (slot, text) in OPTIONAL.items()}
    query = _POLL
    for slot, text in slots.items():
        query = query.replace("{" + slot + "}", text)
    return query


FAULT_LIGHT: Final = "{ bos { faultLight } }"

POOL_GROUPS: Final = """{ bosminer { config { ... on BosminerConfig {
  groups { id name pools { url user password } } } } } }"""

SET_FAULT_LIGHT: Final = """mutation ($enable: Boolean!) {
  bos { setFaultLight(enable: $enable) { enabled } }
}"""

REBOOT: Final = "mutation { bos { reboot { __typename ... on BosError { message } } } }"


def bosminer_action(action: str) -> str:
    """``start``, ``stop`` or ``restart`` of the mining daemon (BosminerResult)."""
    result = f"{action} {{ __typename ... on BosminerError {{ message }} }}"
    return f"mutation {{ bosminer {{ {result} }} }}"


UPDATE_AUTOTUNING: Final = """mutation ($input: AutotuningIn!) {
  bosminer { config { updateAutotuning(input: $input, apply: true) {
    __typename
    ... on AutotuningOut { autotuning { mode powerTarget hashrateTarget } }
    ... on AutotuningError { message }
    ... on AttributeError { message }
  } } }
}"""

UPDATE_TEMP_AND_FANS: Final = """mutation ($input: TempAndFansIn!) {
  bosminer { config { updateTempAndFans(input: $input, apply: true) {
    __typename
    ... on TempAndFansError { message }
    ... on AttributeError { message }
  } } }
}"""

UPDATE_GROUPS: Final = """mutation ($groups: [Group!]!) {
  bosminer { config { updateGroups(groups: $groups) {
    __typename
    ... on GroupListError { message }
    ... on AttributeError { message }
  } } }
}"""
