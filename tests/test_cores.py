"""The cores a process may use: its CPU affinity, capped by a container's CPU quota (cgroup v2 or v1)."""
import os

import pytest

from dropout_core.runtime.cores import cpu_quota, usable_cores

AFFINITY = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def cgroup(tmp_path, **files):
    """A cgroup folder holding these files (a name's __ stands for /, as in v1's cpu/ subfolder)."""
    for name, text in files.items():
        path = tmp_path / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


@pytest.mark.parametrize("files, quota", [
    ({"cpu.max": "max 100000\n"}, None),  # no limit
    ({"cpu.max": "150000 100000\n"}, 1.5),
    ({"cpu.max": "7800 100000\n"}, 0.078),  # the smallest hosted demo
    ({"cpu__cpu.cfs_quota_us": "200000\n", "cpu__cpu.cfs_period_us": "100000\n"}, 2.0),  # cgroup v1
    ({"cpu__cpu.cfs_quota_us": "-1\n", "cpu__cpu.cfs_period_us": "100000\n"}, None),  # v1 without a limit
    ({"cpu.max": "lots\n"}, None), ({}, None),  # unreadable or absent: nothing known
])
def test_the_container_quota_is_read_from_either_cgroup_version(tmp_path, files, quota):
    found = cpu_quota(cgroup(tmp_path, **files))
    assert found is None if quota is None else found == pytest.approx(quota)


def test_a_quota_below_the_cores_caps_them_and_a_fraction_of_one_still_leaves_one(tmp_path):
    assert usable_cores(cgroup(tmp_path / "none")) == AFFINITY
    assert usable_cores(cgroup(tmp_path / "many", **{"cpu.max": f"{100_000 * (AFFINITY + 3)} 100000"})) == AFFINITY
    assert usable_cores(cgroup(tmp_path / "tiny", **{"cpu.max": "7800 100000"})) == 1
    # 1.5 cores: a second OpenMP thread would be throttled mid-product while the first waits for it.
    assert usable_cores(cgroup(tmp_path / "one_and_a_half", **{"cpu.max": "150000 100000"})) == 1
