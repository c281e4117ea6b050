"""Dropout Explorer's science and engine, in five rooms; it never imports streamlit and returns ids and numbers.

Imports go one way, top to bottom:
- checks.py: argument checks every module uses.
- runtime/: process plumbing shared by a server's sessions: devices and threads, the global-RNG lock, training slots.
- classroom/: what a lecture shares between the projector and the students' phones: class polls in a database.
- masks/: what dropout does to one tensor: the dropout functions, the Mask explorer's implementations, inputs and
  statistics, and dropout's relatives (the variants registry).
- training/: d2l's experiment: Fashion-MNIST, the two MLPs, TrainConfig and its presets, the engine, jobs, run
  records, summaries of runs and the saved runs.
- theory/: the Theory lab's science: the adaptive L2 penalty, averaging thinned networks and MC dropout, the lab's
  network.
- train.py and cached_runs.py: the two command-line programs (`python -m dropout_core.train`, `... .cached_runs`).
"""
from .masks.functions import dropout_layer, dropout_mask, dropout_randn_mistake
from .runtime import hardware  # noqa: F401  puts MKL in its strict mode (hardware says why) before anything computes
from .training.config import TrainConfig
from .training.engine import Trainer
from .training.presets import PRESETS

__all__ = ["PRESETS", "TrainConfig", "Trainer", "dropout_layer", "dropout_mask", "dropout_randn_mistake"]
