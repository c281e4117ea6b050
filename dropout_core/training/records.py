"""Run records: one training run as plain, versioned JSON, read by the Compare page and used for cached runs.

Format "dropout-explorer-run", version 3 (strict JSON: no NaN or Infinity literals), one object with exactly:

    format          "dropout-explorer-run"
    version         3
    label           str, at most 200 characters: how charts name the run
    config          object: TrainConfig.to_dict(), every field present (noise: since version 3)
    status          "finished" (all config.epochs epochs ran), "stopped" (fewer, stopped by the user)
                    or "diverged" (the training loss became NaN or infinite; training stopped there)
    diverged_epoch  int, the last epoch listed, when status is "diverged"; otherwise null
    epochs          list of objects, epoch 1, 2, 3, ... in order, each with exactly
                    epoch, train_loss, train_acc, train_acc_eval, test_loss, test_acc, seconds, activations;
                    metric values are finite numbers or null (null stands for NaN or infinity);
                    accuracies lie in [0, 1], losses are >= 0, seconds is a finite number >= 0;
                    activations is a list with one object per hidden layer (engine.LayerActivations: layer,
                    then the mean and variance before the noise, after it, and in eval mode; numbers or null,
                    variances >= 0), or empty
    data            object: source (str), checksum (str), train_size (int, equal to config.train_size)
    device          str, e.g. "cpu (2 threads)"
    torch_version   str
    wall_time_s     finite number >= 0: seconds spent training and evaluating
    created         str, ISO-8601 time in UTC, e.g. "2026-01-31T12:00:00+00:00"
    summary         object, what the epochs show (outcomes.summarize_run), with exactly
                    best_test_acc, best_epoch, lowest_test_loss, lowest_test_loss_epoch, final_test_acc,
                    final_train_acc_eval, final_test_loss (numbers, or null where undefined: the final values
                    of a diverged run) and collapsed_epochs (list of whole numbers); it must agree with the epochs

Versions 1 and 2 are still read: version 2 lacks config.noise (dropout) and the activations (empty), version 1
the summary too, which is then computed from the epochs.
train_loss and train_acc are d2l's measures (dropout on, averaged over the epoch); train_acc_eval, test_loss
and test_acc are measured in eval mode after the epoch. Records are parsed as JSON only, never unpickled.
"""
import contextlib
import json
import math
import os
import tempfile
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import torch

from ..runtime.hardware import describe_device
from .config import TrainConfig
from .engine import EpochMetrics, LayerActivations, Trainer
from .outcomes import RunSummary, summarize_run
from .presets import PRESETS

FORMAT = "dropout-explorer-run"
VERSION = 3
READABLE_VERSIONS = (1, 2, VERSION)  # 1 lacks the summary (computed on reading); 1 and 2 lack noise and activations
MAX_RECORD_BYTES = 2_000_000
MAX_LABEL_LENGTH = 200
RECORD_STATUSES = ("finished", "stopped", "diverged")
METRIC_FIELDS = ("train_loss", "train_acc", "train_acc_eval", "test_loss", "test_acc")
EPOCH_FIELDS = ("epoch", *METRIC_FIELDS, "seconds")
ACTIVATION_FIELDS = tuple(entry.name for entry in fields(LayerActivations))
ACTIVATION_STATISTICS = ACTIVATION_FIELDS[1:]  # every field but the layer number
RECORD_FIELDS = ("format", "version", "label", "config", "status", "diverged_epoch", "epochs", "data",
                 "device", "torch_version", "wall_time_s", "created")
DATA_FIELDS = ("source", "checksum", "train_size")
SUMMARY_FIELDS = tuple(entry.name for entry in fields(RunSummary))
FRAME_COLUMNS = ("label", "run_id", "setting", "seed", "epoch", *METRIC_FIELDS, "gap", "status")
# Besides p1 and p2, what makes a setting: runs differing only in seed, epochs or device share one.
SETTING_FIELDS = ("noise", "lr", "batch_size", "hidden", "implementation", "init", "weight_decay", "train_size")


