"""Class polls' storage, each test against SQLite (a file) and a real PostgreSQL started for this module."""
import hashlib
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from dropout_core.classroom import polls
from dropout_core.classroom.polls import (
    CODE_ALPHABET,
    CODE_LENGTH,
    InvalidChoice,
    NotPollOwner,
    PollClosed,
    PollExpired,
    PollState,
    PollStorageUnavailable,
    PollStore,
    UnknownPoll,
    poll_engine,
)
from dropout_core.runtime import settings
from tools.local_server import free_port
from tools.postgres_server import postgresql_server, unavailable_reason

NOW = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
CHOICES = ["p = 0 ends higher", "p = 0.5 ends higher", "about the same"]


@pytest.fixture(scope="module")
def postgresql_url():
    """A database on a PostgreSQL server of this module's own, created and dropped by pytest-postgresql's janitor."""
    from pytest_postgresql.janitor import DatabaseJanitor

    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    with postgresql_server(fsync=False) as (host, port, user):
        with DatabaseJanitor(user=user, host=host, port=port, dbname="polls_test"):
            yield f"postgresql://{user}@{host}:{port}/polls_test"


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """An empty poll store; every test gets fresh tables."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'polls.sqlite'}"
    else:
        url = request.getfixturevalue("postgresql_url")
    engine = poll_engine(url)
    polls.metadata.drop_all(engine)
    poll_store = PollStore(engine)
    poll_store.create_tables()
    yield poll_store
    engine.dispose()  # the janitor cannot drop a database anyone is still connected to


def raw_rows(store, table) -> list[dict]:
    """Every row of a table, as the database holds it."""
    with store.engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(sa.select(table))]


def test_answers_are_counted_in_the_order_of_the_choices(store):
    opened = store.open_poll("Which ends with the higher test accuracy?", CHOICES, now=NOW)
    for voter, choice in [("a", CHOICES[2]), ("b", CHOICES[0]), ("c", CHOICES[2])]:
        store.answer(opened.code, voter, choice, now=NOW)
    tally = store.tally(opened.code, now=NOW)
    assert (tally.code, tally.question, tally.choices) == (
        opened.code, "Which ends with the higher test accuracy?", tuple(CHOICES))
    assert (tally.counts, tally.total, tally.state) == ((1, 0, 2), 3, PollState.OPEN)
    assert tally.expires_at == NOW + timedelta(days=1)


def test_answering_again_replaces_the_answer(store):
    opened = store.open_poll("?", CHOICES[:2], now=NOW)
    store.answer(opened.code, "a", CHOICES[0], now=NOW)
    store.answer(opened.code, "a", CHOICES[1], now=NOW)
    assert store.tally(opened.code, now=NOW).counts == (0, 1)


def test_codes_are_read_in_any_case_with_spaces_around(store):
    opened = store.open_poll("?", CHOICES[:2], now=NOW)
    store.answer(f"  {opened.code.lower()}\n", "a", CHOICES[0], now=NOW)
    assert store.tally(f" {opened.code.lower()} ", now=NOW).total == 1


def test_codes_are_short_unambiguous_and_distinct(store):
    codes = [store.open_poll("?", CHOICES[:2], now=NOW).code for _ in range(40)]
    assert len(set(codes)) == len(codes)
    assert all(len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert not set("0O1IL") & set(CODE_ALPHABET)


def test_a_taken_code_is_drawn_again(store, monkeypatch):
    draws = iter(["AAAAAA", "AAAAAA", "BBBBBB"])
    monkeypatch.setattr(polls, "new_code", lambda: next(draws))
    assert store.open_poll("?", CHOICES[:2], now=NOW).code == "AAAAAA"
    assert store.open_poll("?", CHOICES[:2], now=NOW).code == "BBBBBB"


def test_only_the_secret_holder_reveals_and_closes(store):
    opened = store.open_poll("?", CHOICES[:2], now=NOW)
    other = store.open_poll("?", CHOICES[:2], now=NOW)
    store.answer(opened.code, "a", CHOICES[0], now=NOW)
    for wrong in ["", "guess", other.secret, None]:
        with pytest.raises(NotPollOwner):
            store.reveal(opened.code, wrong, now=NOW)
        with pytest.raises(NotPollOwner):
            store.close(opened.code, wrong, now=NOW)
    assert store.tally(opened.code, now=NOW).state == PollState.OPEN

    store.reveal(opened.code, opened.secret, now=NOW)
    with pytest.raises(PollClosed) as refused:
        store.answer(opened.code, "b", CHOICES[1], now=NOW)
    assert refused.value.state == PollState.REVEALED
    store.close(opened.code, opened.secret, now=NOW)
    with pytest.raises(PollClosed):
        store.reveal(opened.code, opened.secret, now=NOW)
    tally = store.tally(opened.code, now=NOW)  # a closed poll's tally stays readable until it expires
    assert (tally.state, tally.counts) == (PollState.CLOSED, (1, 0))


def test_expired_polls_refuse_everything_and_are_deleted_with_their_answers(store):
    old = store.open_poll("?", CHOICES[:2], now=NOW)
    young = store.open_poll("?", CHOICES[:2], now=NOW + timedelta(hours=12))
    for opened in (old, young):
        store.answer(opened.code, "a", CHOICES[0], now=NOW + timedelta(hours=12))
    last_second, end = NOW + timedelta(days=1, seconds=-1), NOW + timedelta(days=1)
    store.answer(old.code, "b", CHOICES[1], now=last_second)
    for refused in (lambda: store.answer(old.code, "c", CHOICES[0], now=end), lambda: store.tally(old.code, now=end),
                    lambda: store.reveal(old.code, old.secret, now=end)):
        with pytest.raises(PollExpired) as expired:
            refused()
        assert expired.value.expires_at == end

    assert store.delete_expired(now=end) == 1
    with pytest.raises(UnknownPoll):
        store.tally(old.code, now=NOW)
    assert store.tally(young.code, now=end).total == 1
    assert len(raw_rows(store, polls.answers)) == 1


def test_the_next_question_takes_over_the_room_so_the_class_joins_once(store):
    first = store.open_poll("First?", CHOICES[:2], now=NOW)
    other = store.open_poll("Another lecturer's?", CHOICES[:2], now=NOW)
    store.answer(first.code, "a", CHOICES[0], now=NOW)
    store.reveal(first.code, first.secret, now=NOW)
    later = NOW + timedelta(hours=2)
    second = store.open_poll("Second?", CHOICES, now=later, room=first)
    assert (second.code, second.secret) == (first.code, first.secret)
    tally = store.tally(first.code, now=later)
    # The new question, open, with none of the first one's answers, for a day from now, under a new id.
    assert (tally.question, tally.choices, tally.counts, tally.state) == (
        "Second?", tuple(CHOICES), (0, 0, 0), PollState.OPEN)
    assert tally.expires_at == later + timedelta(days=1)
    assert tally.question_id == second.question_id != first.question_id
    store.answer(first.code, "a", CHOICES[2], now=later)  # the same student answers the new question
    assert store.tally(first.code, now=later).counts == (0, 0, 1)
    assert len(raw_rows(store, polls.polls)) == 2 and len(raw_rows(store, polls.answers)) == 1
    assert store.tally(other.code, now=later).question == "Another lecturer's?"  # other rooms untouched
    # Only the room's own lecturer moves it on.
    with pytest.raises(NotPollOwner):
        store.open_poll("Hijack?", CHOICES[:2], now=later, room=replace(first, secret=other.secret))
    assert store.tally(first.code, now=later).question == "Second?"


def test_a_room_gone_for_the_day_gets_a_fresh_code(store):
    first = store.open_poll("First?", CHOICES[:2], now=NOW)
    tomorrow = NOW + timedelta(days=1, minutes=1)
    second = store.open_poll("Second?", CHOICES[:2], now=tomorrow, room=first)
    assert second.code != first.code and second.secret != first.secret
    assert store.tally(second.code, now=tomorrow).question == "Second?"
    store.delete_expired(now=tomorrow)
    third = store.open_poll("Third?", CHOICES[:2], now=tomorrow, room=first)  # deleted: also a fresh code
    assert third.code not in (first.code, second.code)


def test_only_offered_choices_are_accepted(store):
    opened = store.open_poll("?", CHOICES[:2], now=NOW)
    for choice in [CHOICES[2], "", CHOICES[0].upper(), None]:
        with pytest.raises(InvalidChoice) as refused:
            store.answer(opened.code, "a", choice, now=NOW)
        assert refused.value.choices == tuple(CHOICES[:2])
    assert store.tally(opened.code, now=NOW).total == 0


@pytest.mark.parametrize("code", ["ZZZZZZ", "", "abc", "0OOOOO", "AAAAAAA", "A" * 10_000, None])
def test_unknown_codes_are_refused(store, code):
    with pytest.raises(UnknownPoll):
        store.answer(code, "a", CHOICES[0], now=NOW)
    with pytest.raises(UnknownPoll):
        store.tally(code, now=NOW)


@pytest.mark.parametrize("question, choices", [
    ("", CHOICES), ("   ", CHOICES), ("q" * (polls.MAX_QUESTION + 1), CHOICES), ("?", CHOICES[:1]),
    ("?", [f"{n}" for n in range(polls.MAX_CHOICES + 1)]), ("?", ["same", " same "]), ("?", ["ok", ""]),
    ("?", ["ok", "c" * (polls.MAX_CHOICE + 1)]),
])
def test_a_poll_needs_a_question_and_several_short_different_choices(question, choices):
    store = PollStore(sa.create_engine("sqlite://"))  # refused before any database is touched
    with pytest.raises(ValueError):
        store.open_poll(question, choices)


def test_a_room_of_voters_answering_at_once_is_counted_exactly(store):
    opened = store.open_poll("?", CHOICES, now=NOW)
    voters = [f"voter-{n}" for n in range(200)]
    last_choice = {voter: CHOICES[n % 3] for n, voter in enumerate(voters)}
    start = threading.Barrier(32)

    def students(share: list[str]):
        start.wait()  # all threads begin together, so their transactions overlap
        for voter in share:
            store.answer(opened.code, voter, CHOICES[(voters.index(voter) + 1) % 3], now=NOW)  # changes its mind
            store.answer(opened.code, voter, last_choice[voter], now=NOW)

    with ThreadPoolExecutor(32) as pool:
        list(pool.map(students, [voters[n::32] for n in range(32)]))
    tally = store.tally(opened.code, now=NOW)
    assert tally.total == len(raw_rows(store, polls.answers)) == 200
    assert tally.counts == tuple(sum(choice == c for choice in last_choice.values()) for c in CHOICES)


def test_nothing_personal_is_stored(store):
    opened = store.open_poll("?", CHOICES[:2], now=NOW)
    token = "session-token-of-a-student"
    store.answer(opened.code, token, CHOICES[0], now=NOW)
    (answer,) = raw_rows(store, polls.answers)
    assert set(answer) == {"poll_id", "voter_hash", "choice"}
    (poll,) = raw_rows(store, polls.polls)
    assert set(poll) == {"id", "code", "question", "choices", "secret_hash", "state", "expires_at"}
    stored = repr(answer) + repr(poll)
    assert token not in stored and opened.secret not in stored
    assert poll["secret_hash"] == hashlib.sha256(opened.secret.encode()).hexdigest()


def test_a_voters_answers_to_two_polls_cannot_be_linked(store):
    first, second = (store.open_poll("?", CHOICES[:2], now=NOW) for _ in range(2))
    for opened in (first, second):
        store.answer(opened.code, "one-browser", CHOICES[0], now=NOW)
    assert len({row["voter_hash"] for row in raw_rows(store, polls.answers)}) == 2


def test_sqlite_writes_ahead_and_waits_for_locks(tmp_path):
    engine = poll_engine(f"sqlite:///{tmp_path / 'polls.sqlite'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == polls.SQLITE_BUSY_TIMEOUT_MS
    engine.dispose()


def read_only_sqlite(tmp_path) -> str:
    """A poll database SQLite may only read (chmod would not stop root, so SQLite is told so)."""
    PollStore(poll_engine(f"sqlite:///{tmp_path / 'ro.sqlite'}")).create_tables()
    return f"sqlite:///file:{tmp_path / 'ro.sqlite'}?mode=ro&uri=true"


def not_a_database(tmp_path) -> str:
    (tmp_path / "junk.sqlite").write_bytes(b"this is no SQLite file, " * 100)
    return f"sqlite:///{tmp_path / 'junk.sqlite'}"


@pytest.mark.parametrize("database", [
    lambda tmp_path: f"postgresql://nobody@127.0.0.1:{free_port()}/polls",  # nothing listens there
    lambda tmp_path: f"sqlite:///{tmp_path / 'no such folder' / 'polls.sqlite'}",
    read_only_sqlite,
    not_a_database,
], ids=["postgresql-closed-port", "sqlite-missing-folder", "sqlite-read-only", "sqlite-not-a-database"])
def test_an_unusable_database_makes_polls_unavailable(tmp_path, database):
    store = PollStore(poll_engine(database(tmp_path)))
    with pytest.raises(PollStorageUnavailable) as unavailable:
        store.open_poll("?", CHOICES[:2])
    assert isinstance(unavailable.value.cause, sa.exc.DatabaseError)


def test_a_full_sqlite_file_makes_answers_unavailable(tmp_path):
    engine = poll_engine(f"sqlite:///{tmp_path / 'polls.sqlite'}")
    store = PollStore(engine)
    store.create_tables()
    opened = store.open_poll("?", CHOICES[:2], now=NOW)

    @sa.event.listens_for(engine, "connect")
    def no_room_to_grow(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA max_page_count=1")  # below the file's size: nothing more fits

    engine.dispose()  # new connections, each with the cap
    with pytest.raises(PollStorageUnavailable) as unavailable:
        for n in range(100):
            store.answer(opened.code, f"voter-{n}", CHOICES[0], now=NOW)
    assert isinstance(unavailable.value.cause.orig, sqlite3.OperationalError)


def test_the_database_comes_from_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(settings.POLL_DB, raising=False)
    PollStore(poll_engine()).create_tables()  # the default: its folder is made
    assert (tmp_path / "cache" / "dropout-explorer" / "polls.sqlite").is_file()

    monkeypatch.setenv(settings.POLL_DB, f"sqlite:///{tmp_path / 'chosen.sqlite'}")
    PollStore(poll_engine()).create_tables()
    assert (tmp_path / "chosen.sqlite").is_file()


@pytest.mark.parametrize("text", ["not a url", "mysql://user:hunter2@host/polls", "sqlite://",
                                  "postgresql://user:hunter2@host:port/polls"])
def test_a_bad_poll_database_is_reported_without_its_password(monkeypatch, text):
    for other in settings.SETTINGS:
        monkeypatch.delenv(other, raising=False)
    monkeypatch.setenv(settings.POLL_DB, text)
    (problem,) = settings.problems()
    assert problem.startswith(f"{settings.POLL_DB} (value not shown) is not allowed") and "hunter2" not in problem
    assert settings.value(settings.POLL_DB) == settings.default_poll_db()


def test_a_postgresql_url_is_a_good_poll_database(monkeypatch):
    monkeypatch.setenv(settings.POLL_DB, " postgresql://polls:secret@db.example/polls ")
    assert settings.value(settings.POLL_DB) == "postgresql://polls:secret@db.example/polls"
    assert not [problem for problem in settings.problems() if settings.POLL_DB in problem]


def test_a_lecturer_whose_session_was_lost_reclaims_the_room_with_its_secret(store):
    first = store.open_poll("First?", CHOICES[:2], now=NOW)
    assert store.reclaim(first.code, first.secret, now=NOW) == first
    later = NOW + timedelta(hours=1)
    second = store.open_poll("Second?", CHOICES, now=later, room=first)
    assert store.reclaim(first.code.lower(), first.secret, now=later) == second  # the question the room carries now
    other = store.open_poll("Another lecturer's?", CHOICES[:2], now=NOW)
    with pytest.raises(NotPollOwner):
        store.reclaim(first.code, other.secret, now=later)
    with pytest.raises(NotPollOwner):
        store.reclaim(first.code, None, now=later)
    with pytest.raises(PollExpired):
        store.reclaim(first.code, first.secret, now=later + timedelta(days=1))
    with pytest.raises(UnknownPoll):
        store.reclaim("ZZZZZZ", first.secret, now=later)
