"""Class polls under a room's load: --students answer one poll within a minute while the projector reads the tally.

Storage part: one process, as one app server. Each simulated student session (a thread, with its own random voter
token as a browser session would hold) arrives at a random moment within --spread seconds and answers once;
--changes of them change their mind a few seconds later (the answer is replaced). A lecturer thread reads tally()
every 0.5 s, as the projector's page would. It prints the load average at the start and end, the students and the
answers stored (must be equal, and the final tally must match each student's last choice), p50/p95 of answer() and
tally(), and the projector's delay: from the moment the last answer is stored until a tally shows every answer.
Runs on a fresh SQLite file by default, on --db URL (its tables are created where missing), or on a throw-away
PostgreSQL server started for the run with --temporary-postgresql.

End-to-end part, with --browsers N (instead of the storage part): one `streamlit run app.py` on the same kind of
database and one headless Chromium. A lecturer context (1920x1080, projector mode) opens the shipped tour at its
first step and clicks Open a class poll; N student contexts (a phone's 390x844 viewport each) open /poll?code=...
and wait for the question; then each chooses and clicks Send at a random moment within --browser-spread seconds,
--changes of them once more a few seconds later, and waits for the page's "Your answer is in". Meanwhile the
lecturer's page is read every 0.1 s (the "N answers" line and the histogram's counts, no reload). It prints the
answers sent against the answers stored (read with PollStore.tally on the same database: they must be equal, and
so must the stored and the shown counts per choice), p50/p95 of a click on Send until the answer is confirmed, and
the lecturer view's delay: from the last student's first answer confirmed until its line counts every answer
(and from the last Send confirmed, changes of mind included, until its histogram shows the final counts).

Run: .venv/bin/python benchmarks/poll_load.py [--students 200] [--spread 60] [--db URL | --temporary-postgresql]
     .venv/bin/python benchmarks/poll_load.py --browsers 20 [--browser-spread 10] [--db URL | --temporary-postgresql]
The last line is `sent=N stored=N answer_p50=X.XXXs answer_p95=X.XXXs projector_delay=X.XXs errors=N`, with
--browsers `browsers=N sent=N stored=N send_p50=X.XXs send_p95=X.XXs lecturer_delay=X.XXs errors=N`.
"""
import argparse
import asyncio
import contextlib
import random
import secrets
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.measure import load_average  # noqa: E402
from dropout_core.classroom import polls  # noqa: E402
from dropout_core.classroom.polls import PollError, PollStore, poll_engine  # noqa: E402
from tools.local_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402
from tools.postgres_server import postgresql_server, unavailable_reason  # noqa: E402
from ui.i18n import translate  # noqa: E402

CHOICES = ["p = 0 ends higher", "p = 0.5 ends higher", "about the same"]
PROJECTOR_EVERY_S = 0.5
CHANGE_AFTER_S = (2.0, 8.0)  # a student who changes their mind does it this long after the first answer
# The end-to-end part: the shipped tour's first step asks a question with three choices.
LECTURER_LINK = "/?tour=d2l-dropout&step=1&projector=true&predict=false"
PROJECTOR, PHONE = {"width": 1920, "height": 1080}, {"width": 390, "height": 844}
SETUP_TIMEOUT_MS = 180_000  # a fresh server's first visitors wait for its imports, all at once
SEND_TIMEOUT_MS = 60_000  # a Send not confirmed by then is an error of that student
LECTURER_EVERY_S = 0.1
# What the lecturer's page shows now: the total of its "N answers" line, and the counts its histogram's bars are
# labelled with (Vega's words for screen readers: "answers: N; choice: C"), in choice order; the choices' names above
# the bars are text marks too, without a count.
LECTURER_VIEW_JS = """() => {
  const bar = document.querySelector('.st-key-tour_bar');
  if (!bar) return null;
  const line = [...bar.querySelectorAll('[data-testid="stMarkdownContainer"] p')]
      .map(p => p.textContent.match(/^(\\d+) answers/)).find(Boolean);
  const chart = bar.querySelector('[data-testid="stVegaLiteChart"]');
  const counts = chart ? [...chart.querySelectorAll('[aria-roledescription="text mark"]')]
      .map(e => e.getAttribute('aria-label').match(/(?:^|; )answers: (\\d+)(?:;|$)/)).filter(Boolean)
      .map(found => Number(found[1])) : [];
  return {total: line ? Number(line[1]) : null, counts};
}"""


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def room_plans(rng: random.Random, students: int, spread_s: float, changes: float, choices) -> tuple[list, tuple]:
    """Per student: arrival within spread_s, first choice, and the second choice (None for those who do not change
    their mind) with its delay; and the final count per choice these plans make."""
    plans = []
    for _ in range(students):
        changes_mind = rng.random() < changes
        plans.append((rng.uniform(0, spread_s), rng.choice(choices),
                      rng.choice(choices) if changes_mind else None, rng.uniform(*CHANGE_AFTER_S)))
    last_choice = [second or first for _, first, second, _ in plans]
    return plans, tuple(last_choice.count(choice) for choice in choices)


