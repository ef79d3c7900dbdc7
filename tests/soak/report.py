"""The soak's figures as a Markdown table and JSON (``scripts/soak``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MIB = 1024 * 1024

ROWS: tuple[tuple[str, str, str], ...] = (
    # label, key at the start, key at the end
    ("open file descriptors", "fds_start", "fds_end"),
    ("resident memory (MiB)", "rss_start_mib", "rss_end_mib"),
    ("Python allocations (MiB, tracemalloc)", "traced_start_mib", "traced_end_mib"),
    ("asyncio tasks (pending)", "tasks_start", "tasks_end"),
    ("tasks pending for 30 s or more", "stuck_tasks_start", "stuck_tasks_end"),
)


def markdown(figures: dict[str, Any]) -> str:
    f = figures
    lines = [
        f"Soak: {f['entries']} config entries ({f['entities']} entities) in one Home "
        f"Assistant, polled back to back for {f['seconds']:.0f} s against {f['entries']} "
        f"simulated miners ({', '.join(f['models'])}) in another process; about "
        f"{f['faulty_share']:.0%} of them faulty at any time (seed {f['seed']}). Start and "
        f"end are the medians of the first and last third of {f['samples']} samples taken "
        f"after a {f['warmup_s']:.0f} s warm-up.",
        "",
        "| figure | start | end | change | per 1000 polls |",
        "|---|---|---|---|---|",
    ]
    polls = f["polls_between"]
    for label, start_key, end_key in ROWS:
        start, end = f.get(start_key), f.get(end_key)
        if start is None or end is None:
            continue
        per = f"{(end - start) / polls * 1000:+.3g}" if polls else "-"
        lines.append(f"| {label} | {start:g} | {end:g} | {end - start:+.3g} | {per} |")
    injected = ", ".join(f"{kind} {n}" for kind, n in sorted(f["faults_by_kind"].items()))
    lines += [
        "",
        "| polls done | polls failed | faults injected | recoveries | recovered at the end "
        "| tasks of ours after unload | fds after unload (kept alive by HA's session) "
        "| fds before setup |",
        "|---|---|---|---|---|---|---|---|",
        f"| {f['polls']} | {f['polls_failed']} | {f['faults']} ({injected}) "
        f"| {f['recoveries']} | {f['recovered']}/{f['entries']} | {f['tasks_left']} "
        f"| {f['fds_after_unload']} ({f['kept_alive_after_unload']}) | {f['fds_baseline']} |",
    ]
    if "controls_by_control" in f:
        lines += ["", _controls(f)]
    return "\n".join(lines) + "\n"


def _controls(f: dict[str, Any]) -> str:
    """ "Controls pressed: fault_light 40 (done 36, failed 4), …; by model: …"."""

    def outcomes(counts: dict[str, int]) -> str:
        return ", ".join(f"{outcome} {n}" for outcome, n in sorted(counts.items())) or "none"

    by_control = "; ".join(
        f"{name} {sum(counts.values())} ({outcomes(counts)})"
        for name, counts in f["controls_by_control"].items()
    )
    by_model = "; ".join(
        f"{model} {outcomes(counts)}" for model, counts in f["controls_by_model"].items()
    )
    return f"Controls pressed through Home Assistant: {by_control}. By model: {by_model}."


def write(figures: dict[str, Any], stem: Path) -> str:
    """Write ``stem``.md and ``stem``.json; the Markdown."""
    text = markdown(figures)
    stem.with_suffix(".md").write_text(text, encoding="utf-8")
    stem.with_suffix(".json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return text
