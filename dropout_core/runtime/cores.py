"""How many CPU cores this process may use: fewer than the machine shows when its container has a CPU quota."""
import functools
import os
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")  # a container sees its own cgroup here


@functools.cache  # read once: every rerun sizes the pool with it
def usable_cores(cgroup_root: Path = CGROUP_ROOT) -> int:
    """The cores this process may run on (its CPU affinity), fewer when its container's CPU quota allows less.

    A hosted demo's container may show the host's cores with a quota of a fraction of them: OpenMP threads beyond
    the quota are throttled mid-product while their team waits for them, so a quota of 1.5 cores counts as 1.
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity call
        cores = os.cpu_count() or 1
    quota = cpu_quota(cgroup_root)
    if quota is not None:
        cores = min(cores, int(quota))
    return max(1, cores)


def cpu_quota(cgroup_root: Path = CGROUP_ROOT) -> float | None:
    """CPUs' worth of time the container may use (cgroup v2's cpu.max, else v1's CFS quota); None when unlimited
    or unknown."""
    try:
        limit, period = (cgroup_root / "cpu.max").read_text().split()[:2]
        return None if limit == "max" else int(limit) / int(period)
    except (OSError, ValueError):
        pass
    try:
        limit = int((cgroup_root / "cpu" / "cpu.cfs_quota_us").read_text())
        period = int((cgroup_root / "cpu" / "cpu.cfs_period_us").read_text())
    except (OSError, ValueError):
        return None
    return limit / period if limit > 0 and period > 0 else None