def stored_tally(database: str, code: str):
    """The poll's tally as the database holds it, read through a connection of our own."""
    engine = poll_engine(database)
    try:
        return PollStore(engine).tally(code)
    finally:
        engine.dispose()


def run_storage_part(store: PollStore, students: int, spread_s: float, changes: float, seed: int) -> str:
    """Drive the room against store; print the figures and return the result line."""
    opened = store.open_poll("Which ends with the higher test accuracy?", CHOICES)
    plans, expected = room_plans(random.Random(seed), students, spread_s, changes, CHOICES)

    lock = threading.Lock()
    answer_latencies, errors = [], []
    last_stored = [0.0]  # when the last answer() returned
    start = time.perf_counter() + 0.5  # every thread is running before the first arrival

    def answer(voter: str, choice: str) -> None:
        began = time.perf_counter()
        try:
            store.answer(opened.code, voter, choice)
        except PollError as error:
            with lock:
                errors.append(error)
            return
        ended = time.perf_counter()
        with lock:
            answer_latencies.append(ended - began)
            last_stored[0] = max(last_stored[0], ended)

    def student(plan) -> None:
        arrival, first, second, change_after = plan
        voter = secrets.token_urlsafe(16)  # what the page would keep in the browser session
        time.sleep(max(0.0, start + arrival - time.perf_counter()))
        answer(voter, first)
        if second:
            time.sleep(change_after)
            answer(voter, second)

    threads = [threading.Thread(target=student, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    all_done = threading.Event()
    reads = []  # (began, ended, counts) of each tally the projector read

    def projector() -> None:
        # Once every student is done, last_stored is final: one more read that begins after it, and the view is due.
        while not (all_done.is_set() and reads and reads[-1][0] >= last_stored[0]):
            began = time.perf_counter()
            counts = store.tally(opened.code).counts
            reads.append((began, time.perf_counter(), counts))
            time.sleep(PROJECTOR_EVERY_S)

    lecturer = threading.Thread(target=projector)
    lecturer.start()
    for thread in threads:
        thread.join()
    all_done.set()
    lecturer.join()

    with store.engine.connect() as connection:
        stored = connection.execute(sa.select(sa.func.count()).select_from(polls.answers).join(polls.polls)
                                    .where(polls.polls.c.code == opened.code)).scalar()
    final = store.tally(opened.code).counts
    shown_all = [ended for began, ended, counts in reads if began >= last_stored[0] and counts == expected]
    delay = shown_all[0] - last_stored[0] if shown_all else float("nan")  # nan: the projector never showed them all
    tally_latencies = [ended - began for began, ended, _ in reads]
    sent_calls = len(answer_latencies) + len(errors)
    print(f"students {students} over {spread_s:.0f} s, answer() calls {sent_calls} ({sent_calls - students} changes "
          f"of mind), answers stored {stored}; final tally {final}, expected {expected}: "
          f"{'match' if final == expected else 'MISMATCH'}")
    print(f"answer(): p50 {percentile(answer_latencies, 0.5) * 1000:.1f} ms, "
          f"p95 {percentile(answer_latencies, 0.95) * 1000:.1f} ms, max {max(answer_latencies) * 1000:.1f} ms; "
          f"tally(): p50 {statistics.median(tally_latencies) * 1000:.1f} ms, "
          f"p95 {percentile(tally_latencies, 0.95) * 1000:.1f} ms over {len(tally_latencies)} reads")
    print(f"projector shows every answer {delay:.2f} s after the last was stored (it reads every "
          f"{PROJECTOR_EVERY_S} s); errors {len(errors)}{': ' + repr(errors[:3]) if errors else ''}")
    return (f"sent={students} stored={stored} answer_p50={percentile(answer_latencies, 0.5):.3f}s "
            f"answer_p95={percentile(answer_latencies, 0.95):.3f}s projector_delay={delay:.2f}s errors={len(errors)}")


async def run_browser_part(url: str, database: str, browsers: int, spread_s: float, changes: float,
                           seed: int) -> str:
    """Drive a lecturer and `browsers` students in one Chromium against the server at url; print the figures and
    return the result line."""
    from playwright.async_api import Error as PlaywrightError
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        lecturer = await (await browser.new_context(viewport=PROJECTOR)).new_page()
        lecturer.set_default_timeout(SETUP_TIMEOUT_MS)
        await lecturer.goto(url + LECTURER_LINK)
        await lecturer.get_by_role("button", name=translate("polls.open", "en")).click()
        code = (await lecturer.locator('.st-key-tour_bar [data-testid="stMetricValue"]').first.inner_text()).strip()
        choices = stored_tally(database, code).choices
        print(f"poll {code} opened through the tour bar; {browsers} students, choices {list(choices)}")
        plans, expected = room_plans(random.Random(seed), browsers, spread_s, changes, choices)
        # confirmed: when the last Send was confirmed, and the last first answer (the one that completes the count);
        # clicked: when the last first answer's Send was clicked
        send_latencies, errors, confirmed, clicked = [], [], [0.0, 0.0], [0.0]
        answered = set()  # the students with an answer stored

        async def student(index: int, plan, ready: asyncio.Event, go: asyncio.Event, opened: list) -> None:
            arrival, first, second, change_after = plan
            context = await browser.new_context(viewport=PHONE)
            context.set_default_timeout(SETUP_TIMEOUT_MS)
            tab = await context.new_page()
            try:
                await tab.goto(f"{url}/poll?code={code}")
                await tab.locator('[data-testid="stRadio"]').wait_for()
            except PlaywrightError as error:
                errors.append(f"student {index} setup: {str(error).splitlines()[0]}")
                return
            finally:
                opened.append(index)
                if len(opened) == browsers:
                    ready.set()
            await go.wait()
            await asyncio.sleep(arrival)
            for attempt, choice in enumerate((first, second) if second else (first,)):
                if attempt:
                    await asyncio.sleep(change_after)
                try:
                    await tab.locator('[data-testid="stRadio"]').get_by_text(choice, exact=True).click()
                    began = time.perf_counter()
                    await tab.get_by_role("button", name=translate("polls.send", "en")).click()
                    await tab.get_by_text(translate("polls.yours", "en", choice=choice), exact=True).wait_for(
                        timeout=SEND_TIMEOUT_MS)
                    await tab.get_by_text(translate("polls.sent", "en")).wait_for(timeout=SEND_TIMEOUT_MS)
                except PlaywrightError as error:
                    errors.append(f"student {index} sending {choice!r}: {str(error).splitlines()[0]}")
                    return
                ended = time.perf_counter()
                send_latencies.append(ended - began)
                confirmed[0] = max(confirmed[0], ended)
                if not attempt:
                    confirmed[1] = max(confirmed[1], ended)
                    clicked[0] = max(clicked[0], began)
                answered.add(index)

        ready, go, opened = asyncio.Event(), asyncio.Event(), []
        students = [asyncio.create_task(student(i, plan, ready, go, opened)) for i, plan in enumerate(plans)]
        setup_began = time.perf_counter()
        await ready.wait()
        print(f"{browsers} student pages open after {time.perf_counter() - setup_began:.1f} s; answers spread over "
              f"{spread_s:.0f} s from now; {load_average()}")
        go.set()
        views = []  # (when read, total on the line, histogram counts)

        async def watch() -> None:
            while True:
                view = await lecturer.evaluate(LECTURER_VIEW_JS)
                if view:
                    views.append((time.perf_counter(), view["total"], view["counts"]))
                await asyncio.sleep(LECTURER_EVERY_S)

        watcher = asyncio.create_task(watch())
        await asyncio.gather(*students)

        async def shown(since: float, check) -> float:
            """Seconds from since until a view after it passes check (nan if none in time)."""
            deadline = time.perf_counter() + SEND_TIMEOUT_MS / 1000
            while time.perf_counter() < deadline:
                after = [when for when, total, counts in views if when >= since and check(total, counts)]
                if after:
                    return after[0] - since
                await asyncio.sleep(LECTURER_EVERY_S)
            return float("nan")

        line_delay = await shown(confirmed[1], lambda total, counts: total == len(answered))
        from_click = await shown(clicked[0], lambda total, counts: total == len(answered))
        chart_delay = await shown(confirmed[0], lambda total, counts: tuple(counts) == expected)
        watcher.cancel()
        final_view = views[-1][1:] if views else None
        await browser.close()

    tally = stored_tally(database, code)
    sends = len(send_latencies)
    print(f"students {browsers}, Sends confirmed {sends} ({sends - len(answered)} changes of mind); answers sent "
          f"{len(answered)}, answers stored {tally.total}: {'equal' if tally.total == len(answered) else 'NOT EQUAL'}; "
          f"stored counts {tally.counts}, expected {expected}, lecturer shows {final_view}")
    if send_latencies:
        print(f"Send until confirmed on the phone: p50 {percentile(send_latencies, 0.5):.2f} s, "
              f"p95 {percentile(send_latencies, 0.95):.2f} s, max {max(send_latencies):.2f} s")
    print(f"lecturer view (no reload, refreshes every second): its line counts every answer {line_delay:.2f} s "
          f"after the last student's first answer was confirmed on the phone ({from_click:.2f} s after its Send was "
          f"clicked); its histogram shows the final counts "
          f"{chart_delay:.2f} s after the last Send (changes of mind included) was confirmed; "
          f"{len(views)} reads; errors {len(errors)}{': ' + repr(errors[:3]) if errors else ''}")
    p50 = percentile(send_latencies, 0.5) if send_latencies else float("nan")
    p95 = percentile(send_latencies, 0.95) if send_latencies else float("nan")
    return (f"browsers={browsers} sent={len(answered)} stored={tally.total} send_p50={p50:.2f}s send_p95={p95:.2f}s "
            f"lecturer_delay={line_delay:.2f}s errors={len(errors)}")


@contextlib.contextmanager
def database_url(args):
    """The URL to measure: --db, a temporary PostgreSQL, or a SQLite file in a temporary folder."""
    if args.db:
        yield args.db
    elif args.temporary_postgresql:
        reason = unavailable_reason()
        if reason:
            raise SystemExit(f"cannot start PostgreSQL: {reason}")
        with postgresql_server() as (host, port, user):
            yield f"postgresql://{user}@{host}:{port}/postgres"
    else:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'polls.sqlite'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=200, help="simulated student sessions")
    parser.add_argument("--spread", type=float, default=60, help="seconds over which the students arrive")
    parser.add_argument("--changes", type=float, default=0.2, help="share of students who answer a second time")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--browsers", type=int, default=0,
                        help="run the end-to-end part instead: this many student browser sessions and a lecturer's")
    parser.add_argument("--browser-spread", type=float, default=10,
                        help="with --browsers: seconds over which the students click Send")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", help="a SQLAlchemy URL (default: a fresh SQLite file)")
    where.add_argument("--temporary-postgresql", action="store_true",
                       help="start a throw-away PostgreSQL server for the run (Debian's postgresql package)")
    args = parser.parse_args()

    print(f"start: {load_average()}")
    with database_url(args) as url:
        engine = poll_engine(url)
        store = PollStore(engine)
        store.create_tables()
        print(f"database: {engine.url.render_as_string(hide_password=True)}")
        if args.browsers:
            engine.dispose()
            with streamlit_server(DROPOUT_EXPLORER_POLL_DB=url) as (server, _):
                result = asyncio.run(run_browser_part(server, url, args.browsers, args.browser_spread, args.changes,
                                                      args.seed))
        else:
            result = run_storage_part(store, args.students, args.spread, args.changes, args.seed)
            engine.dispose()
    print(f"end: {load_average()}")
    print(result)


if __name__ == "__main__":
    main()
