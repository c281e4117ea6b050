"""A class on one small server: how long a control change takes to show its result while two visitors train.

One `streamlit run app.py` and one headless Chromium. --sessions visitors (a browser context each), spread over the
Mask explorer, Compare and the Theory lab (its sections 1 and 3), move a control again and again (a slider with the
arrow keys, a radio, a toggle, the Resample button), a second or so apart; each change is timed from the key press
or click until the text the page computes from it (metrics, markdown, alerts, chart labels) differs from before, no
element is stale and the script is not running. A change not shown within --timeout, or a page showing an exception,
is an error of that visitor. Meanwhile --trainers more visitors train d2l's configuration on the Train page; the
timed window starts once they all train.
Goals on a 2-core machine: p95 under 1.5 s with two trainings running, no visitor with an error, and the server's
peak resident memory (VmHWM) under 1,500 MB.
It also prints the trainings' progress and the CPU time of the server and of Chromium: here they share the cores,
where a class's browsers would run on the students' own machines. So that the server gets the CPU first, as it would
alone, the harness's Chromium runs at nice 10 (--browser-niceness): the timed delay still includes every page's
drawing, on the cores the server leaves. At nice 0, 22 Chromium
renderers take the server's share of the CPU from it (load 22 on 2 cores: a rerun waits for 20 pages' turns).
A change the browser could not even begin (a control not focused within --timeout, before the clock starts: the
harness starved by its own Chromium pages) is counted apart from a change whose result a visitor waited for.
Timing the server's answer from the page's websocket frames was tried and dropped: forwarding every frame of 20 pages
to this process slowed the harness itself.
With --clients protocol every visitor and trainer is instead a websocket client that speaks the page's protocol
(benchmarks/protocol_client.py) and times a change until the server has sent its whole answer: the server alone, as
a class would load it from twenty laptops. Twenty Chromium pages on the server's 2 cores need more CPU than there is
(each change costs Chromium 0.2-0.4 CPU-s, the server 0.05-0.1 s), so the browser figure measures the harness too.
With --compare-gc the whole run repeats on a fresh server with runner.postScriptGC flipped.

Run: .venv/bin/python benchmarks/class_load.py [--clients browser|protocol] [--sessions 20] [--trainers 2]
     [--duration 90] [--compare-gc]
The last line is `p50=X.XXs p95=X.XXs errors=N peak_mb=M`, for the server as configured.
"""
import argparse
import asyncio
import functools
import os
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import websockets

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.measure import (  # noqa: E402
    EXCEPTION,
    cpu_seconds,
    load_average,
    lower_tree_priority,
    memory_mb,
    server_settings,
    tree_cpu_seconds,
)
from benchmarks.protocol_client import ProtocolError, ProtocolPage  # noqa: E402
from tools.local_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

# The text a page computes from its controls. Widgets' own text (labels, options, a slider's value and ticks) is
# left out: the browser redraws a widget the moment it is moved, before the server has even heard of it.
SIGNATURE_JS = """() => Array.from(document.querySelectorAll(
    '[data-testid="stMain"] [data-testid="stMarkdownContainer"]'
    + ':not(label *, button *, [data-testid="stWidgetLabel"] *, [data-testid="stSlider"] *), '
    + '[data-testid="stMetricValue"], [data-testid="stAlert"], [data-testid="stVegaLiteChart"] svg text'))
    .map(e => e.textContent).join('|')"""
# Elements left from before the rerun, plus the running icon: nonzero while the page's answer is still coming.
BUSY_JS = """() => document.querySelectorAll('[data-stale="true"]').length
    + document.querySelectorAll('[data-testid="stStatusWidgetRunningIcon"]').length"""
