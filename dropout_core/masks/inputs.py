"""Tensors the Mask explorer applies dropout to, and the checks on a learner's hand-typed grid."""
import math
from dataclasses import dataclass

import torch

from ..checks import check_int_between

D2L_SHAPE = (2, 8)  # the chapter's example: torch.arange(16, dtype=torch.float32).reshape(2, 8)
MAX_SIDE = 64  # the most rows or columns a random tensor or grid may have
MAX_ANNOTATED_SIDE = 32  # beyond this many rows or columns, printed values would be unreadable
MAX_EXPECTATION_ELEMENTS = 1024  # 10,000 resamples of more elements would slow every rerun down
MAX_ABS_VALUE = 1e6  # larger grid entries overflow float32 once divided by (1 - p) for p near 1

# Kinds of problem a grid cell can have; the page turns each into a translated sentence.
EMPTY, NOT_A_NUMBER, NOT_FINITE, TOO_LARGE = "empty", "not_a_number", "not_finite", "too_large"


def d2l_tensor() -> torch.Tensor:
    """The d2l chapter's example input, torch.arange(16, dtype=torch.float32).reshape(2, 8)."""
    return torch.arange(16, dtype=torch.float32).reshape(*D2L_SHAPE)


def check_shape(rows, cols) -> tuple[int, int]:
    """Return (rows, cols) as ints, or raise ValueError unless both are whole numbers in 1..MAX_SIDE."""
    return check_int_between(rows, "rows", 1, MAX_SIDE), check_int_between(cols, "cols", 1, MAX_SIDE)


def random_tensor(rows, cols, seed: int) -> torch.Tensor:
    """A rows x cols tensor of standard normal values, the same for the same seed."""
    rows, cols = check_shape(rows, cols)
    generator = torch.Generator().manual_seed(seed)
    return torch.randn(rows, cols, generator=generator)


def image_tensor(images: torch.Tensor, index) -> torch.Tensor:
    """Image number index of a uint8 stack (N, H, W), as floats in [0, 1] like transforms.ToTensor()."""
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < images.shape[0]:
        raise ValueError(f"image index must be a whole number from 0 to {images.shape[0] - 1}, got {index!r}")
    return images[index].float() / 255.0


def grid_template(rows, cols) -> list[list[str]]:
    """Starting cells for the editable grid: 0, 1, 2, ... row by row, as text the learner can overwrite."""
    rows, cols = check_shape(rows, cols)
    return [[str(r * cols + c) for c in range(cols)] for r in range(rows)]


@dataclass(frozen=True)
class GridProblem:
    """One cell of the grid that is not a usable number: where it is, what kind of problem, what was typed."""

    row: int
    col: int
    kind: str  # EMPTY, NOT_A_NUMBER, NOT_FINITE or TOO_LARGE
    text: str


@dataclass(frozen=True)
class ParsedGrid:
    """The grid as a float tensor when every cell is a usable number, else None and the problems found."""

    values: torch.Tensor | None
    problems: tuple[GridProblem, ...]


def _cell_problem(row: int, col: int, cell) -> tuple[float | None, GridProblem | None]:
    """Read one cell as a finite float of moderate size, or say what is wrong with it."""
    text = "" if cell is None else str(cell).strip()
    if isinstance(cell, float) and math.isnan(cell):
        text = ""  # pandas stores a cleared cell as NaN; the learner typed nothing
    if text == "":
        return None, GridProblem(row, col, EMPTY, text)
    try:
        value = float(text)
    except ValueError:
        return None, GridProblem(row, col, NOT_A_NUMBER, text)
    if not math.isfinite(value):
        return None, GridProblem(row, col, NOT_FINITE, text)
    if abs(value) > MAX_ABS_VALUE:
        return None, GridProblem(row, col, TOO_LARGE, text)
    return value, None


def parse_grid(cells) -> ParsedGrid:
    """Check a learner's grid (rows of cells, text or numbers) and turn it into a float32 tensor."""
    rows = [list(row) for row in cells]
    if not rows or not rows[0]:
        raise ValueError("the grid needs at least one row and one column")
    if any(len(row) != len(rows[0]) for row in rows):
        raise ValueError("every row of the grid must have the same number of cells")
    check_shape(len(rows), len(rows[0]))
    values, problems = [], []
    for r, row in enumerate(rows):
        values.append([])
        for c, cell in enumerate(row):
            value, problem = _cell_problem(r, c, cell)
            values[-1].append(value)
            if problem:
                problems.append(problem)
    if problems:
        return ParsedGrid(None, tuple(problems))
    return ParsedGrid(torch.tensor(values, dtype=torch.float32), ())
