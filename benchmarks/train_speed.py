"""Seconds per training epoch of d2l's Dropout configuration, three ways, on this machine.

(a) our engine (dropout_core.training.engine.Trainer; its end-of-epoch evaluation is timed separately),
(b) the d2l reference pipeline: torchvision FashionMNIST + transforms.ToTensor() + DataLoader(256, shuffle),
    best of num_workers 0 and 4, the same model and optimizer, d2l's train_epoch_ch3 loop,
(c) the floor: only the epoch's matrix products (forward, and both backward products of every layer).
All three use the same thread count; on CUDA all run on the GPU. Each is warmed up, then the best of a few
repeats is kept. The last line is `engine/floor=X.XX d2l/engine=Y.YY`.

Run: .venv/bin/python benchmarks/train_speed.py [--repeats 3] [--d2l-repeats 2] [--skip-d2l]
"""
import argparse
import gzip
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from anywhere in the checkout

from dropout_core.runtime.hardware import (  # noqa: E402
    configure_threads,
    describe_device,
    detect_hardware,
)
from dropout_core.training.config import FULL_TRAIN_SIZE, TrainConfig  # noqa: E402
from dropout_core.training.data import (  # noqa: E402
    IDX_FILES,
    candidate_folders,
    find_local_copy,
    load_fashion_mnist,
)
from dropout_core.training.engine import Trainer  # noqa: E402
from dropout_core.training.models import NUM_INPUTS, NUM_OUTPUTS, build_model  # noqa: E402

CONFIG = TrainConfig()  # d2l: 60,000 images, batch 256, 784-256-256-10, dropout 0.2 / 0.5, SGD lr 0.5


def synchronize(device: torch.device) -> None:
    """Wait for queued GPU work, so wall-clock times are honest."""
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def engine_trainer(data, device: torch.device, implementation: str, epochs: int) -> Trainer:
    """A trainer for the d2l configuration with enough epochs for the warm-up and the repeats."""
    return Trainer(TrainConfig(epochs=epochs, implementation=implementation), data, device)


def engine_epoch(trainer: Trainer) -> tuple[float, float]:
    """(training pass, evaluation) seconds of the trainer's next epoch."""
    metrics = trainer.run_epoch()[-1]
    return metrics.seconds - trainer.last_evaluation_seconds, trainer.last_evaluation_seconds


def torchvision_root(folder: Path) -> Path:
    """A temporary torchvision root holding the local IDX files, ungzipped, in FashionMNIST/raw/."""
    source = find_local_copy(candidate_folders())
    if source is None:
        raise SystemExit("Fashion-MNIST files not found; see dropout_core.training.data.load_fashion_mnist")
    raw = folder / "FashionMNIST" / "raw"
    raw.mkdir(parents=True)
    for stem in IDX_FILES.values():
        plain, packed = source / stem, source / f"{stem}.gz"
        if plain.is_file():
            shutil.copyfile(plain, raw / stem)
        else:
            with gzip.open(packed, "rb") as src, open(raw / stem, "wb") as dst:
                shutil.copyfileobj(src, dst)
    return folder


def d2l_train_epoch(net: nn.Module, loader, optimizer, device: torch.device) -> None:
    """d2l's train_epoch_ch3 with a torch optimizer: per-example loss, mean backward, sums read every batch."""
    loss = nn.CrossEntropyLoss(reduction="none")
    net.train()
    totals = [0.0, 0.0, 0]
    for X, y in loader:
        X, y = X.to(device), y.to(device)
        y_hat = net(X)
        batch_loss = loss(y_hat, y)
        optimizer.zero_grad()
        batch_loss.mean().backward()
        optimizer.step()
        totals[0] += float(batch_loss.detach().sum())
        totals[1] += float((y_hat.argmax(axis=1).type(y.dtype) == y).type(y.dtype).sum())
        totals[2] += y.numel()
    synchronize(device)


