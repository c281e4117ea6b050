"""Fashion-MNIST: found on disk or downloaded by torchvision, read once per process, shared read-only."""
import gzip
import hashlib
import os
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

DATA_DIR_ENV = "DROPOUT_EXPLORER_DATA"  # a folder the user names that holds the four IDX files
OFFLINE_ENV = "DROPOUT_EXPLORER_OFFLINE"  # set to 1 to never try a download
DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")
DOWNLOAD_ROOT = Path("data")  # torchvision keeps its download in data/FashionMNIST/raw
DOWNLOAD_TIMEOUT_S = 20

CLASS_NAMES = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)
IDX_FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}
_UNSIGNED_BYTE = 0x08  # the only IDX element type Fashion-MNIST uses
_EXPECTED_COUNTS = {"train": 60_000, "test": 10_000}


class DataUnavailableError(RuntimeError):
    """Fashion-MNIST could be neither found on disk nor downloaded; the message says what to do."""


@dataclass(frozen=True)
class FashionMNIST:
    """The dataset as uint8 images (N, 28, 28) and int64 labels, with where it came from."""

    train_images: torch.Tensor
    train_labels: torch.Tensor
    test_images: torch.Tensor
    test_labels: torch.Tensor
    source: str
    checksum: str  # sha256 of the decoded tensors, independent of how the files were compressed


def read_idx(path: Path) -> torch.Tensor:
    """Read one IDX file (optionally gzipped) into a uint8 tensor of its stated shape."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as f:
        raw = f.read()
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] != _UNSIGNED_BYTE:
        raise ValueError(f"{path} is not an IDX file of unsigned bytes")
    ndim = raw[3]
    header = 4 + 4 * ndim
    shape = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    expected = int(np.prod(shape))
    if len(raw) - header != expected:
        raise ValueError(f"{path} holds {len(raw) - header} values, its header promises {expected}")
    array = np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(shape)
    return torch.from_numpy(array.copy())


def _idx_path(folder: Path, stem: str) -> Path | None:
    """The file stem or stem.gz in folder, whichever exists."""
    for name in (stem, stem + ".gz"):
        if (folder / name).is_file():
            return folder / name
    return None


def candidate_folders(data_dir: str | os.PathLike | None = None) -> list[Path]:
    """Folders searched for the IDX files, in order: the one named, $DROPOUT_EXPLORER_DATA, ./data, Debian's."""
    folders = []
    if data_dir:
        folders.append(Path(data_dir))
    if os.environ.get(DATA_DIR_ENV):
        folders.append(Path(os.environ[DATA_DIR_ENV]))
    folders += [DOWNLOAD_ROOT, DOWNLOAD_ROOT / "FashionMNIST" / "raw", DEBIAN_DIR]
    return folders


def find_local_copy(folders: list[Path]) -> Path | None:
    """The first folder that holds all four IDX files, or None."""
    for folder in folders:
        if all(_idx_path(folder, stem) for stem in IDX_FILES.values()):
            return folder
    return None


def _checksum(*tensors: torch.Tensor) -> str:
    """Short sha256 of the tensors' bytes, so a run record can name exactly which data it saw."""
    digest = hashlib.sha256()
    for tensor in tensors:
        digest.update(tensor.numpy().tobytes())
    return digest.hexdigest()[:16]


def _read_folder(folder: Path, source: str) -> FashionMNIST:
    """Read and check the four IDX files in folder."""
    tensors = {key: read_idx(_idx_path(folder, stem)) for key, stem in IDX_FILES.items()}
    for split, count in _EXPECTED_COUNTS.items():
        images, labels = tensors[f"{split}_images"], tensors[f"{split}_labels"]
        if images.shape != (count, 28, 28) or labels.shape != (count,):
            raise ValueError(
                f"{folder}: {split} images {tuple(images.shape)} and labels {tuple(labels.shape)} "
                f"are not Fashion-MNIST's ({count}, 28, 28) and ({count},)"
            )
    labels = {key: tensors[key].long() for key in ("train_labels", "test_labels")}
    return FashionMNIST(
        train_images=tensors["train_images"],
        train_labels=labels["train_labels"],
        test_images=tensors["test_images"],
        test_labels=labels["test_labels"],
        source=source,
        checksum=_checksum(*tensors.values()),
    )


def _download_with_torchvision(root: Path) -> Path:
    """Let torchvision download and verify the files under root; return the folder holding them."""
    from torchvision.datasets import FashionMNIST as TorchvisionFashionMNIST

    previous_timeout = socket.getdefaulttimeout()
    socket.setdefaulttimeout(DOWNLOAD_TIMEOUT_S)  # a closed network should fail fast, not hang the page
    try:
        for train in (True, False):
            TorchvisionFashionMNIST(str(root), train=train, download=True)
    finally:
        socket.setdefaulttimeout(previous_timeout)
    return root / "FashionMNIST" / "raw"


_cache: dict[tuple, FashionMNIST] = {}
_cache_lock = threading.Lock()


def load_fashion_mnist(data_dir: str | os.PathLike | None = None, allow_download: bool | None = None) -> FashionMNIST:
    """Fashion-MNIST from the first local copy found, else torchvision's download; cached for the process.

    Raises DataUnavailableError naming every place tried and how to fix it.
    """
    folders = candidate_folders(data_dir)
    if allow_download is None:
        allow_download = os.environ.get(OFFLINE_ENV, "") not in ("1", "true", "yes")
    key = (tuple(str(f.resolve()) for f in folders), allow_download)
    with _cache_lock:  # one read per process, even when several sessions ask at once
        if key not in _cache:
            _cache[key] = _load_uncached(folders, allow_download)
        return _cache[key]


def _load_uncached(folders: list[Path], allow_download: bool) -> FashionMNIST:
    """Search folders, then try the download, and explain precisely when both fail."""
    folder = find_local_copy(folders)
    if folder is not None:
        return _read_folder(folder, f"local files in {folder}")
    download_problem = "download not attempted (offline mode)"
    if allow_download:
        try:
            folder = _download_with_torchvision(DOWNLOAD_ROOT)
            return _read_folder(folder, f"downloaded by torchvision into {folder}")
        except Exception as error:  # any network or checksum failure ends in the same advice
            download_problem = f"torchvision download failed: {error}"
    tried = "\n".join(f"  - {f}: not all four files there" for f in folders)
    raise DataUnavailableError(
        "Fashion-MNIST was not found.\n"
        f"Searched for {', '.join(IDX_FILES.values())} (optionally .gz) in:\n{tried}\n"
        f"  - {download_problem}\n"
        "To fix it, do one of:\n"
        "  - connect to the internet and reload: torchvision downloads it into ./data;\n"
        "  - on Debian/Ubuntu: sudo apt-get install dataset-fashion-mnist;\n"
        f"  - put the four official files in a folder and set {DATA_DIR_ENV}=/that/folder."
    )
