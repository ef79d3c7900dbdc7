"""What the soak samples in Home Assistant's process, and how growth is judged."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import statistics
import tracemalloc
import weakref
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from types import CoroutineType
from typing import Any

OUR_CODE = f"{os.sep}custom_components{os.sep}asic_miner{os.sep}"
TCP_STATES = {"01": "ESTABLISHED", "06": "TIME_WAIT", "08": "CLOSE_WAIT", "0A": "LISTEN"}


@dataclass(frozen=True, slots=True)
class Sample:
    at: float  # s since the soak started
    polls: int  # polls done by then
    fds: int
    rss: int  # bytes
    traced: int | None  # bytes allocated by Python (tracemalloc), when tracing
    tasks: int  # pending
    stuck_tasks: int  # pending for long (TaskAges)


def open_fds() -> int:
    """Open file descriptors of this process (blocking: run it in an executor)."""
    return len(os.listdir("/proc/self/fd"))


def open_sockets() -> dict[str, int]:
    """This process's TCP sockets by remote port and state ("4028 ESTABLISHED"), for
    telling what is still open (blocking: run it in an executor)."""
    inodes = set()
    for name in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            target = os.readlink(f"/proc/self/fd/{name}")
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    found: Counter[str] = Counter()
    with open("/proc/self/net/tcp", encoding="ascii") as table:
        for line in table.readlines()[1:]:
            fields = line.split()
            if fields[9] in inodes:
                port = int(fields[2].split(":")[1], 16)
                found[f"{port} {TCP_STATES.get(fields[3], fields[3])}"] += 1
    return dict(found)


def rss_bytes() -> int:
    """Resident memory of this process (blocking: run it in an executor)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class TaskAges:
    """Counts the tasks that have been pending for long (stuck), leaving out those that
    were there at the first look (the soak's own pollers, Home Assistant's background).

    The total number of tasks swings with the polls in flight; a task that should have
    ended but waits forever shows here. No poll of ours lasts ``age`` seconds: each request
    times out after 10 s.
    """

    def __init__(self, age: float) -> None:
        self.age = age
        self._seen: weakref.WeakKeyDictionary[asyncio.Task[Any], float] = (
            weakref.WeakKeyDictionary()
        )
        self._first: weakref.WeakSet[asyncio.Task[Any]] | None = None

    def stuck(self, now: float) -> int:
        tasks = asyncio.all_tasks()
        if self._first is None:
            self._first = weakref.WeakSet(tasks)
        count = 0
        for task in tasks:
            seen = self._seen.setdefault(task, now)
            if now - seen >= self.age and task not in self._first:
                count += 1
        return count


async def take_sample(at: float, polls: int, ages: TaskAges) -> Sample:
    gc.collect()
    fds, rss = await asyncio.to_thread(lambda: (open_fds(), rss_bytes()))
    traced = tracemalloc.get_traced_memory()[0] if tracemalloc.is_tracing() else None
    return Sample(at, polls, fds, rss, traced, len(asyncio.all_tasks()), ages.stuck(at))


@dataclass(frozen=True, slots=True)
class Growth:
    """A figure at the start and at the end of the sampled soak (medians of thirds)."""

    name: str
    start: float
    end: float
    polls: int  # polls done between the middles of the two thirds

    @property
    def growth(self) -> float:
        return self.end - self.start

    @property
    def per_poll(self) -> float:
        return self.growth / self.polls if self.polls else 0.0


def growth(samples: list[Sample], name: str) -> Growth:
    """The median of the last third of the samples against the median of the first third."""
    third = len(samples) // 3
    if third < 2:
        raise ValueError(f"too few samples ({len(samples)}) to compare thirds")
    first, last = samples[:third], samples[-third:]

    def median(part: list[Sample], key: str) -> float:
        return float(statistics.median(getattr(s, key) for s in part))

    return Growth(
        name,
        median(first, name),
        median(last, name),
        int(median(last, "polls") - median(first, "polls")),
    )


def _awaited_code(coro: Any) -> Iterator[str]:
    """The files of a coroutine and of everything it awaits, innermost last."""
    while coro is not None:
        code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
        if code is not None:
            yield code.co_filename
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)


def tasks_of_ours(prefixes: tuple[str, ...]) -> list[asyncio.Task[Any]]:
    """Pending tasks running our code, or naming a miner's address (aiohttp connections).

    ``prefixes``: the fleet's address prefixes, such as ``"127.0.30."``.
    """
    found = []
    for task in asyncio.all_tasks():
        if task.done():
            continue
        coro = task.get_coro()
        ours = isinstance(coro, CoroutineType) and any(
            OUR_CODE in name for name in _awaited_code(coro)
        )
        if ours or any(prefix in repr(task) for prefix in prefixes):
            found.append(task)
    return found
