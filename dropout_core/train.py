"""Train from the command line, e.g. d2l's Dropout experiment:

    python -m dropout_core.train --p1 0.2 --p2 0.5 --epochs 10 --seed 0 --json run.json
    python -m dropout_core.train --preset small --p1 0 --json small-p0.json
    python -m dropout_core.train --noise gaussian --json gaussian.json

Prints the data source and device, one line per epoch, and writes the run record (dropout_core.training.records).
Options and the output path are checked before the data loads (lr at most 1e6, weight decay at most 10, seeds
0 to 2**62, --json a file in a writable folder), so no training is lost to a bad value at the end.
Exit status: 0 done, 1 data missing or damaged, 2 bad options or environment variables, 130 interrupted (the
record so far is still written).
"""
import argparse
import sys
from dataclasses import fields, replace

from .runtime.hardware import DEVICES, configure_threads, describe_device
from .runtime.settings import refuse_bad_settings
from .training.config import TrainConfig
from .training.data import DataUnavailableError, load_fashion_mnist
from .training.engine import Trainer
from .training.models import INITS, NET_IMPLEMENTATIONS
from .training.noise import NOISES, TRAINABLE_NOISES
from .training.presets import PER_RUN_FIELDS, PRESETS
from .training.records import check_record_path, run_record, save_record

# TrainConfig fields a preset sets, each with an option of the same name (underscores as dashes) to override it.
CONFIG_OPTIONS = tuple(field.name for field in fields(TrainConfig) if field.name not in PER_RUN_FIELDS)
HEADER = f"{'epoch':>5}  {'train loss':>10}  {'train acc (dropout on)':>22}  {'train acc (eval)':>16}  " \
         f"{'test loss':>9}  {'test acc':>8}  {'seconds':>7}"


def build_parser() -> argparse.ArgumentParser:
    """The command-line options: a preset, one option per TrainConfig field to override it, data, record, label."""
    parser = argparse.ArgumentParser(
        prog="python -m dropout_core.train",
        description="Train d2l's dropout MLP on Fashion-MNIST and write a run record. Options not given take the "
                    "preset's values (default preset: d2l, the book's experiment).",
    )
    parser.add_argument("--preset", choices=list(PRESETS), default="d2l",
                        help="the setting to start from (dropout_core/training/presets.py)")
    parser.add_argument("--p1", type=float, help="dropout probability after hidden layer 1")
    parser.add_argument("--p2", type=float, help="dropout probability after hidden layer 2")
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--lr", type=float, help="SGD learning rate")
    parser.add_argument("--batch-size", type=int)
    parser.add_argument("--hidden", type=int, nargs=2, metavar=("H1", "H2"), help="sizes of the two hidden layers")
    parser.add_argument("--implementation", choices=NET_IMPLEMENTATIONS,
                        help="scratch: d2l's hand-written dropout; concise: nn.Sequential with nn.Dropout")
    parser.add_argument("--init", choices=INITS,
                        help="normal: weights N(0, 0.01), zero biases; default: PyTorch's own init")
    parser.add_argument("--weight-decay", type=float)
    parser.add_argument("--noise", choices=list(NOISES),
                        help="what is injected after each hidden ReLU, with strength p1/p2 (default dropout): "
                             + ", ".join(TRAINABLE_NOISES) + "; the others are the bug hunt's broken dropout layers")
    parser.add_argument("--train-size", type=int, help="training images used, 1 to 60000")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--device", choices=DEVICES, default="auto")
    parser.add_argument("--data-dir", default=None, help="folder holding the four Fashion-MNIST IDX files")
    parser.add_argument("--json", default=None, metavar="PATH", help="write the run record here")
    parser.add_argument("--label", default=None, help="the run's name in the record (default: its setting)")
    return parser


def config_from_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> TrainConfig:
    """The validated TrainConfig the options describe; a bad value ends in parser.error (exit status 2)."""
    given = {field: getattr(args, field) for field in (*CONFIG_OPTIONS, "seed", "device")
             if getattr(args, field) is not None}
    if "hidden" in given:
        given["hidden"] = tuple(given["hidden"])
    try:
        return replace(PRESETS[args.preset], **given).validate()
    except ValueError as error:
        parser.error(str(error))


def format_epoch(metrics) -> str:
    """One table row for an epoch, aligned with HEADER."""
    return (f"{metrics.epoch:>5}  {metrics.train_loss:>10.4f}  {metrics.train_acc:>22.4f}  "
            f"{metrics.train_acc_eval:>16.4f}  {metrics.test_loss:>9.4f}  {metrics.test_acc:>8.4f}  "
            f"{metrics.seconds:>7.2f}")


def main(argv: list[str] | None = None) -> int:
    """Parse options, train, print the table, write the record; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    refuse_bad_settings()
    config = config_from_args(parser, args)
    if args.json:
        try:
            check_record_path(args.json)
        except ValueError as error:
            parser.error(str(error))
    configure_threads()
    try:
        data = load_fashion_mnist(args.data_dir)
    except DataUnavailableError as error:
        print(error, file=sys.stderr)
        return 1
    trainer = Trainer(config, data)
    print(f"data: {data.source} (checksum {data.checksum}), {config.train_size} training images")
    print(f"device: {describe_device(trainer.device)}")
    print(HEADER, flush=True)
    status = 0
    try:
        while not trainer.finished:
            print(format_epoch(trainer.run_epoch()[-1]), flush=True)
    except KeyboardInterrupt:
        print("interrupted; keeping the epochs finished so far")
        status = 130
    if trainer.diverged:
        print(f"diverged at epoch {trainer.diverged_epoch}")
    if trainer.history:
        final = trainer.history[-1]
        print(f"final test accuracy {final.test_acc:.4f} after {final.epoch} epochs, "
              f"{trainer.wall_time_s:.1f} s of training and evaluation")
    if args.json:
        save_record(run_record(trainer, args.label), args.json)
        print(f"wrote {args.json}")
    return status


if __name__ == "__main__":
    sys.exit(main())
