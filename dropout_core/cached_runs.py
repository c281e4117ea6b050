"""Saved runs for the Compare and Exercises pages: each experiment's settings over several seeds, kept as JSON.

    python -m dropout_core.cached_runs                          # every experiment, setting and seed
    python -m dropout_core.cached_runs --resume                 # continue an interrupted generation
    python -m dropout_core.cached_runs --experiment small --setting p0-0 --seed 0 --out /tmp/runs
    python -m dropout_core.cached_runs --lab-network            # the Theory lab's own network, as weights

The experiments, their files and how they are read live in dropout_core.training.saved_runs; this is the program.
Exit status: 0 done, 1 data missing or damaged, 2 bad options or environment variables.
"""
import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from .checks import check_int_between, check_seed
from .runtime.hardware import configure_threads
from .runtime.settings import max_threads, refuse_bad_settings
from .theory import lab_network
from .training.data import DataUnavailableError, load_fashion_mnist
from .training.saved_runs import (
    DEFAULT_DIR,
    EXPERIMENTS,
    Experiment,
    all_setting_ids,
    generate,
    planned_runs,
    run_config,
)


def build_parser() -> argparse.ArgumentParser:
    """Options choosing which runs to (re)make and where to write them."""
    parser = argparse.ArgumentParser(
        prog="python -m dropout_core.cached_runs",
        description="Train the saved runs and write one run record (JSON) per run; or, with "
                    "--lab-network, the Theory lab's own network.",
    )
    parser.add_argument("--lab-network", action="store_true",
                        help="train the Theory lab's network instead and write <out>/theory_lab/network.safetensors")
    parser.add_argument("--experiment", action="append", choices=list(EXPERIMENTS),
                        help="only this experiment (repeatable; default: all of them)")
    parser.add_argument("--setting", action="append", choices=all_setting_ids(), metavar="SETTING",
                        help="only this setting, e.g. p0-0 or p0.2-0.5-gaussian (repeatable; default: all of them)")
    parser.add_argument("--seed", action="append", type=int,
                        help="only this seed (repeatable; default: each experiment's own seeds)")
    parser.add_argument("--epochs", type=int, default=None,
                        help="override every experiment's epochs (for a quick trial set, not the saved runs)")
    parser.add_argument("--train-size", type=int, default=None,
                        help="override every experiment's training images (for a quick trial set)")
    parser.add_argument("--out", default=str(DEFAULT_DIR), help="folder to write into (default: %(default)s)")
    parser.add_argument("--resume", action="store_true", help="skip runs whose file already exists")
    parser.add_argument("--threads", type=int, default=None,
                        help="torch CPU threads (default: $DROPOUT_EXPLORER_THREADS or all cores)")
    parser.add_argument("--data-dir", default=None, help="folder holding the four Fashion-MNIST IDX files")
    return parser


def chosen_experiments(args: argparse.Namespace) -> list[Experiment]:
    """The experiments the options name, with --epochs and --train-size applied; ValueError when invalid."""
    experiments = [EXPERIMENTS[name] for name in dict.fromkeys(args.experiment or EXPERIMENTS)]
    overrides = {name: value for name, value in (("epochs", args.epochs), ("train_size", args.train_size))
                 if value is not None}
    experiments = [replace(experiment, base=replace(experiment.base, **overrides)) for experiment in experiments]
    for experiment in experiments:  # check every config before the first minute of training
        for setting in experiment.settings:
            run_config(experiment, setting, 0)
    for seed in args.seed or []:
        check_seed(seed)
    if args.threads is not None:
        check_int_between(args.threads, "--threads", 1, max_threads())
    return experiments


def write_lab_network(out: Path, data) -> int:
    """Train the Theory lab's network (the "theory_lab" preset) and ship its weights under out; return 0."""
    started = time.perf_counter()
    model = lab_network.train_builtin_model(data)
    path = out / lab_network.WEIGHTS_PATH.relative_to(DEFAULT_DIR)
    digest = lab_network.save_builtin_model(model, lab_network.BUILTIN_CONFIG, data.checksum, path)
    print(f"wrote {path} (sha256 {digest}) in {time.perf_counter() - started:.0f} s", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse options, train the chosen runs, print a line per run; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    refuse_bad_settings()
    try:
        experiments = chosen_experiments(args)
    except ValueError as error:
        parser.error(str(error))
    threads = configure_threads(args.threads)
    try:
        data = load_fashion_mnist(args.data_dir)
    except DataUnavailableError as error:
        print(error, file=sys.stderr)
        return 1
    if args.lab_network:
        return write_lab_network(Path(args.out), data)
    runs = planned_runs(experiments, args.setting, None if args.seed is None else dict.fromkeys(args.seed))
    if not runs:
        parser.error("no run to make: none of the chosen experiments has the chosen setting(s)")
    print(f"data: {data.source} (checksum {data.checksum}); {threads} CPU thread(s); {len(runs)} run(s) "
          f"into {args.out}", flush=True)
    started = time.perf_counter()
    generate(args.out, runs, data, resume=args.resume, log=lambda line: print(line, flush=True))
    print(f"done in {time.perf_counter() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
