"""The Mask explorer's input tensors and the checks on a learner's hand-typed grid."""
import math

import pytest
import torch

from dropout_core.masks.inputs import (
    EMPTY,
    MAX_ABS_VALUE,
    MAX_SIDE,
    NOT_A_NUMBER,
    NOT_FINITE,
    TOO_LARGE,
    GridProblem,
    d2l_tensor,
    grid_template,
    image_tensor,
    parse_grid,
    random_tensor,
)


def test_d2l_tensor_is_the_chapters_example():
    X = d2l_tensor()
    assert X.dtype == torch.float32
    assert torch.equal(X, torch.arange(16, dtype=torch.float32).reshape(2, 8))


def test_random_tensor_is_reproducible_per_seed():
    assert random_tensor(3, 5, seed=7).shape == (3, 5)
    assert torch.equal(random_tensor(3, 5, seed=7), random_tensor(3, 5, seed=7))
    assert not torch.equal(random_tensor(3, 5, seed=7), random_tensor(3, 5, seed=8))


@pytest.mark.parametrize("rows, cols", [(0, 4), (4, 0), (MAX_SIDE + 1, 1), (2.5, 3), (True, 3), ("2", 3)])
def test_random_tensor_refuses_bad_shapes(rows, cols):
    with pytest.raises(ValueError, match="whole number"):
        random_tensor(rows, cols, seed=0)


def test_image_tensor_scales_pixels_like_to_tensor():
    images = torch.tensor([[[0, 255], [51, 102]]], dtype=torch.uint8)
    image = image_tensor(images, 0)
    assert image.dtype == torch.float32
    assert torch.allclose(image, torch.tensor([[0.0, 1.0], [0.2, 0.4]]))


@pytest.mark.parametrize("index", [-1, 1, 0.0, True])
def test_image_tensor_refuses_bad_indices(index):
    with pytest.raises(ValueError, match="image index"):
        image_tensor(torch.zeros(1, 2, 2, dtype=torch.uint8), index)


def test_grid_template_starts_from_the_d2l_numbers():
    assert grid_template(2, 8) == [[str(v) for v in range(8)], [str(v) for v in range(8, 16)]]


def test_parse_grid_reads_text_and_numbers():
    parsed = parse_grid([[" 1.5", "-2", "1e3"], [4, 5.25, "0"]])
    assert parsed.problems == ()
    assert parsed.values.dtype == torch.float32
    assert torch.equal(parsed.values, torch.tensor([[1.5, -2.0, 1000.0], [4.0, 5.25, 0.0]]))


@pytest.mark.parametrize(
    "cell, kind",
    [
        ("abc", NOT_A_NUMBER),
        ("1,5", NOT_A_NUMBER),
        ("nan", NOT_FINITE),
        ("NaN", NOT_FINITE),
        ("inf", NOT_FINITE),
        ("-Infinity", NOT_FINITE),
        (math.inf, NOT_FINITE),
        ("", EMPTY),
        ("   ", EMPTY),
        (None, EMPTY),
        (math.nan, EMPTY),  # pandas' value for a cleared cell
        (str(MAX_ABS_VALUE * 10), TOO_LARGE),
        (-MAX_ABS_VALUE * 10, TOO_LARGE),
    ],
)
def test_parse_grid_names_each_bad_cell(cell, kind):
    parsed = parse_grid([["1", "2"], ["3", cell]])
    assert parsed.values is None
    assert [(p.row, p.col, p.kind) for p in parsed.problems] == [(1, 1, kind)]


def test_parse_grid_reports_every_problem_with_what_was_typed():
    parsed = parse_grid([["abc", "1"], ["nan", ""]])
    assert parsed.problems == (
        GridProblem(0, 0, NOT_A_NUMBER, "abc"),
        GridProblem(1, 0, NOT_FINITE, "nan"),
        GridProblem(1, 1, EMPTY, ""),
    )


def test_parse_grid_accepts_the_largest_allowed_value():
    parsed = parse_grid([[str(MAX_ABS_VALUE), str(-MAX_ABS_VALUE)]])
    assert parsed.problems == ()


@pytest.mark.parametrize(
    "cells, message",
    [
        ([], "at least one row"),
        ([[]], "at least one row"),
        ([["1", "2"], ["3"]], "same number of cells"),
        ([["1"] * (MAX_SIDE + 1)], "whole number"),
    ],
)
def test_parse_grid_refuses_malformed_grids(cells, message):
    with pytest.raises(ValueError, match=message):
        parse_grid(cells)
