"""CPU seconds used per part of the running system during a benchmark phase, read from /proc.

A throughput figure on a saturated two-core box only says something when it comes with where the CPU
went; this groups every process of the system (each API, each worker, PostgreSQL backends by database,
RabbitMQ, the load generator itself) and reports the CPU it used between two snapshots.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

_TICKS = os.sysconf("SC_CLK_TCK")
_API = re.compile(r"gunicorn .*--bind \S+ (\w+)\.app:")
_WORKER = re.compile(r"python -m (\w+)\.worker")
_BACKEND = re.compile(r"^postgres: (?:\S+: )?\S+ (\S+) ")


def _group(cmdline: str) -> str | None:
    if match := _API.search(cmdline):
        return f"{match.group(1)} api"
    if match := _WORKER.search(cmdline):
        return f"{match.group(1)} worker"
    if match := _BACKEND.match(cmdline):
        return f"postgres {match.group(1)}"
    if cmdline.startswith("postgres") or "/postgres " in cmdline or "bin/postgres" in cmdline:
        return "postgres (server)"
    if "beam.smp" in cmdline:
        return "rabbitmq"
    return None


def _cpu_of(pid: str) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime + stime


def snapshot() -> dict[int, tuple[str, float]]:
    """CPU seconds so far of every process that belongs to the system, keyed by pid."""
    own = os.getpid()
    taken = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                cmdline = handle.read().replace(b"\0", b" ").decode(errors="replace").strip()
            group = "load generator" if int(pid) == own else _group(cmdline)
            if group:
                taken[int(pid)] = (group, _cpu_of(pid))
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    return taken


@dataclass
class CpuUse:
    by_group: dict[str, float]
    seconds: float

    @property
    def total(self) -> float:
        return sum(self.by_group.values())

    def report(self, units: int, unit_name: str) -> str:
        lines = [f"CPU used: {self.total:.1f} s in {self.seconds:.1f} s ({self.total / self.seconds:.2f} cores), "
                 f"{self.total / units * 1000:.1f} ms per {unit_name}"]
        for group, used in sorted(self.by_group.items(), key=lambda kv: -kv[1]):
            if used >= 0.05:
                lines.append(f"  {group:<24} {used:7.1f} s  {used / units * 1000:6.2f} ms per {unit_name}")
        return "\n".join(lines)


def used_between(before: dict, after: dict, seconds: float) -> CpuUse:
    """Processes that started during the phase count from zero; ones that ended are lost (rare: pools)."""
    by_group: dict[str, float] = {}
    for pid, (group, cpu) in after.items():
        start = before.get(pid, (group, 0.0))[1]
        by_group[group] = by_group.get(group, 0.0) + max(0.0, cpu - start)
    return CpuUse(by_group, seconds)
