"""Training through the browser against the engine alone, for d2l's configuration, measured in one run.

On a fresh `streamlit run app.py`, --rounds times over:
(a) the engine: `python -m dropout_core.train` in a subprocess; its record's wall_time_s (training and evaluation,
    no data loading), with the command line's torch threads (every usable core); where the server's count differs
    (hardware.server_threads(): one core fewer where runs depend on the thread count), once more with the server's,
    so that the second ratio isolates what the page adds to the same engine;
(b) straight after it, the same configuration on the Train page in a fresh tab of a headless Chromium: from the click
    on Start until "Finished." shows (the data is already loaded: Start waits for it); the downloaded run record's
    wall_time_s says how much of that the server's trainer itself spent, and the browser's CPU time over the run
    how much the drawing took from the cores the trainer uses. On 2 cores (2026-12-01) a watched run's Chromium took
    1.2-1.6 CPU-s: 0.3 with no redraw during the run, 0.4 with an empty panel redrawn every second, 0.7 with the
    progress bar and text but no charts; a canvas renderer, fixed colour domains and no progress-bar animation each
    changed it by less than the spread between runs.
Each round's ratio compares two runs a few seconds apart, and the figure is the rounds' median: on a machine shared
with other work, two engine runs a minute apart took 7.6 and 9.1 s (2026-12-01). The first round is a fresh server's
first training.
(b') straight after it, the same run watched without a browser: a websocket client that speaks the page's protocol
    (benchmarks/protocol_client.py) clicks Start, answers the redraw timer and waits for the finished run's progress
    text. That is the server alone, as for a learner whose browser runs on another machine (the hosted demo): on 2
    cores a local Chromium's drawing stalls the trainer's two OpenMP threads whenever it takes one of their cores, so
    (b) costs the trainer about as much wall time as the browser's CPU time.
(c) Then, on that server, --repeats short runs in a fresh tab each: from the click on Start to the speed in the
    progress text and to the first curve point (the first chart), and from the click on Stop to an enabled Resume.
Goals: browser/engine <= 1.1 (remote/engine, the same without a local browser, is reported beside it); the first
curve point within 1 s; Stop to an enabled Resume within 0.5 s.
With --compare-gc, everything runs once more on a server with runner.postScriptGC flipped.

Run: .venv/bin/python benchmarks/browser_training.py [--epochs 10] [--train-size 60000] [--rounds 3] [--repeats 3]
     [--compare-gc]
The last line is `browser/engine=X.XX browser/engine_same_threads=Y.YY remote/engine=R.RR` (with --compare-gc
followed by `browser/engine_flipped_gc=Z.ZZ`), each the median of the rounds.
"""
import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.measure import (  # noqa: E402
    EXCEPTION,
    REPO_ROOT,
    load_average,
    memory_mb,
    server_settings,
    tree_cpu_seconds,
)
from benchmarks.protocol_client import ProtocolPage  # noqa: E402
from dropout_core.runtime import settings  # noqa: E402
from dropout_core.runtime.hardware import server_threads  # noqa: E402
from tools.local_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

# Resolves true once the page shows the text, false after timeoutMs. It looks when the page changes (a
# MutationObserver): Playwright's own wait looks on every animation frame, and on 2 cores that alone took about 0.3 s
# of CPU from a watched 10-epoch run (2026-12-01: Chromium 1.3-1.5 CPU-s against 1.7-2.0), as no learner's browser does.
TEXT_SHOWN_JS = """([text, timeoutMs]) => new Promise(resolve => {
    let observer, timer;
    const finish = shown => { observer.disconnect(); clearTimeout(timer); resolve(shown); };
    const check = () => { if (document.body.textContent.includes(text)) finish(true); };
    observer = new MutationObserver(check);
    timer = setTimeout(() => finish(false), timeoutMs);
    observer.observe(document.body, {subtree: true, childList: true, characterData: true});
    check();
})"""
FINISHED_PROGRESS = re.compile(r"^100 % · trained at")  # the progress text of a run that has finished
SHORT_RUN_EPOCHS = 50  # far more than a short run trains before its Stop, so it is still running then
TRAIN_BEFORE_STOP_S = 1.0


