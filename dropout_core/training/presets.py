"""The one table of training presets: d2l's setting (5.6 / zh 4.6) and every other setting the app trains.

A preset fixes every field of TrainConfig except the run's own seed and device. The Train page's buttons, the CLI's
--preset, the saved-run generator and the Theory lab's network all read this table: adding a preset is one entry
here (and, for a Train-page button, its name `train.preset_<id>` in ui/strings/train.py).
"""
from dataclasses import replace

from .config import TrainConfig

PER_RUN_FIELDS = ("seed", "device")  # chosen for each run, never by a preset

PRESETS: dict[str, TrainConfig] = {
    # The book's experiment: MLP 784-256-256-10, dropout 0.2 / 0.5, SGD lr 0.5, batch 256, 10 epochs, 60,000 images.
    "d2l": TrainConfig(),
    "no_dropout": TrainConfig(p1=0.0, p2=0.0),
    # Few images, many epochs: a network without dropout memorises its training set (eval-mode train accuracy 1)
    # while its test loss rises. lr 0.1 with batches of 32 (63 steps an epoch) gets there without collapsing;
    # d2l's lr 0.5 with batches of 256 (8 steps) collapsed again and again on 2,000 images, with and without dropout.
    "small": TrainConfig(train_size=2_000, epochs=200, lr=0.1, batch_size=32),
    "long": TrainConfig(epochs=50),
    # The Theory lab's own network: narrower, on a sixth of the data. Small batches and PyTorch's default init reach
    # ~0.8 test accuracy in ~1,300 steps; d2l's N(0, 0.01) init with batch 256 needs many more to leave its slow start.
    "theory_lab": TrainConfig(hidden=(128, 128), init="default", lr=0.1, batch_size=64, epochs=8, train_size=10_000),
}


def preset_config(name: str, seed: int = 0, device: str = "auto") -> TrainConfig:
    """The preset's config for one run with this seed and device; ValueError for an unknown preset."""
    if name not in PRESETS:
        raise ValueError(f"unknown preset {name!r}; choose one of {tuple(PRESETS)}")
    return replace(PRESETS[name], seed=seed, device=device).validate(check_device_available=False)