# Resolves true once the page's text differs from `before` and the page is not busy, false after timeoutMs. It checks
# when the page changes (a MutationObserver), not on a timer: twenty pages polling their whole text every 50 ms
# cost the shared cores more than they measured, and a timer adds up to its interval to every delay.
SHOWN_JS = f"""([before, timeoutMs]) => new Promise(resolve => {{
    const signature = {SIGNATURE_JS}, busy = {BUSY_JS};
    let observer, timer;
    const finish = shown => {{ observer.disconnect(); clearTimeout(timer); resolve(shown); }};
    const check = () => {{ if (signature() !== before && busy() === 0) finish(true); }};
    observer = new MutationObserver(check);
    timer = setTimeout(() => finish(false), timeoutMs);
    observer.observe(document.body, {{subtree: true, childList: true, characterData: true, attributes: true,
                                      attributeFilter: ["data-stale"]}});
    check();
}})"""
SETTLED_JS = f"() => ({SIGNATURE_JS})().length > 0 && ({BUSY_JS})() === 0"
TRAIN_EPOCHS = 50  # d2l's configuration but longer: the trainings run through the whole window
TRAIN_LINK = f"/train?epochs={TRAIN_EPOCHS}&train_seed={{seed}}"  # each trainer its own seed
PROGRESS = re.compile(r"(\d+) % · ([\d,]+) images/s")
SETUP_TIMEOUT_MS = 180_000  # a fresh server's first visitors wait for its imports and data, all at once
MAX_ACTIONS = 1_000  # per visitor: bounds the loop whatever the duration


@dataclass(frozen=True)
class Action:
    """A control change: a key pressed on a focused slider, or a click on a radio option, switch or button."""

    role: str
    name: str
    key: str = ""


def slider(name: str, key: str) -> Action:
    """An arrow key on a slider (ArrowRight moves one step up)."""
    return Action("slider", name, key)


P, D, T = "Drop probability p", "Drop rate d", "Passes T"
MASKS, SMOOTHING = "Masks drawn (N)", "Smoothing (epochs averaged)"
# Each visitor cycles through its page's actions; every cycle leaves the controls where it found them, and every
# action changes what the page computes (a slider never pushes against its end). Prediction prompts are off, as in
# a lecture, so each action redraws the page's results.
SCENARIOS = {
    "mask": ("/mask?predict=false", [
        slider(P, "ArrowRight"), Action("button", "Resample"), Action("radio", "Eval mode · net.eval()"),
        slider(P, "ArrowLeft"), Action("radio", "Training mode · net.train()"), slider(P, "ArrowLeft"),
        Action("button", "Resample"), slider(P, "ArrowRight"),
    ]),
    "compare": ("/compare?predict=false", [
        slider(SMOOTHING, "ArrowRight"), Action("switch", "Log scale for losses"), slider(SMOOTHING, "ArrowLeft"),
        Action("switch", "Log scale for losses"),
    ]),
    "theory l2": ("/theory?section=l2&predict=false", [
        slider(D, "ArrowRight"), Action("radio", "true weights (that made y)"), slider(D, "ArrowLeft"),
        slider(MASKS, "ArrowRight"), slider(D, "ArrowLeft"), Action("radio", "least-squares solution"),
        slider(D, "ArrowRight"), slider(MASKS, "ArrowLeft"),
    ]),
    "theory mc": ("/theory?section=mc&predict=false", [
        slider(T, "ArrowRight"), Action("radio", "spread of the predicted class's probability"),
        slider(T, "ArrowLeft"), slider(T, "ArrowLeft"), Action("radio", "predictive entropy (nats)"),
        slider(T, "ArrowRight"),
    ]),
}
PAGE_SCENARIOS = (("mask",), ("compare",), ("theory l2", "theory mc"))  # visitors go round the three pages


@dataclass
class Outcome:
    """What the visitors saw: each change's delay, what went wrong, and the changes never made, by visitor."""

    delays: list[float] = field(default_factory=list)
    by_scenario: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)  # visitor -> what went wrong
    harness_misses: dict[str, int] = field(default_factory=dict)  # visitor -> controls not focused in time

    def error(self, visitor: str, what: str) -> None:
        """Note an error of a visitor."""
        self.errors.setdefault(visitor, []).append(what)