def time_d2l(device: torch.device, repeats: int) -> dict[int, float]:
    """Best seconds per epoch of the d2l pipeline for num_workers 0 and 4."""
    from torch.utils.data import DataLoader
    from torchvision import datasets, transforms

    results = {}
    # d2l asks for 4 workers whatever the core count; torch's warning about that is expected here.
    warnings.filterwarnings("ignore", message="This DataLoader will create")
    with tempfile.TemporaryDirectory() as folder:
        root = torchvision_root(Path(folder))
        train_set = datasets.FashionMNIST(str(root), train=True, transform=transforms.ToTensor(), download=False)
        for workers in (0, 4):
            loader = DataLoader(train_set, batch_size=CONFIG.batch_size, shuffle=True, num_workers=workers)
            net = build_model("scratch", CONFIG.p1, CONFIG.p2, CONFIG.hidden, CONFIG.init, seed=0).to(device)
            optimizer = torch.optim.SGD(net.parameters(), lr=CONFIG.lr)
            times = []
            for _ in range(repeats + 1):  # the first epoch warms up
                started = time.perf_counter()
                d2l_train_epoch(net, loader, optimizer, device)
                times.append(time.perf_counter() - started)
            results[workers] = min(times[1:])
    return results


def floor_epoch(device: torch.device) -> float:
    """Seconds for only the matrix products of one epoch: per layer X W^T, G^T X and G W, for every batch."""
    sizes = (NUM_INPUTS, *CONFIG.hidden, NUM_OUTPUTS)
    batch = CONFIG.batch_size
    layers = [(torch.rand(batch, fan_in, device=device), torch.rand(fan_out, fan_in, device=device),
               torch.rand(batch, fan_out, device=device)) for fan_in, fan_out in zip(sizes, sizes[1:])]
    synchronize(device)
    started = time.perf_counter()
    for first in range(0, FULL_TRAIN_SIZE, batch):
        rows = min(batch, FULL_TRAIN_SIZE - first)
        for X, W, G in layers:
            X, G = X[:rows], G[:rows]
            X @ W.T  # forward
            G.T @ X  # gradient of the weights
            G @ W  # gradient of the layer's input
    synchronize(device)
    return time.perf_counter() - started


def floor_flops() -> float:
    """Floating-point operations of the floor's products for one epoch."""
    sizes = (NUM_INPUTS, *CONFIG.hidden, NUM_OUTPUTS)
    return 3 * 2 * FULL_TRAIN_SIZE * sum(a * b for a, b in zip(sizes, sizes[1:]))


def main() -> None:
    """Time the three pipelines and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed epochs of the engine and the floor")
    parser.add_argument("--d2l-repeats", type=int, default=2, help="timed epochs per num_workers for d2l")
    parser.add_argument("--skip-d2l", action="store_true", help="leave out the slow d2l pipeline")
    args = parser.parse_args()

    threads = configure_threads()
    device = detect_hardware().device
    data = load_fashion_mnist()
    print(f"torch {torch.__version__}, device {describe_device(device)}, {threads} CPU threads; data: {data.source}")

    # Floor and engine epochs alternate, so a busy moment on a shared machine hits both alike.
    trainers = {name: engine_trainer(data, device, name, args.repeats + 1) for name in ("scratch", "concise")}
    floor_times, engine_times = [], {name: [] for name in trainers}
    for _ in range(args.repeats + 1):  # the first round warms up
        floor_times.append(floor_epoch(device))
        for name, trainer in trainers.items():
            engine_times[name].append(engine_epoch(trainer))
    floor = min(floor_times[1:])
    engine, evaluation = (min(times) for times in zip(*engine_times["scratch"][1:]))
    concise = min(train for train, _ in engine_times["concise"][1:])
    print(f"floor (matrix products only): {floor:.3f} s/epoch ({floor_flops() / floor / 1e9:.0f} GFLOP/s)")
    print(f"engine, scratch net (the d2l configuration): {engine:.3f} s/epoch training, "
          f"+ {evaluation:.3f} s evaluation (70,000 images)")
    print(f"engine, concise net (nn.Dropout): {concise:.3f} s/epoch training")
    line = f"engine/floor={engine / floor:.2f}"
    if not args.skip_d2l:
        d2l = time_d2l(device, args.d2l_repeats)
        for workers, seconds in d2l.items():
            print(f"d2l pipeline, num_workers={workers}: {seconds:.3f} s/epoch")
        line += f" d2l/engine={min(d2l.values()) / engine:.2f}"
    print(line)


if __name__ == "__main__":
    main()
