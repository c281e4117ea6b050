"""Saved runs for the Compare page: d2l's dropout settings over several seeds, trained once and kept as JSON.

Every run is trained by the Train page's engine (Trainer(config, data).run()) and written as a run record to
<out>/<experiment>/<setting>-seed<k>.json, e.g. cached_runs/d2l/p0.2-0.5-seed3.json. A run that diverges (status
"diverged") or collapses (its summary lists the epochs) is kept as it is: how often and when that happens is a
finding. `python -m dropout_core.cached_runs` is the command line that makes them.
"""
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ..runtime import settings
from .config import TrainConfig
from .data import FashionMNIST
from .engine import Trainer
from .presets import PRESETS
from .records import RunRecord, RunRecordError, load_record, run_record, save_record

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "cached_runs"
# Saved runs train on the CPU: a seed then gives the same numbers on any machine, up to float32 summation order.
DEVICE = "cpu"


@dataclass(frozen=True)
class Experiment:
    """One family of saved runs: how long and on how many images every setting trains, and with which seeds."""

    name: str
    base: TrainConfig  # a preset: every field but the drop probabilities (the settings), seed and device
    seeds: tuple[int, ...]

    @property
    def epochs(self) -> int:
        """How many epochs each run of the experiment trains."""
        return self.base.epochs

    @property
    def train_size(self) -> int:
        """How many training images each run of the experiment uses."""
        return self.base.train_size


EXPERIMENTS = {
    experiment.name: experiment for experiment in (
        Experiment("d2l", PRESETS["d2l"], seeds=(0, 1, 2, 3, 4)),  # the book's run
        Experiment("long", PRESETS["long"], seeds=(0, 1, 2)),  # where p = 0 may diverge
        Experiment("small", PRESETS["small"], seeds=(0, 1, 2)),  # the overfitting regime
    )
}
# Drop probabilities (after hidden layer 1, after hidden layer 2), named as in the file names.
SETTINGS = {"p0-0": (0.0, 0.0), "p0.2-0.5": (0.2, 0.5), "p0.5-0.5": (0.5, 0.5)}
_FILE_NAME = re.compile(r"^(?P<setting>.+)-seed(?P<seed>\d+)\.json$")


def setting_id(config: TrainConfig) -> str:
    """The setting's name in file names and links: its two drop probabilities, e.g. "p0.2-0.5"."""
    return f"p{config.p1:g}-{config.p2:g}"


def run_config(experiment: Experiment, setting: str, seed: int) -> TrainConfig:
    """The config of one saved run: d2l's defaults with the setting's drop probabilities."""
    if setting not in SETTINGS:
        raise ValueError(f"unknown setting {setting!r}; choose from {', '.join(SETTINGS)}")
    p1, p2 = SETTINGS[setting]
    return replace(experiment.base, p1=p1, p2=p2, seed=seed, device=DEVICE).validate()


def run_path(root: str | Path, experiment: str, setting: str, seed: int) -> Path:
    """Where the run record of one saved run lives under root."""
    return Path(root) / experiment / f"{setting}-seed{seed}.json"


def run_label(experiment: str, config: TrainConfig) -> str:
    """How charts and tables name a saved run."""
    return f"{experiment}: p1={config.p1:g}, p2={config.p2:g}, seed={config.seed}"


def planned_runs(experiments: Iterable[Experiment], settings: Iterable[str],
                 seeds: Iterable[int] | None = None) -> list[tuple[Experiment, str, int]]:
    """(experiment, setting, seed) of every run to make; seeds None means each experiment's own seeds."""
    settings = list(settings)
    wanted_seeds = None if seeds is None else list(seeds)
    return [(experiment, setting, seed)
            for experiment in experiments
            for setting in settings
            for seed in (experiment.seeds if wanted_seeds is None else wanted_seeds)]


def generate(out: str | Path, runs: list[tuple[Experiment, str, int]], data: FashionMNIST, resume: bool = False,
             log: Callable[[str], None] = print) -> list[Path]:
    """Train each planned run and write its record; with resume, skip runs whose file exists. Return the files."""
    written = []
    for number, (experiment, setting, seed) in enumerate(runs, start=1):
        path = run_path(out, experiment.name, setting, seed)
        prefix = f"[{number}/{len(runs)}] {path}"
        if resume and path.exists():
            log(f"{prefix}: exists, skipped")
            continue
        config = run_config(experiment, setting, seed)
        started = time.perf_counter()
        trainer = Trainer(config, data)
        trainer.run()
        record = run_record(trainer, run_label(experiment.name, config))
        path.parent.mkdir(parents=True, exist_ok=True)
        save_record(record, path)
        written.append(path)
        log(f"{prefix}: {describe_outcome(record)}, {time.perf_counter() - started:.0f} s")
    return written


def describe_outcome(record: RunRecord) -> str:
    """One line on how a run ended: its final test accuracy, or the epoch where it diverged."""
    if record.status == "diverged":
        return f"diverged at epoch {record.diverged_epoch}"
    last = record.epochs[-1]
    return f"{record.status}, test accuracy {last.test_acc:.4f} after {last.epoch} epochs"


@dataclass(frozen=True)
class SavedRun:
    """A saved run as read from disk: its experiment (the folder), setting and seed, and the record."""

    experiment: str
    setting: str
    seed: int
    record: RunRecord


@dataclass(frozen=True)
class SavedRuns:
    """Every saved run found under a folder, and the files that could not be used, with the reason."""

    runs: tuple[SavedRun, ...]
    problems: tuple[str, ...]


def find_saved_run(saved: SavedRuns, config: TrainConfig) -> SavedRun | None:
    """The saved run trained with exactly this config (whatever device the caller would train on), or None."""
    wanted = replace(config, device=DEVICE)
    return next((run for run in saved.runs if run.record.config == wanted), None)


def saved_runs_folder() -> Path:
    """The folder the app reads saved runs from: $DROPOUT_EXPLORER_CACHED_RUNS, else the repository's cached_runs/."""
    return settings.value(settings.CACHED_RUNS) or DEFAULT_DIR


def saved_run_files(root: str | Path) -> list[Path]:
    """The run files under root (one folder per experiment), in a stable order."""
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(path for path in root.glob("*/*.json") if _FILE_NAME.match(path.name))


def experiment_order(name: str) -> tuple[int, str]:
    """Sort key: the experiments defined here in their order, any other folder after them by name."""
    names = list(EXPERIMENTS)
    return (names.index(name), name) if name in names else (len(names), name)


def load_saved_runs(root: str | Path = DEFAULT_DIR) -> SavedRuns:
    """Read and check every run file under root; a file that is malformed or misnamed becomes a problem."""
    runs, problems = [], []
    for path in saved_run_files(root):
        try:
            record = load_record(path)
        except (OSError, RunRecordError) as error:
            problems.append(str(error))
            continue
        name = _FILE_NAME.match(path.name)
        setting, seed = setting_id(record.config), record.config.seed
        if (name["setting"], int(name["seed"])) != (setting, seed):
            problems.append(f"{path}: the file name says {name['setting']}, seed {name['seed']}, "
                            f"but the record is {setting}, seed {seed}")
            continue
        runs.append(SavedRun(path.parent.name, setting, seed, record))
    runs.sort(key=lambda run: (experiment_order(run.experiment), list(SETTINGS).index(run.setting)
                               if run.setting in SETTINGS else len(SETTINGS), run.setting, run.seed))
    return SavedRuns(tuple(runs), tuple(problems))


