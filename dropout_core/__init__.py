"""Dropout Explorer's science and engine: dropout functions, data, models and training. No UI code here."""
from .dropout import (
    check_drop_probability,
    dropout_layer,
    dropout_mask,
    dropout_randn_mistake,
    randn_mistake_keep_probability,
    randn_mistake_mean_ratio,
)

__all__ = [
    "check_drop_probability",
    "dropout_layer",
    "dropout_mask",
    "dropout_randn_mistake",
    "randn_mistake_keep_probability",
    "randn_mistake_mean_ratio",
]
