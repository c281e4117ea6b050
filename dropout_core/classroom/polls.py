"""Class polls (peer instruction) stored in a database: a lecturer opens a poll and gets a short code, students
answer with it, everyone reads the tally; only the holder of the poll's secret reveals or closes it. The lecturer's
next question may take over the code (the room), so the class joins once: a code holds one question at a time.

SQLite by default, PostgreSQL when several app replicas share polls (settings.POLL_DB). Nothing personal is stored:
a voter is the hash of a random token of the caller's (one per browser session), a lecturer the hash of a secret.
Every database failure surfaces as PollStorageUnavailable, so a page can say "polls are unavailable" and go on.
"""
import contextlib
import hashlib
import hmac
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.dialects import postgresql, sqlite

from ..runtime import settings

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read off a projector without doubt
CODE_LENGTH = 6  # 31**6 ~ 8.9e8 codes: guessing a live one takes millions of tries
CODE_ATTEMPTS = 5  # fresh codes drawn before giving up; a collision is already rare among the polls of a day
POLL_LIFETIME = timedelta(days=1)
MAX_QUESTION = 500
MAX_CHOICE = 100
MAX_CHOICES = 10
MAX_TOKEN = 200  # a voter token or a secret longer than this is not one we handed out
SQLITE_BUSY_TIMEOUT_MS = 10_000  # a writer waits this long for another's lock instead of failing at once
POSTGRESQL_CONNECT_TIMEOUT_S = 5  # an unreachable server fails a request in seconds, not after TCP's minutes


class PollState(StrEnum):
    """Open takes answers; revealed and closed do not (revealed: the room sees the tally; closed: the poll is over)."""

    OPEN = "open"
    REVEALED = "revealed"
    CLOSED = "closed"


class PollError(Exception):
    """Any refusal of the poll store; the UI words each subclass in the visitor's language."""


class UnknownPoll(PollError):
    """No poll has this code (mistyped, or deleted after it expired)."""

    def __init__(self, code: str):
        super().__init__(f"no poll has the code {code!r}")
        self.code = code


class PollExpired(PollError):
    """The poll's day is over: it takes no answers and shows no tally."""

    def __init__(self, code: str, expires_at: datetime):
        super().__init__(f"poll {code} expired at {expires_at.isoformat()}")
        self.code, self.expires_at = code, expires_at


class PollClosed(PollError):
    """The poll takes no more answers (revealed or closed), or a closed poll cannot be revealed again."""

    def __init__(self, code: str, state: PollState):
        super().__init__(f"poll {code} is {state}")
        self.code, self.state = code, state


class QuestionReplaced(PollError):
    """The answer was for a question the code no longer holds: the lecturer has opened the next one."""

    def __init__(self, code: str):
        super().__init__(f"poll {code} holds another question now")
        self.code = code


class InvalidChoice(PollError):
    """The answer is not one of the poll's choices."""

    def __init__(self, code: str, choice: str, choices: tuple[str, ...]):
        super().__init__(f"{choice!r:.80} is not a choice of poll {code}")
        self.code, self.choice, self.choices = code, choice, choices


class NotPollOwner(PollError):
    """The secret given is not the poll's: only the lecturer who opened it may reveal or close it."""

    def __init__(self, code: str):
        super().__init__(f"wrong secret for poll {code}")
        self.code = code


class PollStorageUnavailable(PollError):
    """The database cannot be reached or written (server down, read-only or full file); the cause is chained."""

    def __init__(self, cause: Exception):
        super().__init__(f"poll storage unavailable: {type(cause).__name__}")
        self.cause = cause


@dataclass(frozen=True)
class OpenedPoll:
    """What the lecturer gets: the code to show the room, the secret to keep in the browser session only, and which
    of the questions the code has carried this is (Tally.question_id)."""

    code: str
    secret: str = field(repr=False)  # kept out of logs and tracebacks
    question_id: int = 0


