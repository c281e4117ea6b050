"""The classroom: what a lecture shares between the lecturer's projector and the students' phones (class polls)."""
from .polls import (
    CODE_LENGTH,
    InvalidChoice,
    NotPollOwner,
    OpenedPoll,
    PollClosed,
    PollError,
    PollExpired,
    PollState,
    PollStorageUnavailable,
    PollStore,
    QuestionReplaced,
    Tally,
    UnknownPoll,
    normalize_code,
    poll_engine,
)

__all__ = ["CODE_LENGTH", "InvalidChoice", "NotPollOwner", "OpenedPoll", "PollClosed", "PollError", "PollExpired",
           "PollState", "PollStorageUnavailable", "PollStore", "QuestionReplaced", "Tally", "UnknownPoll",
           "normalize_code", "poll_engine"]
