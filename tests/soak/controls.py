"""Controls pressed through Home Assistant during the soak, as automations press them.

Every ``PERIOD`` seconds the next model of the mix in turn gets one control, on a miner of
that model with no fault at the time (chosen from a seed): one of the controls its entry
offers, as a blocking service call. Models that have had no control done yet go first, so a
control that fails in a fault window is tried again. The mining switch is turned off and on
again, the fault light on and off again (so a miner ends as it began); the power target is
set to a value within the bounds the entity shows, a preset (VNish) to one of those it
lists. Each outcome is counted by model: done, failed (the miner refused or went away: a
fault may start meanwhile), skipped (the entity was unavailable: Home Assistant would do
nothing). A control that raises anything else, or is still running after
``CONTROL_TIMEOUT``, is unexpected.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er

from custom_components.asic_miner.const import DOMAIN

PERIOD = 0.5  # s between two controls started
IN_FLIGHT = 4  # controls running at once at most; a tick with that many starts none
CONTROL_TIMEOUT = 60.0  # s: BOSminer's power target restarts BOSminer and waits for it
DONE, FAILED, SKIPPED = "done", "failed", "skipped"


@dataclass(frozen=True, slots=True)
class Offered:
    """One control of one entry: its entity and what pressing it calls."""

    name: str  # "mining", "fault_light", "power_target", "preset"
    entity_id: str


# (entity domain, entity key) of the controls pressed, in the entity's own unique id.
CONTROLS: tuple[tuple[str, str], ...] = (
    ("switch", "mining"),
    ("switch", "fault_light"),
    ("number", "power_target"),
    ("select", "preset"),
)


def offered(hass: HomeAssistant, entry: ConfigEntry) -> list[Offered]:
    """The controls of CONTROLS this entry has entities for."""
    registry = er.async_get(hass)
    found = []
    for domain, key in CONTROLS:
        entity_id = registry.async_get_entity_id(domain, DOMAIN, f"{entry.unique_id}_{key}")
        if entity_id is not None:
            found.append(Offered(key, entity_id))
    return found


class Controls:
    """Presses the controls; ``faulty(host)`` says whether the chaos has a fault on it."""

    def __init__(
        self,
        hass: HomeAssistant,
        entries: Sequence[ConfigEntry],
        miners: Sequence[Mapping[str, Any]],
        *,
        seed: int,
        faulty: Callable[[str], bool],
    ) -> None:
        self.hass = hass
        self.faulty = faulty
        self.random = random.Random(seed)
        self.by_host = {
            str(m["host"]): offered(hass, e) for e, m in zip(entries, miners, strict=True)
        }
        self.model = {str(m["host"]): str(m["model"]) for m in miners}
        self.hosts_of: dict[str, list[str]] = {}
        for host, model in self.model.items():
            if self.by_host[host]:
                self.hosts_of.setdefault(model, []).append(host)
        self.models = sorted(self.hosts_of)
        self.outcomes: Counter[tuple[str, str, str]] = Counter()  # (model, control, outcome)
        self.unexpected: list[str] = []
        self._done: set[str] = set()  # models with a control done
        self._busy: set[str] = set()
        self._tasks: set[asyncio.Task[str]] = set()
        self._turn = 0

    async def press(self, host: str, control: Offered) -> str:
        """One control on one miner; its outcome (also counted)."""
        state = self.hass.states.get(control.entity_id)
        if state is None or state.state == STATE_UNAVAILABLE:
            outcome = SKIPPED
        else:
            try:
                async with asyncio.timeout(CONTROL_TIMEOUT):
                    for domain, service, data in self._calls(control, state.attributes):
                        await self.hass.services.async_call(
                            domain,
                            service,
                            {"entity_id": control.entity_id, **data},
                            blocking=True,
                        )
                outcome = DONE
            except HomeAssistantError:
                outcome = FAILED
            except Exception as err:  # anything else: reported by the soak, which fails
                self.unexpected.append(f"{self.model[host]} {control.name}: {err!r}"[:300])
                outcome = "unexpected"
        self.outcomes[self.model[host], control.name, outcome] += 1
        if outcome == DONE:
            self._done.add(self.model[host])
        return outcome

    def _calls(
        self, control: Offered, attributes: Mapping[str, Any]
    ) -> list[tuple[str, str, dict[str, Any]]]:
        if control.name == "mining":
            return [("switch", "turn_off", {}), ("switch", "turn_on", {})]
        if control.name == "fault_light":
            return [("switch", "turn_on", {}), ("switch", "turn_off", {})]
        if control.name == "power_target":
            low, high, step = attributes["min"], attributes["max"], attributes["step"]
            value = low + step * self.random.randint(0, int((high - low) // step))
            return [("number", "set_value", {"value": value})]
        options = [o for o in attributes["options"] if o not in (STATE_UNKNOWN, None)]
        return [("select", "select_option", {"option": self.random.choice(options)})]

    def tick(self) -> None:
        """Start the next model's control, if a miner of it is free and there is room."""
        if len(self._tasks) >= IN_FLIGHT or not self.models:
            return
        turn = [m for m in self.models if m not in self._done] or self.models
        model = turn[self._turn % len(turn)]
        self._turn += 1
        free = [h for h in self.hosts_of[model] if h not in self._busy and not self.faulty(h)]
        if not free:
            return
        host = self.random.choice(free)
        control = self.random.choice(self.by_host[host])
        self._busy.add(host)
        task = asyncio.get_running_loop().create_task(self.press(host, control))
        self._tasks.add(task)

        def finished(task: asyncio.Task[str]) -> None:
            self._tasks.discard(task)
            self._busy.discard(host)

        task.add_done_callback(finished)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.tick()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), PERIOD)
        await asyncio.gather(*self._tasks)

    def by_model(self) -> dict[str, dict[str, int]]:
        """Outcomes per model: {"braiins-s9-bosminer": {"done": 3, "failed": 1}, …}."""
        out: dict[str, Counter[str]] = {model: Counter() for model in self.models}
        for (model, _control, outcome), count in self.outcomes.items():
            out[model][outcome] += count
        return {model: dict(counts) for model, counts in sorted(out.items())}

    def by_control(self) -> dict[str, dict[str, int]]:
        out: dict[str, Counter[str]] = {}
        for (_model, control, outcome), count in self.outcomes.items():
            out.setdefault(control, Counter())[outcome] += count
        return {control: dict(counts) for control, counts in sorted(out.items())}