class RunRecordError(ValueError):
    """A run record could not be read; the message says what is wrong, in words a user can act on."""


@dataclass(frozen=True)
class RunData:
    """Which data a run trained on."""

    source: str
    checksum: str
    train_size: int


@dataclass(frozen=True)
class RunRecord:
    """One training run: its config, per-epoch metrics and where it ran."""

    label: str
    config: TrainConfig
    status: str  # one of RECORD_STATUSES
    diverged_epoch: int | None
    epochs: tuple[EpochMetrics, ...]
    data: RunData
    device: str
    torch_version: str
    wall_time_s: float
    created: str  # ISO-8601, UTC
    summary: RunSummary = field(init=False)  # computed from the epochs, never given

    def __post_init__(self):
        """Keep epochs as a tuple so a record cannot change after it is made; summarize them."""
        object.__setattr__(self, "epochs", tuple(self.epochs))
        object.__setattr__(self, "summary", summarize_run(self.epochs, self.status == "diverged"))

    @property
    def ends_collapsed(self) -> bool:
        """True when the run's last epoch is a collapsed one (outcomes.COLLAPSE_DROP)."""
        collapsed = self.summary.collapsed_epochs
        return bool(collapsed) and self.status != "diverged" and collapsed[-1] == self.epochs[-1].epoch

    def to_dict(self) -> dict:
        """The record as JSON-ready values; NaN and infinite metrics become None."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "label": self.label,
            "config": self.config.to_dict(),
            "status": self.status,
            "diverged_epoch": self.diverged_epoch,
            "epochs": [
                {**{name: _finite_or_none(getattr(metrics, name)) if name in METRIC_FIELDS else getattr(metrics, name)
                    for name in EPOCH_FIELDS},
                 "activations": [{"layer": layer.layer,
                                  **{name: _finite_or_none(getattr(layer, name)) for name in ACTIVATION_STATISTICS}}
                                 for layer in metrics.activations]}
                for metrics in self.epochs
            ],
            "data": {"source": self.data.source, "checksum": self.data.checksum, "train_size": self.data.train_size},
            "device": self.device,
            "torch_version": self.torch_version,
            "wall_time_s": self.wall_time_s,
            "created": self.created,
            "summary": summary_to_dict(self.summary),
        }

    def to_json(self, indent: int | None = 1) -> str:
        """The record as strict JSON text (parse_run_record reads it back)."""
        return json.dumps(self.to_dict(), allow_nan=False, indent=indent)


def _finite_or_none(value: float) -> float | None:
    """value, or None when it is NaN or infinite (strict JSON has no such numbers)."""
    return value if math.isfinite(value) else None


def summary_to_dict(summary: RunSummary) -> dict:
    """The summary as JSON-ready values: NaN as None, collapsed_epochs as a list."""
    values = {name: getattr(summary, name) for name in SUMMARY_FIELDS}
    return {name: list(value) if isinstance(value, tuple) else _finite_or_none(value) if isinstance(value, float)
            else value for name, value in values.items()}


def utc_now_iso() -> str:
    """The current time as ISO-8601 in UTC, to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def changed_fields(config: TrainConfig) -> tuple[str, ...]:
    """The SETTING_FIELDS where the config differs from d2l's setting, in their order."""
    default = PRESETS["d2l"]
    return tuple(name for name in SETTING_FIELDS if getattr(config, name) != getattr(default, name))


def describe_setting(config: TrainConfig) -> str:
    """The config in a few words, leaving out seed, epochs and device: runs differing only there share it."""
    parts = [f"p1={config.p1:g}", f"p2={config.p2:g}"]
    for name in changed_fields(config):
        value = getattr(config, name)
        if name == "hidden":
            value = "x".join(map(str, value))
        parts.append(f"{name}={value:g}" if isinstance(value, float) else f"{name}={value}")
    return ", ".join(parts)


def default_label(config: TrainConfig) -> str:
    """A label naming the setting and the seed."""
    return f"{describe_setting(config)}, seed={config.seed}"


