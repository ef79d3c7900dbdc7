"""The part of Braiins OS+ 24.09's GraphQL schema the simulated miner serves, transcribed
from the schema the firmware gives by introspection (asic-rs meta/braiins/24.09/
schema.graphql; types, fields and their types as there, arguments left out). A field
outside it is refused as the firmware refuses it (gql.validate).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SDL_24_09 = """
type Query { events: EventQuery! bos: BosQuery! bosminer: BosminerQuery! }
type Mutation { auth: Auth! bos: BosMutation! bosminer: BosminerMutation! }
type Auth { login: AuthResult! logout: AuthResult! extend: AuthResult! }
union AuthResult = VoidResult | AuthError
type AuthError { message: String! }
type VoidResult { void: Void! }
type EventQuery { appeals: [Appeal!]! }
type Appeal { id: ID! kind: AppealKind! timestamp: Timestamp! message: String! }
type BosQuery {
  hostname: String macAddress: String uptime: BosUptime info: BosInfo! faultLight: Boolean!
  errors: [ErrorEntry!]!
}
type ErrorEntry { timestamp: String! message: String! }
type BosUptime { since: Timestamp! durationS: Int! }
type BosInfo { mode: BosMode! version: BosVersion! }
type BosVersion { full: String! isPlus: Boolean! }
type BosMutation { reboot: BosResult! setFaultLight: BosFaultLight! }
union BosResult = VoidResult | BosError
type BosError { message: String! }
type BosFaultLight { enabled: Boolean! }
type BosminerQuery {
  info: BosminerInfo! uptime: BosminerUptime metadata: BosminerMetadata!
  config: BosminerConfigResult!
}
type BosminerUptime { since: Timestamp! durationS: Int! }
type BosminerInfo {
  modelName: String! poolGroups: [GroupInfo!]! summary: SummaryInfo!
  workSolver: WorkSolverInfo! fans: [FanInfo!]
}
type SummaryInfo {
  realHashrate: RealHashrate! poolStatus: PoolStatus! shares: SharesInfo! power: PowerInfo
  tunerStatus: TunerStatus
}
type PowerInfo { limitW: Int approxConsumptionW: Int chipConsumptionW: Int efficiencyWMhs: Float }
type RealHashrate {
  mhsAv: Float! mhs5S: Float! mhs15S: Float! mhs30S: Float! mhs1M: Float! mhs5M: Float!
  mhs15M: Float! mhs30M: Float! mhs1H: Float! mhs24H: Float! mhsSinceRestart: Float!
}
type WorkSolverInfo {
  name: String! nominalMhs: Float! realHashrate: RealHashrate! hwErrorMhs15M: Float!
  hwDetails: HwDetails power: PowerInfo tuner: TunerInfo temperatures: [Temperature!]
  childSolvers: [WorkSolverInfo!]
}
type TunerInfo { status: TunerStatus! statusMessages: [String!]! }
type HwDetails { chips: Int frequencyMhz: Float voltageV: Float }
type Temperature { name: String! degreesC: Float! }
type FanInfo { name: String! speed: Int! rpm: Int! }
type GroupInfo { name: String! pools: [PoolInfo!]! }
type PoolInfo {
  url: String! user: String! status: PoolStatus! active: Boolean! shares: SharesInfo!
}
type SharesInfo {
  acceptedDifficulty: Int! acceptedSolutions: Int! rejectedDifficulty: Int!
  rejectedSolutions: Int!
}
union BosminerConfigResult = BosminerConfig | BosminerConfigError
type BosminerConfigError { message: String! }
type BosminerConfig {
  tempControl: TempControl fanControl: FanControl autotuning: Autotuning
  groups: [GroupConfig!]!
}
type TempControl { mode: TempControlMode targetTemp: Float hotTemp: Float dangerousTemp: Float }
type FanControl { speed: Int minFans: Int minFanRpm: Int immersionModeEnabled: Boolean }
type Autotuning { enabled: Boolean mode: TunerMode powerTarget: Int hashrateTarget: Float }
type GroupConfig { id: ID! name: String! strategy: LoadBalanceStrategy pools: [PoolConfig!]! }
union LoadBalanceStrategy = QuotaStrategy | FixedShareRatioStrategy
type QuotaStrategy { quota: Int! }
type FixedShareRatioStrategy { fixedShareRatio: Float! }
type PoolConfig { id: ID! enabled: Boolean url: String! user: String! password: String }
type BosminerMetadata { tempControl: TempControlMetadata autotuning: AutotuningMetadata }
type TempControlMetadata {
  modeDefault: TempControlMode! targetTemp: FloatMetadata! hotTemp: FloatMetadata!
  dangerousTemp: FloatMetadata!
}
type AutotuningMetadata {
  enabled: BooleanMetadata! modes: [TunerMode!]! modeDefault: TunerMode!
  powerTarget: UsizeMetadata! hashrateTarget: FloatMetadata!
}
type BooleanMetadata { default: Boolean! }
type UsizeMetadata { default: Int! min: Int max: Int unit: String }
type FloatMetadata { default: Float! min: Float max: Float step: Float unit: String }
type BosminerMutation {
  config: BosminerConfigurator! start: BosminerResult! stop: BosminerResult!
  restart: BosminerResult!
}
union BosminerResult = VoidResult | BosminerError
type BosminerError { message: String! }
type BosminerConfigurator {
  updateGroups: GroupListResult! updateTempAndFans: TempAndFansResult!
  updateAutotuning: AutotuningResult!
}
union GroupListResult = GroupList | GroupListError | AttributeError
type GroupList { groups: [GroupConfig!]! }
type GroupListError { message: String! }
type AttributeError { message: String! }
union TempAndFansResult = TempAndFansOut | TempAndFansError | AttributeError
type TempAndFansOut { tempControl: TempControl fanControl: FanControl }
type TempAndFansError { message: String! }
union AutotuningResult = AutotuningOut | AutotuningError | AttributeError
type AutotuningOut { autotuning: Autotuning }
type AutotuningError { message: String! mode: String powerTarget: String hashrateTarget: String }
"""

_TYPE = re.compile(r"type\s+(\w+)\s*\{([^}]*)\}")
_FIELD = re.compile(r"(\w+)\s*:\s*\[?\s*(\w+)")
_UNION = re.compile(r"union\s+(\w+)\s*=\s*([\w\s|]+?)(?=\n\s*(?:type|union)|\Z)")


@dataclass(frozen=True, slots=True)
class Schema:
    types: dict[str, dict[str, str]]  # type -> field -> the field's (base) type
    unions: dict[str, frozenset[str]]

    @classmethod
    def parse(cls, sdl: str) -> Schema:
        types = {name: dict(_FIELD.findall(body)) for name, body in _TYPE.findall(sdl)}
        unions = {
            name: frozenset(m.strip() for m in members.split("|") if m.strip())
            for name, members in _UNION.findall(sdl)
        }
        return cls(types, unions)

    def field_type(self, type_name: str, field: str) -> str | None:
        """The field's type on ``type_name`` (on every member, for a union), else None."""
        if type_name in self.unions:
            found = {self.field_type(m, field) for m in self.unions[type_name]}
            found.discard(None)
            return next(iter(found)) if len(found) == 1 else None
        return self.types.get(type_name, {}).get(field)

    def members(self, type_name: str) -> frozenset[str]:
        return self.unions.get(type_name, frozenset({type_name}))


SCHEMA_24_09 = Schema.parse(SDL_24_09)
