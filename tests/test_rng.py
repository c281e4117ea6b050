"""Sessions share torch's global generator: a concise run stays reproducible while another visitor draws masks."""
import threading

import torch

from dropout_core.masks.implementations import apply_dropout
from dropout_core.training.config import TrainConfig
from dropout_core.training.data import load_fashion_mnist
from dropout_core.training.engine import Trainer

CONCISE = TrainConfig(implementation="concise", epochs=2, train_size=2_000, batch_size=100, hidden=(32, 32), seed=4)


def history_without_time(trainer: Trainer) -> list[tuple]:
    """Every epoch's metrics except its wall time."""
    return [(m.train_loss, m.train_acc, m.train_acc_eval, m.test_loss, m.test_acc) for m in trainer.history]


def test_concise_run_is_unchanged_by_a_concurrent_mask_explorer():
    data = load_fashion_mnist()
    alone = Trainer(CONCISE, data)
    alone.run()

    shared = Trainer(CONCISE, data)
    stop = threading.Event()

    def other_visitor():
        """Another session reseeding the global generator for nn.Dropout, as fast as it can."""
        x = torch.ones(64, 64)
        while not stop.is_set():
            apply_dropout("nn.Dropout", x, 0.5, training=True, seed=0)

    thread = threading.Thread(target=other_visitor)
    thread.start()
    try:
        while not shared.finished:
            shared.advance(3)  # small chunks: many chances for the other visitor to cut in
    finally:
        stop.set()
        thread.join()
    assert history_without_time(shared) == history_without_time(alone)