def run_record(trainer: Trainer, label: str | None = None) -> RunRecord:
    """A RunRecord of the trainer's run so far (status "stopped" until it finished or diverged)."""
    status = "stopped" if trainer.status in ("ready", "running") else trainer.status
    return RunRecord(
        label=default_label(trainer.config) if label is None else label,
        config=trainer.config,
        status=status,
        diverged_epoch=trainer.diverged_epoch,
        epochs=trainer.history,
        data=RunData(source=trainer.data.source, checksum=trainer.data.checksum,
                     train_size=trainer.config.train_size),
        device=describe_device(trainer.device),
        torch_version=torch.__version__,
        wall_time_s=trainer.wall_time_s,
        created=utc_now_iso(),
    )


# --- reading ---------------------------------------------------------------------------------------------
def _reject_constant(name: str):
    """json.loads hook: strict JSON has no NaN or Infinity."""
    raise RunRecordError(f"the run record contains {name}, which is not valid JSON; use null for a missing value")


def _object_without_duplicates(pairs: list) -> dict:
    """json.loads hook: a key given twice is ambiguous, so refuse it."""
    result = {}
    for key, value in pairs:
        if key in result:
            raise RunRecordError(f"the run record gives the key {key!r} twice")
        result[key] = value
    return result


def _is_number(value) -> bool:
    """True for a JSON number (int or float, not a bool)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_keys(obj, expected: tuple[str, ...], where: str) -> None:
    """Raise unless obj is a JSON object with exactly the expected keys."""
    if not isinstance(obj, dict):
        raise RunRecordError(f"{where} must be a JSON object, got {type(obj).__name__}")
    missing = [key for key in expected if key not in obj]
    unknown = [key for key in obj if key not in expected]
    if missing:
        raise RunRecordError(f"{where} lacks the field(s) {', '.join(missing)}")
    if unknown:
        raise RunRecordError(f"{where} has unknown field(s) {', '.join(map(repr, unknown))}")


def _check_type(value, expected_type, where: str, description: str):
    """value, or RunRecordError unless it is an instance of expected_type (bools never count as numbers)."""
    if isinstance(value, bool) and expected_type is not bool or not isinstance(value, expected_type):
        raise RunRecordError(f"{where} must be {description}, got {value!r}")
    return value


def _finite_number(value, where: str, minimum: float = 0.0) -> float:
    """value as a float, or RunRecordError unless it is a finite number >= minimum."""
    if not _is_number(value) or not math.isfinite(value) or value < minimum:
        raise RunRecordError(f"{where} must be a finite number >= {minimum:g}, got {value!r}")
    return float(value)


def _parse_metric(value, where: str, is_accuracy: bool) -> float:
    """A metric value: null (NaN in memory), a loss >= 0, or an accuracy in [0, 1]."""
    if value is None:
        return math.nan
    number = _finite_number(value, where)
    if is_accuracy and number > 1.0:
        raise RunRecordError(f"{where} is an accuracy and must lie in [0, 1], got {value!r}")
    return number


def _parse_activations(values, where: str, config: TrainConfig) -> tuple[LayerActivations, ...]:
    """An epoch's activation statistics: empty, or one object per hidden layer numbered 1, 2, values checked."""
    if not isinstance(values, list) or len(values) not in (0, len(config.hidden)):
        raise RunRecordError(f"{where} must be a list of {len(config.hidden)} hidden layers (or empty), "
                             f"got {values!r:.80}")
    layers = []
    for position, entry in enumerate(values, start=1):
        here = f"{where}[{position - 1}]"
        _check_keys(entry, ACTIVATION_FIELDS, here)
        if _check_type(entry["layer"], int, f"{here}.layer", "a whole number") != position:
            raise RunRecordError(f"{here}.layer is {entry['layer']}; layers must be numbered 1, 2 in order")
        statistics = {}
        for name in ACTIVATION_STATISTICS:
            value = entry[name]
            if value is None:
                statistics[name] = math.nan
            elif name.endswith("_var"):
                statistics[name] = _finite_number(value, f"{here}.{name}")
            else:
                statistics[name] = _finite_number(value, f"{here}.{name}", minimum=-math.inf)
        layers.append(LayerActivations(layer=position, **statistics))
    return tuple(layers)


