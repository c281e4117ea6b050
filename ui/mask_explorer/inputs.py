"""The Mask explorer's inputs: the d2l tensor, a random one, a Fashion-MNIST image, or the learner's own grid."""
import pandas as pd
import streamlit as st
import torch

from dropout_core.masks.inputs import (
    D2L_SHAPE,
    MAX_ABS_VALUE,
    MAX_SIDE,
    GridProblem,
    d2l_tensor,
    grid_template,
    image_tensor,
    parse_grid,
    random_tensor,
)
from ui.controls import url_choice, url_number
from ui.dataset import fashion_mnist_or_notice
from ui.i18n import t
from ui.mask_explorer.controls import MAX_SEED
from ui.safe_text import plain

INPUTS = ("d2l", "random", "image", "grid")
MAX_PROBLEMS_LISTED = 5
GRID_WIDTH_PX, GRID_MIN_COLUMN_PX = 330, 40  # room for the editable grid's columns in its half of the page


def _shape_inputs() -> tuple[int, int]:
    """Rows and columns of the random tensor or grid."""
    left, right = st.columns(2)
    rows = url_number(t("mask.rows"), "rows", 1, MAX_SIDE, D2L_SHAPE[0], place=left)
    cols = url_number(t("mask.cols"), "cols", 1, MAX_SIDE, D2L_SHAPE[1], place=right)
    return int(rows), int(cols)


def _random_input() -> torch.Tensor:
    """A seeded standard-normal tensor of the chosen shape."""
    rows, cols = _shape_inputs()
    x_seed = url_number(t("mask.x_seed"), "x_seed", 0, MAX_SEED, 0)
    st.caption(t("mask.random_caption"))
    return random_tensor(rows, cols, int(x_seed))


def _image_input() -> torch.Tensor | None:
    """A Fashion-MNIST test image as floats in [0, 1], or None (with a note) when the data is not here."""
    data = fashion_mnist_or_notice("mask", optional=True)
    if data is None:
        return None
    count = data.test_images.shape[0]
    index = url_number(t("mask.image_index", last=count - 1), "image", 0, count - 1, 0)
    label = int(data.test_labels[int(index)])
    st.caption(t("mask.image_caption", label=t(f"data.class_{label}")))
    return image_tensor(data.test_images, int(index))


def _problem_sentence(problem: GridProblem) -> str:
    """One grid problem in the learner's language."""
    return t(
        f"mask.grid_{problem.kind}", row=problem.row, col=problem.col, text=plain(problem.text),
        limit=f"{MAX_ABS_VALUE:,.0f}"
    )


def _grid_input() -> torch.Tensor | None:
    """The learner's own numbers, or None after an error that names every bad cell."""
    rows, cols = _shape_inputs()
    template = pd.DataFrame(grid_template(rows, cols), columns=[str(c) for c in range(cols)])
    st.caption(t("mask.grid_caption"))
    # Narrow text columns: the d2l shape fits its half of the page, and any text may be typed (then checked).
    width = max(GRID_MIN_COLUMN_PX, GRID_WIDTH_PX // cols)
    column_config = {name: st.column_config.TextColumn(width=width) for name in template.columns}
    edited = st.data_editor(template, num_rows="fixed", key="grid", column_config=column_config)
    parsed = parse_grid(edited.to_numpy().tolist())
    if parsed.problems:
        listed = [_problem_sentence(p) for p in parsed.problems[:MAX_PROBLEMS_LISTED]]
        more = len(parsed.problems) - len(listed)
        if more:
            listed.append(t("mask.grid_more", count=more))
        st.error(t("mask.grid_invalid") + "\n\n" + "\n".join(f"- {line}" for line in listed))
        return None
    return parsed.values


def choose_input() -> tuple[torch.Tensor | None, bool]:
    """The input tensor the learner picked (None when unusable) and whether it is an image."""
    st.subheader(t("mask.input"))
    source = url_choice(
        t("mask.input_label"), "input", INPUTS, "d2l", format_func=lambda s: t(f"mask.input_{s}"), widget="radio"
    )
    if source == "random":
        return _random_input(), False
    if source == "image":
        return _image_input(), True
    if source == "grid":
        return _grid_input(), False
    st.code("X = torch.arange(16, dtype=torch.float32).reshape(2, 8)", language="python", wrap_lines=True)
    return d2l_tensor(), False
