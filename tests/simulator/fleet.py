"""Several simulated miners started and stopped together."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from types import TracebackType
from typing import Any, Self

from .families import make_miner


def parse_spec(spec: str) -> list[tuple[str, str]]:
    """ "model@address,model@address" -> [(model, address), ...]."""
    pairs = []
    for raw in spec.split(","):
        item = raw.strip()
        if not item:
            continue
        model, sep, address = item.partition("@")
        if not sep or not model or not address:
            raise ValueError(f"expected MODEL@ADDRESS, got {item!r}")
        pairs.append((model.strip(), address.strip()))
    if not pairs:
        raise ValueError("no miners given")
    return pairs


class Fleet:
    def __init__(self, miners: list[Any]) -> None:
        self.miners = miners

    @classmethod
    def from_spec(cls, spec: str, **options: Any) -> Fleet:
        """Options (password, quirks, jitter, ...) apply to every miner that takes them
        (families.make_miner); `password=None` means each make's default."""
        chosen = {k: v for k, v in options.items() if not (k == "password" and v is None)}
        return cls([make_miner(model, address, **chosen) for model, address in parse_spec(spec)])

    def __getitem__(self, address: str) -> Any:
        for miner in self.miners:
            if miner.address == address:
                return miner
        raise KeyError(address)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.miners)

    def __len__(self) -> int:
        return len(self.miners)

    async def start(self) -> None:
        results = await asyncio.gather(*(m.start() for m in self.miners), return_exceptions=True)
        errors = [r for r in results if isinstance(r, BaseException)]
        if errors:
            await self.stop()
            raise errors[0]

    async def stop(self) -> None:
        await asyncio.gather(*(m.stop() for m in self.miners), return_exceptions=True)

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()