def _parse_epochs(values, config: TrainConfig, version: int) -> list[EpochMetrics]:
    """The epochs list: consecutive from 1, no more than config.epochs, every value checked."""
    if not isinstance(values, list):
        raise RunRecordError(f"epochs must be a list, got {type(values).__name__}")
    if len(values) > config.epochs:
        raise RunRecordError(f"epochs lists {len(values)} epochs but config.epochs is {config.epochs}")
    epochs = []
    for position, entry in enumerate(values, start=1):
        where = f"epochs[{position - 1}]"
        _check_keys(entry, EPOCH_FIELDS if version < 3 else (*EPOCH_FIELDS, "activations"), where)
        if _check_type(entry["epoch"], int, f"{where}.epoch", "a whole number") != position:
            raise RunRecordError(f"{where}.epoch is {entry['epoch']}; epochs must be numbered 1, 2, 3, ... in order")
        metrics = {name: _parse_metric(entry[name], f"{where}.{name}", name.endswith("_acc") or "_acc_" in name)
                   for name in METRIC_FIELDS}
        activations = () if version < 3 else _parse_activations(entry["activations"], f"{where}.activations", config)
        epochs.append(EpochMetrics(epoch=position, seconds=_finite_number(entry["seconds"], f"{where}.seconds"),
                                   activations=activations, **metrics))
    return epochs


def _parse_created(value) -> str:
    """The creation time: an ISO-8601 string in UTC."""
    _check_type(value, str, "created", "an ISO-8601 time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise RunRecordError(
            f"created must be an ISO-8601 time such as 2026-01-31T12:00:00+00:00, got {value!r}") from None
    if moment.utcoffset() != timedelta(0):
        raise RunRecordError(f"created must be in UTC (offset +00:00 or Z), got {value!r}")
    return value


def _check_status(status, diverged_epoch, epoch_count: int, config: TrainConfig) -> None:
    """Raise unless status, diverged_epoch and the number of epochs agree with each other."""
    if status not in RECORD_STATUSES:
        raise RunRecordError(f"status must be one of {', '.join(RECORD_STATUSES)}, got {status!r}")
    if status == "diverged":
        if _check_type(diverged_epoch, int, "diverged_epoch", "a whole number") != epoch_count or epoch_count < 1:
            raise RunRecordError(
                f"diverged_epoch is {diverged_epoch} but a diverged run ends at its last epoch ({epoch_count})"
            )
    elif diverged_epoch is not None:
        raise RunRecordError(f"diverged_epoch must be null unless status is diverged, got {diverged_epoch!r}")
    if status == "finished" and epoch_count != config.epochs:
        raise RunRecordError(f"a finished run has all {config.epochs} epochs, this one lists {epoch_count}")
    if status == "stopped" and epoch_count >= config.epochs:
        raise RunRecordError(f"a stopped run has fewer than {config.epochs} epochs, this one lists {epoch_count}")