@dataclass(frozen=True)
class Tally:
    """A poll's question, its choices and their answer counts in the same order, its state and end."""

    code: str
    question: str
    choices: tuple[str, ...]
    counts: tuple[int, ...]
    total: int
    state: PollState
    expires_at: datetime
    question_id: int  # a new one each time the code takes a new question (OpenedPoll.question_id)


metadata = sa.MetaData()
polls = sa.Table(
    "polls", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(CODE_LENGTH), nullable=False, unique=True),
    sa.Column("question", sa.String(MAX_QUESTION), nullable=False),
    sa.Column("choices", sa.JSON, nullable=False),  # the choices' texts, in the order they are offered
    sa.Column("secret_hash", sa.String(64), nullable=False),
    sa.Column("state", sa.String(8), nullable=False),
    sa.Column("expires_at", sa.DateTime, nullable=False, index=True),  # naive UTC: SQLite keeps no time zone
)
answers = sa.Table(
    "poll_answers", metadata,
    sa.Column("poll_id", sa.Integer, sa.ForeignKey("polls.id"), primary_key=True),
    sa.Column("voter_hash", sa.String(64), primary_key=True),  # one answer per voter per poll
    sa.Column("choice", sa.SmallInteger, nullable=False),  # index into the poll's choices
)


def normalize_code(text: str) -> str:
    """A code as typed (any case, spaces around it) in the form it is stored."""
    return text.strip().upper()


def new_code() -> str:
    """A fresh random code; secrets, not random, so codes cannot be predicted from earlier ones."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _digest(*parts: str) -> str:
    """The SHA-256 of the parts, hex: what is stored in place of a secret or a voter token."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _new_row(question: str, choices: list[str], secret_hash: str, now: datetime | None) -> dict:
    """A poll's row but its code: open for answers, for a day from now."""
    return {"question": question, "choices": choices, "secret_hash": secret_hash, "state": PollState.OPEN.value,
            "expires_at": _utc(now) + POLL_LIFETIME}


def _utc(now: datetime | None) -> datetime:
    """now (or the clock's now) as the naive UTC the tables hold; a naive now is taken to be UTC already."""
    now = now or datetime.now(UTC)
    return now.astimezone(UTC).replace(tzinfo=None) if now.tzinfo else now


def _text(value, name: str, longest: int) -> str:
    """value stripped, or ValueError unless it is a non-empty string of at most longest characters."""
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > longest:
        raise ValueError(f"{name} must be a non-empty text of at most {longest} characters, got {value!r:.80}")
    return value.strip()


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets the tally read while students write; the busy timeout queues writers instead of failing them;
    SQLite checks foreign keys only when asked."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def poll_engine(url: str | None = None) -> sa.Engine:
    """An engine for url, or for settings.POLL_DB; connects on first use, so it never fails here."""
    url = url or settings.value(settings.POLL_DB)
    parsed = sa.make_url(url)
    if parsed.get_backend_name() not in settings.POLL_BACKENDS:  # answer() upserts in these two dialects only
        raise ValueError(f"polls are stored in {' or '.join(settings.POLL_BACKENDS)}, not {parsed.get_backend_name()}")
    if parsed.get_backend_name() == "sqlite":
        if url == settings.default_poll_db():  # our own default folder; a configured one must exist already
            with contextlib.suppress(OSError):  # where it cannot be made, the first use says PollStorageUnavailable
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed)
        sa.event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    # pre_ping: a connection left over from before a server restart is replaced instead of failing one request.
    return sa.create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": POSTGRESQL_CONNECT_TIMEOUT_S})


def _check_owner(poll: sa.Row, secret) -> None:
    """NotPollOwner unless secret is the one the poll was opened with (compared in constant time)."""
    if not isinstance(secret, str) or not hmac.compare_digest(poll.secret_hash, _digest(secret)):
        raise NotPollOwner(poll.code)


