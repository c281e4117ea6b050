"""What the browser benchmarks share: the machine's load, a process's memory and CPU time, the servers to compare.

The machine is small and shared: a benchmark prints the load average at its start and end, and compares only
figures measured within one run.
"""
import os
import re
import tomllib
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
EXCEPTION = '[data-testid="stException"]'  # what Streamlit draws for an uncaught error in a script
GC_ENV = "STREAMLIT_RUNNER_POST_SCRIPT_GC"  # Streamlit's environment variable for runner.postScriptGC


def load_average() -> str:
    """The 1, 5 and 15 minute load averages and the core count, for the first and last lines of a benchmark."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def memory_mb(pid: int, field: str) -> float:
    """A memory figure of a process from /proc (VmRSS now, VmHWM peak), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.M).group(1)) / 1024


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a running process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime: fields 14, 15 of stat


def descendants(root: int) -> list[int]:
    """The processes below root (children, their children, ...) alive now."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):  # gone since the listing
                continue
    found, frontier = [], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def lower_tree_priority(root: int, niceness: int) -> None:
    """Set every thread of the processes below root to this nice value (what they start later inherits it)."""
    for pid in descendants(root):
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                os.setpriority(os.PRIO_PROCESS, int(task.name), niceness)
            except OSError:  # gone since the listing
                continue


def tree_cpu_seconds(root: int, leave_out: int) -> float:
    """CPU time of the live processes below root, without leave_out and its own (here: Chromium, not the server)."""
    skipped = {leave_out, *descendants(leave_out)}
    total = 0.0
    for pid in descendants(root):
        if pid not in skipped:
            try:
                total += cpu_seconds(pid)
            except OSError:
                continue
    return total


def configured_post_script_gc() -> bool:
    """runner.postScriptGC as .streamlit/config.toml sets it (Streamlit's default: on)."""
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text())
    return config.get("runner", {}).get("postScriptGC", True)


def server_settings(compare_gc: bool) -> list[tuple[str, dict]]:
    """(name, environment) of each server to measure: as configured, and with compare_gc also postScriptGC flipped.

    Streamlit lets an environment variable override config.toml, so the flipped server needs no file change.
    """
    on = configured_post_script_gc()
    settings = [(f"postScriptGC {'on' if on else 'off'} (as configured)", {})]
    if compare_gc:
        settings.append((f"postScriptGC {'off' if on else 'on'}", {GC_ENV: str(not on).lower()}))
    return settings