def _record_from_dict(obj) -> RunRecord:
    """Check every field of a decoded record and build the RunRecord."""
    if not isinstance(obj, dict):
        raise RunRecordError(f"a run record must be a JSON object, got {type(obj).__name__}")
    if obj.get("format") != FORMAT:
        raise RunRecordError(f"this is not a Dropout Explorer run record (its format is {obj.get('format')!r}, "
                             f"expected {FORMAT!r})")
    version = obj.get("version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        raise RunRecordError(f"run record version {version!r} is not supported; this Dropout Explorer reads "
                             f"versions {', '.join(map(str, READABLE_VERSIONS[:-1]))} and {READABLE_VERSIONS[-1]}")
    _check_keys(obj, RECORD_FIELDS if version == 1 else (*RECORD_FIELDS, "summary"), "the run record")
    label = _check_type(obj["label"], str, "label", "a string")
    if len(label) > MAX_LABEL_LENGTH:
        raise RunRecordError(f"label is {len(label)} characters long; the limit is {MAX_LABEL_LENGTH}")
    config_fields = tuple(field.name for field in fields(TrainConfig) if version > 2 or field.name != "noise")
    _check_keys(obj["config"], config_fields, "config")
    try:
        config = TrainConfig.from_dict(obj["config"])
    except ValueError as error:
        raise RunRecordError(f"config: {error}") from None
    epochs = _parse_epochs(obj["epochs"], config, version)
    _check_status(obj["status"], obj["diverged_epoch"], len(epochs), config)
    _check_keys(obj["data"], DATA_FIELDS, "data")
    data = RunData(
        source=_check_type(obj["data"]["source"], str, "data.source", "a string"),
        checksum=_check_type(obj["data"]["checksum"], str, "data.checksum", "a string"),
        train_size=_check_type(obj["data"]["train_size"], int, "data.train_size", "a whole number"),
    )
    if data.train_size != config.train_size:
        raise RunRecordError(f"data.train_size is {data.train_size} but config.train_size is {config.train_size}")
    record = RunRecord(
        label=label,
        config=config,
        status=obj["status"],
        diverged_epoch=obj["diverged_epoch"],
        epochs=epochs,
        data=data,
        device=_check_type(obj["device"], str, "device", "a string"),
        torch_version=_check_type(obj["torch_version"], str, "torch_version", "a string"),
        wall_time_s=_finite_number(obj["wall_time_s"], "wall_time_s"),
        created=_parse_created(obj["created"]),
    )
    if version > 1:
        _check_summary(obj["summary"], record)
    return record


def _same(stored, expected) -> bool:
    """True when a stored summary value is the expected JSON value (numbers to within rounding, no bools)."""
    if isinstance(expected, float):
        return _is_number(stored) and math.isclose(stored, expected, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(expected, list):
        return isinstance(stored, list) and all(type(item) is int for item in stored) and stored == expected
    return type(stored) is type(expected) and stored == expected  # a whole number, or None


def _check_summary(stored, record: RunRecord) -> None:
    """Raise unless the stored summary has exactly its fields and agrees with the record's own epochs."""
    _check_keys(stored, SUMMARY_FIELDS, "summary")
    expected = summary_to_dict(record.summary)
    wrong = [name for name in SUMMARY_FIELDS if not _same(stored[name], expected[name])]
    if wrong:
        raise RunRecordError(f"summary disagrees with the epochs: {wrong[0]} is {stored[wrong[0]]!r}, the epochs "
                             f"give {expected[wrong[0]]!r}")


def _read_json(text_or_bytes: str | bytes):
    """The JSON value in a file's text or bytes, refusing what is too large, not UTF-8 or not strict JSON."""
    if isinstance(text_or_bytes, str):
        raw = text_or_bytes.encode("utf-8", errors="surrogatepass")
    elif isinstance(text_or_bytes, (bytes, bytearray)):
        raw = bytes(text_or_bytes)
    else:
        raise RunRecordError(f"a run record is JSON text or bytes, got {type(text_or_bytes).__name__}")
    if len(raw) > MAX_RECORD_BYTES:
        raise RunRecordError(f"the file is {len(raw):,} bytes; a run record is at most {MAX_RECORD_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RunRecordError("the file is not UTF-8 text, so it cannot be a run record (JSON)") from None
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_object_without_duplicates)
    except json.JSONDecodeError as error:
        raise RunRecordError(f"the file is not valid JSON: {error.msg} at line {error.lineno}, "
                             f"column {error.colno}") from None
    except RecursionError:
        raise RunRecordError("the JSON is nested too deeply to be a run record") from None
    except RunRecordError:  # raised by the hooks above, already in words a user can act on
        raise
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise RunRecordError("the file holds a number with thousands of digits, which no run record has") from None


def parse_run_record(text_or_bytes: str | bytes) -> RunRecord:
    """Read and strictly check a run record from JSON text; raise RunRecordError saying what is wrong."""
    return _record_from_dict(_read_json(text_or_bytes))


def parse_run_records(text_or_bytes: str | bytes) -> list[RunRecord]:
    """Read one run record, or a JSON list of them (the Compare page's download), each strictly checked."""
    value = _read_json(text_or_bytes)
    if not isinstance(value, list):
        return [_record_from_dict(value)]
    if not value:
        raise RunRecordError("the file holds an empty list: no run to read")
    records = []
    for position, item in enumerate(value, start=1):
        try:
            records.append(_record_from_dict(item))
        except RunRecordError as error:
            raise RunRecordError(f"run {position} of {len(value)}: {error}") from None
    return records


# --- files -----------------------------------------------------------------------------------------------
def _temporary_file_beside(path: Path, delete: bool):
    """An open temporary file in path's folder, where a rename onto path is atomic."""
    return tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.",
                                       suffix=".tmp", delete=delete)


