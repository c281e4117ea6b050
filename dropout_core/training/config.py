"""TrainConfig: everything that defines a training run, checked; the defaults are d2l's Dropout experiment (5.6)."""
import dataclasses
from dataclasses import dataclass

from ..checks import (
    check_choice,
    check_int_at_least,
    check_int_between,
    check_number_within,
    check_seed,
    is_real_number,
    is_whole_number,
)
from ..runtime.hardware import DEVICES, device_available
from .models import INITS, NET_IMPLEMENTATIONS, check_hidden
from .noise import DROPOUT, NOISES

MAX_EPOCHS = 500
# Far above anything that trains this network (d2l uses lr 0.5, no weight decay). A huge rate still shows a
# divergence (loss NaN) within an epoch; beyond these bounds float32 overflows inside SGD itself and crashes.
MAX_LR = 1e6
MAX_WEIGHT_DECAY = 10.0
FULL_TRAIN_SIZE = 60_000


@dataclass(frozen=True)
class TrainConfig:
    """Everything that defines a training run; the defaults are d2l's Dropout experiment."""

    p1: float = 0.2
    p2: float = 0.5
    epochs: int = 10
    lr: float = 0.5
    batch_size: int = 256
    hidden: tuple[int, int] = (256, 256)
    implementation: str = "scratch"
    init: str = "normal"
    weight_decay: float = 0.0
    noise: str = DROPOUT  # what p1 and p2 are the strength of: an id of noise.NOISES (records before it: dropout)
    train_size: int = FULL_TRAIN_SIZE
    seed: int = 0
    device: str = "auto"

    def __post_init__(self):
        """Store plain Python values (an int p as float, numpy numbers, hidden as a tuple); validate() checks them."""
        for field in dataclasses.fields(self):
            object.__setattr__(self, field.name, _as_plain(field.default, getattr(self, field.name)))

    def validate(self, check_device_available: bool = True) -> "TrainConfig":
        """Raise ValueError naming the first bad field; return self when every field is valid.

        check_device_available=False accepts a device this machine lacks (a run record made elsewhere).
        """
        check_choice(self.noise, "noise", tuple(NOISES))
        for name in ("p1", "p2"):
            try:
                NOISES[self.noise].check_p(getattr(self, name))
            except ValueError as error:
                raise ValueError(f"{name}: {error}") from None
        check_int_between(self.epochs, "epochs", 1, MAX_EPOCHS)
        check_number_within(self.lr, "lr (learning rate)", 0.0, MAX_LR, low_inclusive=False)
        check_int_at_least(self.batch_size, "batch_size")
        try:
            check_hidden(self.hidden)
        except ValueError as error:
            raise ValueError(f"hidden: {error}") from None
        check_choice(self.implementation, "implementation", NET_IMPLEMENTATIONS)
        check_choice(self.init, "init", INITS)
        if self.implementation == "concise" and self.noise != DROPOUT:
            raise ValueError(f"noise {self.noise!r} needs implementation 'scratch': the concise net is nn.Dropout")
        check_number_within(self.weight_decay, "weight_decay", 0.0, MAX_WEIGHT_DECAY)
        check_int_between(self.train_size, "train_size (training images)", 1, FULL_TRAIN_SIZE)
        check_seed(self.seed)
        check_choice(self.device, "device", DEVICES)
        if check_device_available and self.device != "auto" and not device_available(self.device):
            raise ValueError(f"device {self.device!r} is not available on this machine; use 'auto' or 'cpu'")
        return self

    def to_dict(self) -> dict:
        """The config as plain JSON-ready values (hidden as a list)."""
        values = dataclasses.asdict(self)
        values["hidden"] = list(self.hidden)
        return values

    @classmethod
    def from_dict(cls, values) -> "TrainConfig":
        """A validated config from a dict such as to_dict() gives; missing fields take their defaults.

        Raises ValueError for unknown keys, values of the wrong type or out of range; the device need not
        be available here (check that with validate()).
        """
        if not isinstance(values, dict):
            raise ValueError(f"a training config must be a JSON object, got {type(values).__name__}")
        fields = {field.name: field for field in dataclasses.fields(cls)}
        unknown = sorted(set(values) - set(fields), key=str)
        if unknown:
            raise ValueError(f"unknown config field(s) {', '.join(map(repr, unknown))}; known: {', '.join(fields)}")
        for name, value in values.items():
            _check_field_type(name, fields[name].default, value)
        return cls(**values).validate(check_device_available=False)


def _as_plain(default, value):
    """value as the plain Python type of the field's default where it is a number of a fitting kind, else as is."""
    if isinstance(default, float) and is_real_number(value):
        return float(value)
    if isinstance(default, int) and is_whole_number(value):
        return int(value)
    if isinstance(default, tuple) and isinstance(value, (list, tuple)):
        return tuple(int(size) if is_whole_number(size) else size for size in value)
    return value


def _check_field_type(name: str, default, value) -> None:
    """Raise ValueError unless value has the JSON type of the field's default (an int is fine for a float)."""
    if isinstance(default, float):
        wanted, fits = "a number", is_real_number(value)
    elif isinstance(default, int):
        wanted, fits = "a whole number", is_whole_number(value)
    elif isinstance(default, str):
        wanted, fits = "a string", isinstance(value, str)
    else:  # hidden: a list (from JSON) or tuple of whole numbers
        wanted, fits = "a list of whole numbers", isinstance(value, (list, tuple)) and all(map(is_whole_number, value))
    if not fits:
        raise ValueError(f"config field {name!r} must be {wanted}, got {value!r}")