class NotActed(Exception):
    """The browser could not get a control ready in time: the change was never made, no visitor waited for it."""


class NotShown(Exception):
    """A change was made, but its result did not show within the timeout."""


class SetupFailed(Exception):
    """A visitor's page could not be opened."""


def scenario_of(index: int) -> str:
    """The scenario of the index-th visitor: pages in turn, Theory lab visitors alternating between sections."""
    on_page = PAGE_SCENARIOS[index % len(PAGE_SCENARIOS)]
    return on_page[index // len(PAGE_SCENARIOS) % len(on_page)]


class InBrowser:
    """A visitor's Chromium tab."""

    def __init__(self, tab):
        self.tab = tab

    async def crashed(self) -> bool:
        """Whether the page shows an exception."""
        return await self.tab.locator(EXCEPTION).count() > 0


class OverProtocol:
    """A visitor's websocket session."""

    def __init__(self, page: ProtocolPage):
        self.page = page

    async def crashed(self) -> bool:
        """Whether the server sent an exception."""
        return bool(self.page.exceptions)


class BrowserVisit(InBrowser):
    """A visitor in a Chromium page: keys pressed and clicks made as a student would, timed until the page shows."""

    @classmethod
    async def open(cls, context, url: str, path: str) -> "BrowserVisit":
        """The page at path, once it has drawn."""
        from playwright.async_api import Error as PlaywrightError

        tab = await context.new_page()
        try:
            await tab.goto(url + path, timeout=SETUP_TIMEOUT_MS)
            await tab.wait_for_function(SETTLED_JS, timeout=SETUP_TIMEOUT_MS, polling=200)
        except PlaywrightError as error:
            raise SetupFailed(str(error).splitlines()[0]) from error
        return cls(tab)

    async def change(self, action: Action, timeout_s: float) -> float:
        """Make the change; seconds until its result shows (NotShown when it does not; NotActed when the browser
        could not even get the control ready)."""
        from playwright.async_api import Error as PlaywrightError

        tab = self.tab
        control = tab.get_by_role(action.role, name=action.name)
        # A radio's or switch's input is hidden: a visitor aims at the label around it.
        aimed_at = tab.locator("label").filter(has=control) if action.role in ("radio", "switch") else control
        # Playwright's checks before a click (visible, stable, enabled) can take seconds on a busy machine and are no
        # part of what a visitor waits for: a trial click makes them before the clock starts. The click itself is
        # then sent to the control, not to a point on the screen: on a busy machine the page's layout could still
        # shift (a chart above taking its height) between aiming and clicking, and a mouse click there would hit
        # something else.
        try:
            await (control.focus() if action.key else aimed_at.click(trial=True))
        except PlaywrightError as error:
            raise NotActed(str(error).splitlines()[0]) from error
        try:
            before = await tab.evaluate(SIGNATURE_JS)
            started = time.perf_counter()
            await (tab.keyboard.press(action.key) if action.key else control.dispatch_event("click"))
            shown = await tab.evaluate(SHOWN_JS, [before, timeout_s * 1000])
        except PlaywrightError as error:
            raise NotShown(str(error).splitlines()[0]) from error
        delay = time.perf_counter() - started
        if not shown or delay > timeout_s:  # a starved page's timer can fire late: the clock here decides
            raise NotShown(f"not shown within {timeout_s:.0f} s" + (f" (after {delay:.1f} s)" if shown else ""))
        return delay

    async def settle(self) -> None:
        """Wait until the page has drawn whatever answer is still coming."""
        await self.tab.wait_for_function(SETTLED_JS, timeout=SETUP_TIMEOUT_MS, polling=200)


class ProtocolVisit(OverProtocol):
    """A visitor speaking the websocket protocol: a change is timed until the server has sent its whole answer."""

    @classmethod
    async def open(cls, url: str, path: str) -> "ProtocolVisit":
        """The page at path, once its first run ended."""
        try:
            return cls(await ProtocolPage.open(url, path, SETUP_TIMEOUT_MS / 1000))
        except (ProtocolError, OSError, websockets.WebSocketException) as error:
            raise SetupFailed(str(error)) from error

    async def change(self, action: Action, timeout_s: float) -> float:
        """Send the change; seconds until the server ends the run it started (NotShown when it does not)."""
        try:
            return await self.page.move(action.role, action.name, action.key, timeout_s)
        except (ProtocolError, websockets.WebSocketException) as error:
            raise NotShown(str(error)) from error

    async def settle(self) -> None:
        """Nothing to wait for: a run that did not end in time is replaced by the next change's."""


async def visitor(open_visit, index: int, trainings_on: asyncio.Event, deadline: list[float], args,
                  outcome: Outcome) -> None:
    """Open the visitor's page (open_visit(path)), wait for the trainings, then change controls until the deadline."""
    scenario = scenario_of(index)
    name = f"visitor {index} ({scenario})"
    path, actions = SCENARIOS[scenario]
    rng = random.Random(index)
    try:
        visit = await open_visit(path)
    except SetupFailed as error:
        outcome.error(name, f"setup: {error}")
        return
    await trainings_on.wait()
    # A class already at work: each visitor's first change comes at its own moment, not all twenty at once.
    await asyncio.sleep(args.think * rng.uniform(0, 2))
    made = 0  # changes made so far: the cycle moves on only past a change that was made
    for _ in range(MAX_ACTIONS):
        if time.monotonic() > deadline[0]:
            break
        action = actions[made % len(actions)]
        try:
            delay = await visit.change(action, args.timeout)
            made += 1
            outcome.delays.append(delay)
            outcome.by_scenario.setdefault(scenario, []).append(delay)
        except NotActed:  # tried again next: skipping it would leave a radio or switch where the cycle expects it
            outcome.harness_misses[name] = outcome.harness_misses.get(name, 0) + 1
        except NotShown as error:
            made += 1
            into_window = time.monotonic() - (deadline[0] - args.duration)
            outcome.error(name, f"{action.name} {action.key}, {into_window:.0f} s into the window: {error}")
            await visit.settle()
        if await visit.crashed():
            outcome.error(name, f"exception after {action.name} {action.key}")
            break
        await asyncio.sleep(args.think * rng.uniform(0.5, 1.5))


class BrowserTraining(InBrowser):
    """A visitor training on the Train page in a Chromium page."""

    @classmethod
    async def start(cls, context, url: str, seed: int) -> "BrowserTraining":
        """Open the Train page with this seed and click Start; return once the training's speed shows."""
        tab = await context.new_page()
        await tab.goto(url + TRAIN_LINK.format(seed=seed), timeout=SETUP_TIMEOUT_MS)
        await tab.get_by_role("button", name="Start", disabled=False).click(timeout=SETUP_TIMEOUT_MS)
        await tab.get_by_text(PROGRESS).first.wait_for(timeout=SETUP_TIMEOUT_MS)
        return cls(tab)

    async def progress(self) -> tuple[int, int] | None:
        """(percent done, images/s) that the progress text shows now; None once the run finished."""
        if await self.tab.get_by_text("Finished.").count():
            return None
        text = await self.tab.get_by_text(PROGRESS).first.inner_text()
        percent, rate = PROGRESS.search(text).groups()
        return int(percent), int(rate.replace(",", ""))


class ProtocolTraining(OverProtocol):
    """A visitor training on the Train page over the websocket protocol (its page's redraw timer answered)."""

    @classmethod
    async def start(cls, url: str, seed: int) -> "ProtocolTraining":
        """Open the Train page with this seed and click Start; return once the training's speed shows."""
        page = await ProtocolPage.open(url, TRAIN_LINK.format(seed=seed), SETUP_TIMEOUT_MS / 1000)
        await page.click("Start", SETUP_TIMEOUT_MS / 1000)
        training = cls(page)
        deadline = time.monotonic() + SETUP_TIMEOUT_MS / 1000
        while await training.progress() is None:
            if time.monotonic() > deadline:
                raise ProtocolError("the training's speed did not show")
            await asyncio.sleep(0.2)
        return training

    async def progress(self) -> tuple[int, int] | None:
        """(percent done, images/s) of the progress text the server sent last; None before it has one and once the
        run finished."""
        found = PROGRESS.search(self.page.progress_text)
        if not found or found.group(1) == "100":
            return None
        return int(found.group(1)), int(found.group(2).replace(",", ""))


async def class_run(clients: str, browser, url: str, server, args) -> tuple[Outcome, list[str]]:
    """Trainers start, visitors open their pages, as Chromium pages or protocol clients; then the timed window; the
    outcome and lines about the rest."""
    outcome, notes, contexts, pages = Outcome(), [], [], []
    if clients == "browser":
        contexts = [await browser.new_context(viewport={"width": 1280, "height": 720})
                    for _ in range(args.sessions + args.trainers)]
        for context in contexts:  # a control that cannot be found or clicked is an error soon, not after 30 s
            context.set_default_timeout(args.timeout * 1000)
        visit_openers = [functools.partial(BrowserVisit.open, context, url) for context in contexts[:args.sessions]]

        async def start_training(seed):
            return await BrowserTraining.start(contexts[args.sessions + seed - 1], url, seed)
    else:
        async def open_protocol_visit(path):
            visit = await ProtocolVisit.open(url, path)
            pages.append(visit.page)
            return visit

        async def start_protocol_training(seed):
            training = await ProtocolTraining.start(url, seed)
            pages.append(training.page)
            return training

        visit_openers, start_training = [open_protocol_visit] * args.sessions, start_protocol_training
    trainings_on, deadline = asyncio.Event(), [float("inf")]
    visitors = [asyncio.create_task(visitor(visit_openers[i], i, trainings_on, deadline, args, outcome))
                for i in range(args.sessions)]
    try:
        trainings = await asyncio.gather(*(start_training(seed) for seed in range(1, args.trainers + 1)))
    except Exception as error:  # noqa: BLE001 - whatever stopped a training from starting is reported, not raised
        outcome.error("trainers", f"setup: {str(error).splitlines()[0] if str(error) else type(error).__name__}")
        trainings = []
    at_start = [await training.progress() for training in trainings]
    cpu_server, cpu_client = cpu_seconds(server.pid), client_cpu_seconds(server.pid)
    window_started = time.monotonic()
    deadline[0] = window_started + args.duration
    trainings_on.set()
    await asyncio.gather(*visitors)
    window = time.monotonic() - window_started
    server_s = cpu_seconds(server.pid) - cpu_server
    client_s = client_cpu_seconds(server.pid) - cpu_client
    changes = max(1, len(outcome.delays))
    client_name = "Chromium and Playwright" if clients == "browser" else "the protocol clients"
    notes.append(f"window {window:.0f} s from {time.strftime('%H:%M:%S', time.localtime(time.time() - window))}; "
                 f"cores busy: server {server_s / window:.2f}, {client_name} {client_s / window:.2f}; CPU seconds "
                 f"per change: server {server_s / changes:.3f} (its trainings included), {client_name} "
                 f"{client_s / changes:.3f}")
    for seed, (training, before) in enumerate(zip(trainings, at_start), start=1):
        now = await training.progress()
        if now is None or before is None:
            notes.append(f"training {seed}: finished during the window")
        else:
            notes.append(f"training {seed}: {now[0] - before[0]} % of {TRAIN_EPOCHS} epochs in the window "
                         f"(the page says {now[1]:,} images/s while training)")
        if await training.crashed():
            outcome.error(f"trainer {seed}", "exception on the Train page")
    for context in contexts:
        await context.close()
    for page in pages:
        await page.close()
    return outcome, notes


def client_cpu_seconds(server_pid: int) -> float:
    """CPU time of this harness: its own process (the protocol clients) and its children but the server (Chromium)."""
    return cpu_seconds(os.getpid()) + tree_cpu_seconds(os.getpid(), server_pid)


def quantile(values: list[float], q: int) -> float:
    """The q-th percentile (nan without values)."""
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else float("nan")


async def measure_server(browser, env: dict, args) -> str:
    """One class on a fresh server with these environment variables; print the figures, return the summary line."""
    with streamlit_server(**env) as (url, server):
        outcome, notes = await class_run(args.clients, browser, url, server, args)
        peak = memory_mb(server.pid, "VmHWM")
    for note in notes:
        print(f"  {note}")
    for scenario, delays in outcome.by_scenario.items():
        print(f"  {scenario}: {len(delays)} changes, p50 {quantile(delays, 50):.2f} s, "
              f"p95 {quantile(delays, 95):.2f} s")
    for name, what in sorted(outcome.errors.items()):
        print(f"  error, {name}: {len(what)}x, first: {what[0]}")
    if outcome.harness_misses:  # only a browser misses a control
        print(f"  not counted as errors: {sum(outcome.harness_misses.values())} changes never made, in "
              f"{len(outcome.harness_misses)} visitors, because their browser could not focus the control within "
              f"--timeout")
    print(f"  {len(outcome.delays)} changes in all; goals: p95 < 1.5 s, 0 errors, peak < 1500 MB")
    return (f"p50={quantile(outcome.delays, 50):.2f}s p95={quantile(outcome.delays, 95):.2f}s "
            f"errors={len(outcome.errors)} peak_mb={peak:.0f}")


async def main_async(args) -> None:
    """Each server setting in turn, its visitors in one Chromium or speaking the protocol from this process."""
    clients = (f"Chromium at nice {args.browser_niceness}" if args.clients == "browser"
               else "protocol clients, no browser")
    print(f"start: {load_average()}; {args.sessions} visitors, {args.trainers} trainings, {args.duration:.0f} s; "
          f"{clients}")
    if args.clients == "browser":
        from playwright.async_api import async_playwright

        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            if args.browser_niceness:  # before the server starts: it is a child of this process, and keeps nice 0
                lower_tree_priority(os.getpid(), args.browser_niceness)
            lines = await measure_servers(browser, args)
            await browser.close()
    else:
        lines = await measure_servers(None, args)
    print(f"end: {load_average()}")
    print(lines[0])


async def measure_servers(browser, args) -> list[str]:
    """Each server setting's summary line, measured on a fresh server in turn."""
    lines = []
    for name, env in server_settings(args.compare_gc):
        print(f"server with {name}: {load_average()}")
        lines.append(await measure_server(browser, env, args))
        print(f"  {lines[-1]}")
    return lines


def main() -> None:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="visitors moving controls")
    parser.add_argument("--trainers", type=int, default=2, help="visitors training on the Train page")
    parser.add_argument("--duration", type=float, default=90, help="seconds of the timed window")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds a visitor pauses between changes")
    parser.add_argument("--timeout", type=float, default=10, help="seconds a change may take before it is an error")
    parser.add_argument("--clients", choices=("browser", "protocol"), default="browser",
                        help="visitors as Chromium pages, or as websocket clients that measure the server alone")
    parser.add_argument("--browser-niceness", type=int, default=10,
                        help="nice value of the harness's Chromium (0: it competes with the server as an equal)")
    parser.add_argument("--compare-gc", action="store_true", help="also measure with runner.postScriptGC flipped")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
