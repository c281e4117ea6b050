"""Train from the command line, e.g. d2l's Dropout experiment:

    python -m dropout_core.train --p1 0.2 --p2 0.5 --epochs 10 --seed 0 --json run.json

Prints the data source and device, one line per epoch, and writes the run record (dropout_core.records).
Exit status: 0 done, 1 data missing, 2 bad options, 130 interrupted (the record so far is still written).
"""
import argparse
import sys

from .data import DataUnavailableError, load_fashion_mnist
from .engine import DEVICES, TrainConfig, Trainer, describe_device
from .hardware import configure_threads
from .models import IMPLEMENTATIONS, INITS
from .records import save_record

DEFAULTS = TrainConfig()
HEADER = f"{'epoch':>5}  {'train loss':>10}  {'train acc (dropout on)':>22}  {'train acc (eval)':>16}  " \
         f"{'test loss':>9}  {'test acc':>8}  {'seconds':>7}"


def build_parser() -> argparse.ArgumentParser:
    """The command-line options: one per TrainConfig field, plus data folder, record path and label."""
    parser = argparse.ArgumentParser(
        prog="python -m dropout_core.train",
        description="Train d2l's dropout MLP on Fashion-MNIST and write a run record.",
    )
    parser.add_argument("--p1", type=float, default=DEFAULTS.p1, help="dropout probability after hidden layer 1")
    parser.add_argument("--p2", type=float, default=DEFAULTS.p2, help="dropout probability after hidden layer 2")
    parser.add_argument("--epochs", type=int, default=DEFAULTS.epochs)
    parser.add_argument("--lr", type=float, default=DEFAULTS.lr, help="SGD learning rate")
    parser.add_argument("--batch-size", type=int, default=DEFAULTS.batch_size)
    parser.add_argument("--hidden", type=int, nargs=2, default=list(DEFAULTS.hidden), metavar=("H1", "H2"),
                        help="sizes of the two hidden layers")
    parser.add_argument("--implementation", choices=IMPLEMENTATIONS, default=DEFAULTS.implementation,
                        help="scratch: d2l's hand-written dropout; concise: nn.Sequential with nn.Dropout")
    parser.add_argument("--init", choices=INITS, default=DEFAULTS.init,
                        help="normal: weights N(0, 0.01), zero biases; default: PyTorch's own init")
    parser.add_argument("--weight-decay", type=float, default=DEFAULTS.weight_decay)
    parser.add_argument("--train-size", type=int, default=DEFAULTS.train_size,
                        help="training images used, 1 to 60000 (1000 and 5000 show overfitting)")
    parser.add_argument("--seed", type=int, default=DEFAULTS.seed)
    parser.add_argument("--device", choices=DEVICES, default=DEFAULTS.device)
    parser.add_argument("--data-dir", default=None, help="folder holding the four Fashion-MNIST IDX files")
    parser.add_argument("--json", default=None, metavar="PATH", help="write the run record here")
    parser.add_argument("--label", default=None, help="the run's name in the record (default: its setting)")
    return parser


def config_from_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> TrainConfig:
    """The validated TrainConfig the options describe; a bad value ends in parser.error (exit status 2)."""
    config = TrainConfig(
        p1=args.p1, p2=args.p2, epochs=args.epochs, lr=args.lr, batch_size=args.batch_size,
        hidden=tuple(args.hidden), implementation=args.implementation, init=args.init,
        weight_decay=args.weight_decay, train_size=args.train_size, seed=args.seed, device=args.device,
    )
    try:
        return config.validate()
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
    config = config_from_args(parser, args)
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
        save_record(trainer.record(args.label), args.json)
        print(f"wrote {args.json}")
    return status


if __name__ == "__main__":
    sys.exit(main())