def check_record_path(path: str | os.PathLike) -> Path:
    """path, or ValueError saying why a record cannot be saved there: checked before a long training, not after."""
    path = Path(path)
    if path.is_dir():
        raise ValueError(f"{path} is a folder; name a file to write the run record to, e.g. {path / 'run.json'}")
    try:
        with _temporary_file_beside(path, delete=True):  # the very operation save_record needs, undone at once
            pass
    except OSError as error:
        raise ValueError(f"cannot write the run record into the folder {path.parent}: "
                         f"{error.strerror or error}") from None
    return path


def save_record(record: RunRecord, path: str | os.PathLike) -> None:
    """Write the record as JSON; a reader never sees a half-written file (write, then rename), and a failure
    leaves no temporary file behind."""
    path = Path(path)
    text = record.to_json()
    handle = _temporary_file_beside(path, delete=False)
    try:
        with handle:
            handle.write(text)
        os.chmod(handle.name, 0o644)  # readable like any file written normally (a temporary file starts private)
        os.replace(handle.name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise


def load_record(path: str | os.PathLike) -> RunRecord:
    """Read and check a run record file (never more than MAX_RECORD_BYTES + 1 bytes of it)."""
    with open(path, "rb") as handle:
        raw = handle.read(MAX_RECORD_BYTES + 1)
    try:
        return parse_run_record(raw)
    except RunRecordError as error:
        raise RunRecordError(f"{path}: {error}") from None


# --- tables ----------------------------------------------------------------------------------------------
def records_to_frame(records) -> pd.DataFrame:
    """Runs as a long table: one row per run and epoch, with gap = train_acc_eval - test_acc.

    run_id is the record's position in records, so runs with equal labels stay apart. NaN stands for a
    missing or non-finite value.
    """
    rows = []
    for run_id, record in enumerate(records):
        setting = describe_setting(record.config)
        for metrics in record.epochs:
            values = {name: getattr(metrics, name) for name in METRIC_FIELDS}
            values = {name: value if math.isfinite(value) else math.nan for name, value in values.items()}
            rows.append({"label": record.label, "run_id": run_id, "setting": setting, "seed": record.config.seed,
                         "epoch": metrics.epoch, **values, "gap": values["train_acc_eval"] - values["test_acc"],
                         "status": record.status})
    return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs a cell starting so as a formula


def spreadsheet_safe(text: str) -> str:
    """text, with a leading apostrophe where a spreadsheet would run it as a formula (e.g. =HYPERLINK(...))."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def records_to_csv(records) -> str:
    """records_to_frame(records) as CSV text, for download; no text cell can act as a spreadsheet formula."""
    frame = records_to_frame(records)
    for column in frame.select_dtypes(include=["object", "str"]).columns:
        frame[column] = frame[column].map(spreadsheet_safe)
    return frame.to_csv(index=False, lineterminator="\r\n")  # RFC 4180; a CR inside a cell is then quoted too
