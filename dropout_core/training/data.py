"""Fashion-MNIST: found on disk or downloaded by torchvision, read once per process, shared read-only."""
import gzip
import hashlib
import math
import os
import socket
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from ..runtime import settings

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
_IMAGE_SIDE = 28


class DataUnavailableError(RuntimeError):
    """Fashion-MNIST could be neither found on disk nor downloaded; the message says what to do."""


class DataCorruptError(DataUnavailableError):
    """A Fashion-MNIST file is there but damaged: the message names it, says what is wrong and how to fix it."""

    def __init__(self, path: Path, problem: str):
        super().__init__(
            f"{path} is not a valid Fashion-MNIST file: {problem}.\n"
            f"To fix it, replace it by the official file (e.g. reinstall dataset-fashion-mnist, or delete it and "
            f"let torchvision download it again), or point {settings.DATA} at a folder with intact copies."
        )


@dataclass(frozen=True)
class FashionMNIST:
    """The dataset as uint8 images (N, 28, 28) and int64 labels, with where it came from."""

    train_images: torch.Tensor
    train_labels: torch.Tensor
    test_images: torch.Tensor
    test_labels: torch.Tensor
    source: str
    checksum: str  # sha256 of the decoded tensors, independent of how the files were compressed


def read_idx(path: Path, shape: tuple[int, ...]) -> torch.Tensor:
    """Read one IDX file of unsigned bytes (optionally gzipped) that must have exactly this shape.

    The header is checked before anything else is read, so a file claiming terabytes allocates nothing.
    Raises DataCorruptError naming the file and what is wrong with it.
    """
    try:
        with (gzip.open if path.suffix == ".gz" else open)(path, "rb") as f:
            header = f.read(4)
            if len(header) < 4 or header[:3] != bytes([0, 0, _UNSIGNED_BYTE]):
                raise DataCorruptError(path, f"it does not start like an IDX file of unsigned bytes "
                                             f"(magic number 0x0000080{len(shape)})")
            ndim = header[3]
            if ndim != len(shape):
                raise DataCorruptError(path, f"its header says {ndim} dimensions, Fashion-MNIST's has {len(shape)}")
            dims = f.read(4 * ndim)
            stated = tuple(int.from_bytes(dims[4 * i: 4 * i + 4], "big") for i in range(len(dims) // 4))
            if stated != shape:
                raise DataCorruptError(path, f"its header says shape {stated}, Fashion-MNIST's is {shape}")
            expected = math.prod(shape)
            raw = f.read(expected + 1)  # one byte more than promised reveals trailing data
    except (OSError, EOFError, zlib.error) as error:  # unreadable, not gzip, or a gzip stream cut short
        raise DataCorruptError(path, f"it cannot be read ({error})") from None
    if len(raw) < expected:
        raise DataCorruptError(path, f"it is cut short: {len(raw)} of the {expected} values its header promises")
    if len(raw) > expected:
        raise DataCorruptError(path, f"it goes on after the {expected} values its header promises")
    return torch.from_numpy(np.frombuffer(raw, dtype=np.uint8).reshape(shape).copy())


def _idx_path(folder: Path, stem: str) -> Path | None:
    """The file stem or stem.gz in folder, whichever exists (a folder that cannot be searched holds neither)."""
    for name in (stem, stem + ".gz"):
        try:
            if (folder / name).is_file():
                return folder / name
        except OSError:  # e.g. no permission to look inside folder
            return None
    return None


def candidate_folders(data_dir: str | os.PathLike | None = None) -> list[Path]:
    """Folders searched for the IDX files, in order: the one named, $DROPOUT_EXPLORER_DATA, ./data, Debian's."""
    folders = []
    if data_dir:
        folders.append(Path(data_dir))
    named = settings.value(settings.DATA)
    if named is not None:
        folders.append(named)
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


def _expected_shape(key: str) -> tuple[int, ...]:
    """The shape Fashion-MNIST's file has, e.g. (60000, 28, 28) for train_images."""
    count = _EXPECTED_COUNTS[key.split("_")[0]]
    return (count, _IMAGE_SIDE, _IMAGE_SIDE) if key.endswith("images") else (count,)


def _read_folder(folder: Path, source: str) -> FashionMNIST:
    """Read and check the four IDX files in folder; DataCorruptError names the first one that is wrong."""
    tensors = {}
    for key, stem in IDX_FILES.items():
        path = _idx_path(folder, stem)
        tensors[key] = read_idx(path, _expected_shape(key))
        # A label outside 0-9 would index past the class names and the network's ten outputs.
        if key.endswith("labels") and int(tensors[key].max()) >= len(CLASS_NAMES):
            raise DataCorruptError(path, f"it holds the label {int(tensors[key].max())}; Fashion-MNIST's labels "
                                         f"are 0 to {len(CLASS_NAMES) - 1}")
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
        allow_download = not settings.value(settings.OFFLINE)
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
        f"  - put the four official files in a folder and set {settings.DATA}=/that/folder."
    )