def engine_run(epochs: int, train_size: int, timeout_s: float, threads: int | None = None) -> float:
    """The record's wall_time_s of the command-line engine training this configuration, with this many torch threads
    (None: the command line's own choice)."""
    env = {**os.environ, "DROPOUT_EXPLORER_OFFLINE": "1"}
    if threads is not None:
        env[settings.THREADS] = str(threads)
    with tempfile.TemporaryDirectory() as folder:
        record = Path(folder) / "run.json"
        subprocess.run([sys.executable, "-m", "dropout_core.train", "--epochs", str(epochs), "--train-size",
                        str(train_size), "--json", str(record)], cwd=REPO_ROOT, check=True, timeout=timeout_s,
                       stdout=subprocess.DEVNULL, env=env)
        return json.loads(record.read_text())["wall_time_s"]


def open_train_page(tab, url: str, epochs: int, train_size: int) -> None:
    """Open the Train page with this configuration and wait until Start can be clicked (the data is loaded)."""
    tab.goto(f"{url}/train?epochs={epochs}&train_size={train_size}")
    tab.get_by_role("button", name="Start", disabled=False).wait_for()


def browser_cpu_seconds(server_pid: int) -> float:
    """CPU time so far of the processes this benchmark started besides the server: Chromium and Playwright's driver."""
    return tree_cpu_seconds(os.getpid(), leave_out=server_pid)


def full_run(tab, url: str, epochs: int, train_size: int, timeout_s: float, server_pid: int
             ) -> tuple[float, float, float]:
    """(seconds from the click on Start to "Finished.", the downloaded record's wall_time_s, the browser's CPU
    seconds meanwhile)."""
    open_train_page(tab, url, epochs, train_size)
    browser_cpu = browser_cpu_seconds(server_pid)
    started = time.perf_counter()
    tab.get_by_role("button", name="Start").click()
    if not tab.evaluate(TEXT_SHOWN_JS, ["Finished.", timeout_s * 1000]):
        raise TimeoutError(f'"Finished." did not show within {timeout_s:.0f} s')
    seconds = time.perf_counter() - started
    browser_cpu = browser_cpu_seconds(server_pid) - browser_cpu
    with tab.expect_download() as download:
        tab.get_by_role("button", name=re.compile(r"Download run \(JSON\)")).click()
    return seconds, json.loads(Path(download.value.path()).read_text())["wall_time_s"], browser_cpu


async def remote_run(url: str, epochs: int, train_size: int, timeout_s: float) -> float:
    """Seconds from the click on Start until the server sends the finished run's progress text, for a visitor
    without a browser (the page opened and its data loaded first, as in full_run)."""
    page = await ProtocolPage.open(url, f"/train?epochs={epochs}&train_size={train_size}", timeout_s)
    try:
        started = time.perf_counter()
        await page.click("Start", timeout_s)
        while not FINISHED_PROGRESS.search(page.progress_text):
            if time.perf_counter() - started > timeout_s:
                raise TimeoutError(f"the run did not finish within {timeout_s:.0f} s")
            await asyncio.sleep(0.02)
        return time.perf_counter() - started
    finally:
        await page.close()


def short_run(tab, url: str, train_size: int) -> tuple[float, float, float]:
    """Seconds from Start to the speed in the progress text, from Start to the first chart, from Stop to Resume."""
    open_train_page(tab, url, SHORT_RUN_EPOCHS, train_size)
    started = time.perf_counter()
    tab.get_by_role("button", name="Start").click()
    tab.get_by_text(re.compile(r"images/s")).wait_for()
    speed_s = time.perf_counter() - started
    tab.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
    chart_s = time.perf_counter() - started
    time.sleep(TRAIN_BEFORE_STOP_S)
    started = time.perf_counter()
    tab.get_by_role("button", name="Stop").click()
    tab.get_by_role("button", name="Resume", disabled=False).wait_for()
    return speed_s, chart_s, time.perf_counter() - started


def spread(values: list[float]) -> str:
    """Median and largest of a few timings."""
    return f"median {statistics.median(values):.2f} s, max {max(values):.2f} s"


