"""Saved runs: the Compare page's settings and the Exercises page's experiments, trained once and kept as JSON.

Every run is trained by the Train page's engine (Trainer(config, data).run()) and written as a run record to
<out>/<experiment>/<setting>-seed<k>.json, e.g. cached_runs/d2l/p0.2-0.5-seed3.json. A run that diverges (status
"diverged") or collapses (its summary lists the epochs) is kept as it is: how often and when that happens is a
finding. `python -m dropout_core.cached_runs` is the command line that makes them.
"""
import itertools
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ..runtime import settings
from .config import TrainConfig
from .data import FashionMNIST
from .engine import Trainer
from .noise import DROPOUT, NOISES
from .presets import PRESETS
from .records import RunRecord, RunRecordError, load_record, run_record, save_record

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "cached_runs"
# Saved runs train on the CPU: a seed then gives the same numbers on any machine, up to float32 summation order.
DEVICE = "cpu"


def setting_id(config: TrainConfig) -> str:
    """The setting's name in file names and links: its drop probabilities, then its weight decay and noise when they
    are not the default, e.g. "p0.2-0.5", "p0-0-wd0.001", "p0.2-0.5-gaussian"."""
    name = f"p{config.p1:g}-{config.p2:g}"
    if config.weight_decay:
        name += f"-wd{config.weight_decay:g}"
    if config.noise != DROPOUT:
        name += f"-{config.noise}"
    return name


@dataclass(frozen=True)
class Experiment:
    """One family of saved runs: a preset, the settings it varies, the seeds, and whether Compare offers it."""

    name: str
    base: TrainConfig  # a preset: every field but those the settings change, the seed and the device
    seeds: tuple[int, ...]
    changes: tuple[dict, ...]  # each setting's fields that differ from the base
    on_compare: bool = True  # False: the Exercises page reads it; too many settings for Compare's chart

    @property
    def epochs(self) -> int:
        """How many epochs each run of the experiment trains."""
        return self.base.epochs

    @property
    def train_size(self) -> int:
        """How many training images each run of the experiment uses."""
        return self.base.train_size

    @property
    def settings(self) -> dict[str, dict]:
        """Each setting's id (as in file names) and the fields it changes, in the experiment's order."""
        return {setting_id(replace(self.base, **change)): change for change in self.changes}


def drop_rates(p1: float, p2: float, **more) -> dict:
    """A setting's changes: its two drop probabilities, and any other field."""
    return {"p1": p1, "p2": p2, **more}


DROPOUT_SETTINGS = (drop_rates(0.0, 0.0), drop_rates(0.2, 0.5), drop_rates(0.5, 0.5))  # Compare's three
GRID_RATES = (0.0, 0.2, 0.5, 0.8)  # exercise 1: every pair of these, the d2l experiment's three not again
# Exercise 5: a light weight decay and a strong one, each one of the Train page's choices (its settings train live).
WEIGHT_DECAYS = (1e-3, 1e-2)
EXPERIMENTS = {
    experiment.name: experiment for experiment in (
        Experiment("d2l", PRESETS["d2l"], (0, 1, 2, 3, 4), DROPOUT_SETTINGS),  # the book's run
        Experiment("long", PRESETS["long"], (0, 1, 2), DROPOUT_SETTINGS),  # where p = 0 may diverge
        Experiment("small", PRESETS["small"], (0, 1, 2), DROPOUT_SETTINGS),  # the overfitting regime
        # d2l's runs again, made after the engine measured activations (exercise 3): floats summed in another order
        # (another thread count) give other numbers than the d2l folder's from the same seed.
        Experiment("activations", PRESETS["d2l"], (0, 1, 2), (drop_rates(0.0, 0.0), drop_rates(0.2, 0.5)),
                   on_compare=False),
        Experiment("drop_rates", PRESETS["d2l"], (0, 1, 2), tuple(
            drop_rates(p1, p2) for p1, p2 in itertools.product(GRID_RATES, repeat=2)
            if drop_rates(p1, p2) not in DROPOUT_SETTINGS), on_compare=False),
        Experiment("weight_decay", PRESETS["small"], (0, 1, 2), tuple(
            drop_rates(p1, p2, weight_decay=decay) for decay in WEIGHT_DECAYS for p1, p2 in ((0.0, 0.0), (0.2, 0.5))),
            on_compare=False),
        Experiment("noise", PRESETS["d2l"], (0, 1, 2), tuple(
            drop_rates(0.2, 0.5, noise=noise) for noise in ("gaussian", "dropconnect", "additive")), on_compare=False),
        Experiment("bugs", PRESETS["d2l"], (0, 1), tuple(
            drop_rates(0.2, 0.5, noise=noise.id) for noise in NOISES.values() if noise.bug), on_compare=False),
    )
}
_FILE_NAME = re.compile(r"^(?P<setting>.+)-seed(?P<seed>\d+)\.json$")


def all_setting_ids() -> list[str]:
    """Every setting id of every experiment, each once, in order."""
    return list(dict.fromkeys(setting for experiment in EXPERIMENTS.values() for setting in experiment.settings))


def run_config(experiment: Experiment, setting: str, seed: int) -> TrainConfig:
    """The config of one saved run: the experiment's preset with the setting's changes."""
    if setting not in experiment.settings:
        raise ValueError(f"experiment {experiment.name!r} has no setting {setting!r}; "
                         f"choose from {', '.join(experiment.settings)}")
    return replace(experiment.base, **experiment.settings[setting], seed=seed, device=DEVICE).validate()


def run_path(root: str | Path, experiment: str, setting: str, seed: int) -> Path:
    """Where the run record of one saved run lives under root."""
    return Path(root) / experiment / f"{setting}-seed{seed}.json"


def run_label(experiment: str, config: TrainConfig) -> str:
    """How charts and tables name a saved run."""
    extras = (f", weight decay={config.weight_decay:g}" if config.weight_decay else "") + \
        (f", noise={config.noise}" if config.noise != DROPOUT else "")
    return f"{experiment}: p1={config.p1:g}, p2={config.p2:g}{extras}, seed={config.seed}"


def planned_runs(experiments: Iterable[Experiment], settings: Iterable[str] | None = None,
                 seeds: Iterable[int] | None = None) -> list[tuple[Experiment, str, int]]:
    """(experiment, setting, seed) of every run to make: the named settings an experiment has (None: all of them),
    with the given seeds (None: each experiment's own)."""
    wanted_settings = None if settings is None else set(settings)
    wanted_seeds = None if seeds is None else list(seeds)
    return [(experiment, setting, seed)
            for experiment in experiments
            for setting in experiment.settings
            if wanted_settings is None or setting in wanted_settings
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


def setting_order(run: SavedRun) -> int:
    """Sort key: a setting's place in its experiment, any other setting after them."""
    experiment = EXPERIMENTS.get(run.experiment)
    settings = list(experiment.settings) if experiment else []
    return settings.index(run.setting) if run.setting in settings else len(settings)


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
    runs.sort(key=lambda run: (experiment_order(run.experiment), setting_order(run), run.setting, run.seed))
    return SavedRuns(tuple(runs), tuple(problems))


