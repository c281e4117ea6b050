"""Fashion-MNIST loading: IDX parsing, the folder search, and the message when nothing works."""
import gzip
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from dropout_core.runtime import settings
from dropout_core.training import data
from dropout_core.training.data import (
    IDX_FILES,
    DataCorruptError,
    DataUnavailableError,
    load_fashion_mnist,
    read_idx,
)

DEBIAN_FILES = Path("/usr/share/datasets/fashion-mnist")
needs_debian_copy = pytest.mark.skipif(
    data.find_local_copy([DEBIAN_FILES]) is None, reason="Debian's dataset-fashion-mnist is not installed"
)


def write_idx(path, array: np.ndarray, compress=False):
    """Write array as an IDX file of unsigned bytes."""
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(n).to_bytes(4, "big") for n in array.shape)
    opener = gzip.open if compress else open
    with opener(path, "wb") as f:
        f.write(header + array.astype(np.uint8).tobytes())


@pytest.mark.parametrize("compress", [False, True])
def test_read_idx_round_trips(tmp_path, compress):
    array = np.arange(24, dtype=np.uint8).reshape(2, 3, 4)
    path = tmp_path / ("x.idx.gz" if compress else "x.idx")
    write_idx(path, array, compress)
    assert torch.equal(read_idx(path, (2, 3, 4)), torch.from_numpy(array))


def test_read_idx_rejects_truncated_and_foreign_files(tmp_path):
    truncated = tmp_path / "t"
    write_idx(truncated, np.zeros((10, 5)))
    truncated.write_bytes(truncated.read_bytes()[:-3])
    with pytest.raises(DataCorruptError, match="cut short: 47 of the 50 values"):
        read_idx(truncated, (10, 5))
    foreign = tmp_path / "f"
    foreign.write_bytes(b"PK\x03\x04 not an idx file")
    with pytest.raises(DataCorruptError, match="does not start like an IDX file"):
        read_idx(foreign, (10, 5))


@pytest.fixture
def nowhere(tmp_path, monkeypatch):
    """Point every default search place at empty folders and forget cached loads."""
    monkeypatch.setattr(data, "DEBIAN_DIR", tmp_path / "debian")
    monkeypatch.setattr(data, "DOWNLOAD_ROOT", tmp_path / "data")
    monkeypatch.delenv(settings.DATA, raising=False)
    monkeypatch.setattr(data, "_cache", {})
    return tmp_path


def test_clear_error_when_no_copy_and_offline(nowhere):
    with pytest.raises(DataUnavailableError) as error:
        load_fashion_mnist(nowhere / "mine", allow_download=False)
    message = str(error.value)
    for place in (nowhere / "mine", nowhere / "debian", nowhere / "data"):
        assert str(place) in message
    assert "apt-get install dataset-fashion-mnist" in message and settings.DATA in message


def test_clear_error_when_the_download_fails(nowhere, monkeypatch):
    def no_network(root):
        raise OSError("network is unreachable")

    monkeypatch.setattr(data, "_download_with_torchvision", no_network)
    with pytest.raises(DataUnavailableError, match="torchvision download failed: network is unreachable"):
        load_fashion_mnist(allow_download=True)


def test_offline_environment_variable_skips_the_download(nowhere, monkeypatch):
    monkeypatch.setenv(settings.OFFLINE, "1")
    monkeypatch.setattr(data, "_download_with_torchvision", lambda root: pytest.fail("download attempted"))
    with pytest.raises(DataUnavailableError, match="offline"):
        load_fashion_mnist()


def test_wrong_sizes_are_reported(nowhere):
    folder = nowhere / "small"
    folder.mkdir()
    for key, stem in IDX_FILES.items():
        shape = (5, 28, 28) if "images" in key else (5,)
        write_idx(folder / stem, np.zeros(shape))
    with pytest.raises(DataCorruptError, match=r"shape \(5, 28, 28\), Fashion-MNIST's is \(60000, 28, 28\)"):
        load_fashion_mnist(folder, allow_download=False)


@needs_debian_copy
def test_loads_from_a_named_folder_of_uncompressed_files(nowhere):
    folder = nowhere / "mine"
    folder.mkdir()
    for stem in IDX_FILES.values():
        with gzip.open(DEBIAN_FILES / f"{stem}.gz", "rb") as src, open(folder / stem, "wb") as dst:
            shutil.copyfileobj(src, dst)
    loaded = load_fashion_mnist(folder, allow_download=False)
    assert str(folder) in loaded.source
    assert loaded.train_images.shape == (60_000, 28, 28) and loaded.train_images.dtype == torch.uint8
    assert loaded.test_labels.shape == (10_000,) and loaded.test_labels.dtype == torch.int64
    assert loaded.train_images.float().div(255).mean().item() == pytest.approx(0.2860406, abs=1e-6)
    assert set(loaded.train_labels.unique().tolist()) == set(range(10))
    # the checksum depends on the content, not on compression: the Debian (gzipped) copy gives the same
    assert loaded.checksum == data._read_folder(DEBIAN_FILES, "").checksum


@needs_debian_copy
def test_loaded_once_per_process():
    assert load_fashion_mnist(allow_download=False) is load_fashion_mnist(allow_download=False)
