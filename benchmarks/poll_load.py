"""Class polls under a room's load: --students answer one poll within a minute while the projector reads the tally.

Storage part: one process, as one app server. Each simulated student session (a thread, with its own random voter
token as a browser session would hold) arrives at a random moment within --spread seconds and answers once;
--changes of them change their mind a few seconds later (the answer is replaced). A lecturer thread reads tally()
every 0.5 s, as the projector's page would. It prints the load average at the start and end, the students and the
answers stored (must be equal, and the final tally must match each student's last choice), p50/p95 of answer() and
tally(), and the projector's delay: from the moment the last answer is stored until a tally shows every answer.
Runs on a fresh SQLite file by default, on --db URL (its tables are created where missing), or on a throw-away
PostgreSQL server started for the run with --temporary-postgresql.

Run: .venv/bin/python benchmarks/poll_load.py [--students 200] [--spread 60] [--db URL | --temporary-postgresql]
The last line is `sent=N stored=N answer_p50=X.XXXs answer_p95=X.XXXs projector_delay=X.XXs errors=N`.
"""
# The end-to-end part comes with the poll UI (not built yet): 20 real browser sessions, headless Chromium contexts
# as benchmarks/class_load.py drives them against tools.local_server.streamlit_server, enter the code and answer on
# the students' page while one more context shows the projector's page; time each click until the projector's
# histogram counts it. It belongs beside run_storage_part below, with its own flag and result line.
import argparse
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
from tools.postgres_server import postgresql_server, unavailable_reason  # noqa: E402

CHOICES = ["p = 0 ends higher", "p = 0.5 ends higher", "about the same"]
PROJECTOR_EVERY_S = 0.5
CHANGE_AFTER_S = (2.0, 8.0)  # a student who changes their mind does it this long after the first answer


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_storage_part(store: PollStore, students: int, spread_s: float, changes: float, seed: int) -> str:
    """Drive the room against store; print the figures and return the result line."""
    rng = random.Random(seed)
    opened = store.open_poll("Which ends with the higher test accuracy?", CHOICES)
    plans = []  # per student: arrival, first choice, and the second choice and its delay for those who change
    for _ in range(students):
        changes_mind = rng.random() < changes
        plans.append((rng.uniform(0, spread_s), rng.choice(CHOICES),
                      rng.choice(CHOICES) if changes_mind else None, rng.uniform(*CHANGE_AFTER_S)))
    last_choice = [second or first for _, first, second, _ in plans]
    expected = tuple(last_choice.count(choice) for choice in CHOICES)

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
        result = run_storage_part(store, args.students, args.spread, args.changes, args.seed)
        engine.dispose()
    print(f"end: {load_average()}")
    print(result)


if __name__ == "__main__":
    main()
