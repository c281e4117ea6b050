"""Dropout Explorer's science and engine: dropout functions, data, models and training. No UI code here."""
from .dropout import (
    check_drop_probability,
    dropout_layer,
    dropout_mask,
    dropout_randn_mistake,
    randn_mistake_keep_probability,
    randn_mistake_mean_ratio,
)
from .engine import D2L_PRESET, NO_DROPOUT_PRESET, EpochMetrics, ProgressEvent, TrainConfig, Trainer

__all__ = [
    "D2L_PRESET",
    "NO_DROPOUT_PRESET",
    "EpochMetrics",
    "ProgressEvent",
    "TrainConfig",
    "Trainer",
    "check_drop_probability",
    "dropout_layer",
    "dropout_mask",
    "dropout_randn_mistake",
    "randn_mistake_keep_probability",
    "randn_mistake_mean_ratio",
]