def timed_rounds(context, url: str, server_pid: int, args) -> tuple[list[float], list[float], list[float]]:
    """Print (a), (b) and (b') --rounds times over; return each round's browser/engine, browser/engine_same_threads
    and remote/engine."""
    cli_threads, threads = settings.value(settings.THREADS), server_threads()
    ratios, same_thread_ratios, remote_ratios = [], [], []
    for number in range(1, args.rounds + 1):
        engine_s = engine_run(args.epochs, args.train_size, timeout_s=3600)
        same_threads_s = engine_s if threads == cli_threads else engine_run(
            args.epochs, args.train_size, timeout_s=3600, threads=threads)
        tab = context.new_page()
        tab.set_default_timeout(120_000)
        # bounds a hang; a loaded machine may be several times slower
        seconds, record_s, browser_cpu = full_run(tab, url, args.epochs, args.train_size,
                                                  timeout_s=max(600.0, 10 * engine_s), server_pid=server_pid)
        tab.close()
        # On a thread of its own: Playwright's synchronous API keeps an event loop running on this one.
        with ThreadPoolExecutor(max_workers=1) as executor:
            remote_s = executor.submit(asyncio.run, remote_run(url, args.epochs, args.train_size,
                                                               timeout_s=max(600.0, 10 * engine_s))).result()
        ratios.append(seconds / engine_s)
        same_thread_ratios.append(seconds / same_threads_s)
        remote_ratios.append(remote_s / engine_s)
        same = "" if threads == cli_threads else f", on the server's {threads} thread(s) {same_threads_s:.1f} s"
        print(f"  round {number}: engine {engine_s:.1f} s{same}; browser {seconds:.1f} s from the click on Start to "
              f"\"Finished.\" (the page's record: wall_time_s {record_s:.1f} s; the browser drew with "
              f"{browser_cpu:.1f} CPU-s of the same cores); browser/engine={ratios[-1]:.2f}; without a browser "
              f"{remote_s:.1f} s, remote/engine={remote_ratios[-1]:.2f}")
    return ratios, same_thread_ratios, remote_ratios


def measure_server(browser, env: dict, args) -> tuple[float, float, float]:
    """Print (a), (b), (b') and (c) on a fresh server with these environment variables; return the rounds' median
    browser/engine, browser/engine_same_threads and remote/engine."""
    with streamlit_server(**env) as (url, server):
        context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
        ratios, same_thread_ratios, remote_ratios = timed_rounds(context, url, server.pid, args)
        ratio, remote = statistics.median(ratios), statistics.median(remote_ratios)
        print(f"  browser/engine: median {ratio:.2f} of {args.rounds} round(s), from {min(ratios):.2f} to "
              f"{max(ratios):.2f} (goal <= 1.1); with the same threads {statistics.median(same_thread_ratios):.2f}; "
              f"without a browser (remote/engine) median {remote:.2f}, from {min(remote_ratios):.2f} to "
              f"{max(remote_ratios):.2f}")
        tab = context.new_page()
        tab.set_default_timeout(120_000)
        samples = [short_run(tab, url, args.train_size) for _ in range(args.repeats)]
        speed, chart, stop = ([sample[i] for sample in samples] for i in range(3))
        print(f"  click on Start to the speed in the progress text: {spread(speed)} ({args.repeats} runs)")
        print(f"  click on Start to the first curve point: {spread(chart)} (goal within 1 s)")
        print(f"  click on Stop to an enabled Resume: {spread(stop)} (goal within 0.5 s)")
        errors = tab.locator(EXCEPTION).count()
        print(f"  server peak memory (VmHWM) {memory_mb(server.pid, 'VmHWM'):.0f} MB; errors on the page: {errors}")
        context.close()
    return ratio, statistics.median(same_thread_ratios), remote


def main() -> None:
    """Time the engine and the browser in rounds on each server setting; print each figure and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--train-size", type=int, default=60_000)
    parser.add_argument("--rounds", type=int, default=3, help="engine and browser runs, one after the other")
    parser.add_argument("--repeats", type=int, default=3, help="short runs for the Start and Stop timings")
    parser.add_argument("--compare-gc", action="store_true", help="also measure with runner.postScriptGC flipped")
    args = parser.parse_args()
    if args.rounds < 1 or args.repeats < 1:
        parser.error("--rounds and --repeats take at least 1: each figure is a median of runs")
    from playwright.sync_api import sync_playwright

    print(f"start: {load_average()}")
    print(f"{args.epochs} epochs of {args.train_size:,} images; the engine's process also loads the data, which "
          "its wall_time_s leaves out")
    ratios, same_threads, remote = [], None, None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, env in server_settings(args.compare_gc):
            print(f"server with {name}: {load_average()}")
            ratio, same_thread_ratio, remote_ratio = measure_server(browser, env, args)
            ratios.append(ratio)
            same_threads = same_threads or same_thread_ratio  # the server as configured
            remote = remote or remote_ratio
        browser.close()
    print(f"end: {load_average()}")
    print(" ".join([f"browser/engine={ratios[0]:.2f}", f"browser/engine_same_threads={same_threads:.2f}",
                    f"remote/engine={remote:.2f}"]
                   + [f"browser/engine_flipped_gc={r:.2f}" for r in ratios[1:]]))


if __name__ == "__main__":
    main()