@contextlib.contextmanager
def _storage() -> Iterator[None]:
    """Turn the database's failures into PollStorageUnavailable; the store's own refusals pass through."""
    try:
        yield
    except (exc.DatabaseError, exc.TimeoutError) as error:  # TimeoutError: no pooled connection came free
        raise PollStorageUnavailable(error) from error


class PollStore:
    """Polls in the database of one engine; every method is one short transaction, safe from many threads."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine

    def create_tables(self) -> None:
        """Create the poll tables where they are missing (run once per server; harmless to repeat)."""
        with _storage():
            metadata.create_all(self.engine)

    def open_poll(self, question: str, choices: Sequence[str], now: datetime | None = None,
                  room: OpenedPoll | None = None) -> OpenedPoll:
        """Open a poll for a day; ValueError for an empty or too long question or choice, or a repeated choice.

        With room (a poll this lecturer opened before, still live), the new question takes over its code and secret:
        the room's earlier question and its answers go, and students who joined stay in. A room that expired or was
        deleted gets a fresh code; NotPollOwner if room's secret is not its poll's.
        """
        question = _text(question, "question", MAX_QUESTION)
        offered = [_text(choice, "choice", MAX_CHOICE) for choice in choices]
        if not 2 <= len(offered) <= MAX_CHOICES or len(set(offered)) != len(offered):
            raise ValueError(f"a poll needs 2 to {MAX_CHOICES} different choices, got {offered!r:.200}")
        if room is not None:
            with contextlib.suppress(UnknownPoll, PollExpired):
                return self._take_over(room, question, offered, now)
        secret = secrets.token_urlsafe(32)
        row = _new_row(question, offered, _digest(secret), now)
        with _storage():
            for attempt in range(CODE_ATTEMPTS):
                code = new_code()
                try:
                    with self.engine.begin() as connection:
                        inserted = connection.execute(polls.insert().values(code=code, **row))
                    return OpenedPoll(code, secret, inserted.inserted_primary_key[0])
                except exc.IntegrityError:  # the code is taken: draw another; so many in a row mean something else
                    if attempt == CODE_ATTEMPTS - 1:
                        raise

    def _take_over(self, room: OpenedPoll, question: str, choices: list[str], now: datetime | None) -> OpenedPoll:
        """The room's code and secret for a new question, in one transaction; UnknownPoll or PollExpired if the room
        is gone. The new row is written (under a fresh code) before the old one goes, so its id is new: SQLite
        reuses the largest id once its row is deleted. Then it takes the room's code."""
        with _storage(), self.engine.begin() as connection:
            old = self._live_poll(connection, room.code, now)
            _check_owner(old, room.secret)
            # A fresh code that is taken (about one chance in a billion a live poll) fails this one request.
            question_id = connection.execute(polls.insert().values(
                code=new_code(), **_new_row(question, choices, old.secret_hash, now))).inserted_primary_key[0]
            connection.execute(answers.delete().where(answers.c.poll_id == old.id))
            connection.execute(polls.delete().where(polls.c.id == old.id))
            connection.execute(polls.update().where(polls.c.id == question_id).values(code=old.code))
        return OpenedPoll(old.code, room.secret, question_id)

    def answer(self, code: str, voter: str, choice: str, now: datetime | None = None,
               question_id: int | None = None) -> None:
        """Record voter's choice, replacing the voter's earlier answer to this poll; with question_id (Tally's), only
        while the code still holds that question, else QuestionReplaced."""
        # The state check and the write take no common lock: an answer racing the lecturer's reveal by milliseconds
        # may still count, which no class notices, and the writes stay short.
        voter = _text(voter, "voter token", MAX_TOKEN)
        with _storage(), self.engine.begin() as connection:
            poll = self._live_poll(connection, code, now)
            if question_id is not None and poll.id != question_id:
                raise QuestionReplaced(poll.code)
            if poll.state != PollState.OPEN:
                raise PollClosed(poll.code, PollState(poll.state))
            if choice not in poll.choices:
                raise InvalidChoice(poll.code, choice, tuple(poll.choices))
            insert = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}[connection.dialect.name]
            statement = insert(answers).values(poll_id=poll.id, voter_hash=_digest(str(poll.id), voter),
                                               choice=poll.choices.index(choice))
            # One statement, atomic in both databases: two tabs of one voter racing leave exactly one answer.
            connection.execute(statement.on_conflict_do_update(
                index_elements=[answers.c.poll_id, answers.c.voter_hash],
                set_={"choice": statement.excluded.choice}))

    def tally(self, code: str, now: datetime | None = None) -> Tally:
        """The poll's answers counted per choice, in the order of its choices."""
        with _storage(), self.engine.begin() as connection:
            poll = self._live_poll(connection, code, now)
            counted = dict(connection.execute(
                sa.select(answers.c.choice, sa.func.count()).where(answers.c.poll_id == poll.id)
                .group_by(answers.c.choice)).all())
        counts = tuple(counted.get(index, 0) for index in range(len(poll.choices)))
        return Tally(poll.code, poll.question, tuple(poll.choices), counts, sum(counts), PollState(poll.state),
                     poll.expires_at.replace(tzinfo=UTC), poll.id)

    def reclaim(self, code: str, secret: str, now: datetime | None = None) -> OpenedPoll:
        """The room this secret holds, for a lecturer whose browser session was lost (a reload): its code, the secret
        and the question it carries now; UnknownPoll or PollExpired if it is gone, NotPollOwner if the secret is not
        its poll's."""
        with _storage(), self.engine.begin() as connection:
            poll = self._live_poll(connection, code, now)
            _check_owner(poll, secret)
        return OpenedPoll(poll.code, secret, poll.id)

    def reveal(self, code: str, secret: str, now: datetime | None = None) -> None:
        """Stop the answers and show the tally to the room; PollClosed once the poll is closed."""
        self._move(code, secret, PollState.REVEALED, now)

    def close(self, code: str, secret: str, now: datetime | None = None) -> None:
        """End the poll: no more answers; its tally stays readable until it expires."""
        self._move(code, secret, PollState.CLOSED, now)

    def delete_expired(self, now: datetime | None = None) -> int:
        """Delete the expired polls and their answers; returns how many polls went."""
        with _storage(), self.engine.begin() as connection:
            is_expired = polls.c.expires_at <= _utc(now)
            # The answers first: their foreign key refers to the poll.
            connection.execute(answers.delete().where(answers.c.poll_id.in_(sa.select(polls.c.id).where(is_expired))))
            return connection.execute(polls.delete().where(is_expired)).rowcount

    def _move(self, code: str, secret: str, state: PollState, now: datetime | None) -> None:
        """Put the poll in state, for the holder of its secret only."""
        with _storage(), self.engine.begin() as connection:
            poll = self._live_poll(connection, code, now)
            _check_owner(poll, secret)
            if poll.state == PollState.CLOSED and state != PollState.CLOSED:
                raise PollClosed(poll.code, PollState.CLOSED)
            connection.execute(polls.update().where(polls.c.id == poll.id).values(state=state.value))

    def _live_poll(self, connection: sa.Connection, code: str, now: datetime | None) -> sa.Row:
        """The poll with this code; UnknownPoll if none, PollExpired once its day is over."""
        wanted = normalize_code(code) if isinstance(code, str) else ""
        if len(wanted) != CODE_LENGTH or set(wanted) - set(CODE_ALPHABET):  # cannot exist: spare the database
            raise UnknownPoll(str(code)[:CODE_LENGTH * 2])
        poll = connection.execute(sa.select(polls).where(polls.c.code == wanted)).one_or_none()
        if poll is None:
            raise UnknownPoll(wanted)
        if poll.expires_at <= _utc(now):
            raise PollExpired(wanted, poll.expires_at.replace(tzinfo=UTC))
        return poll
