"""The Mask explorer's predictions: before the mask and the output appear, how many elements survive and what the
output's mean becomes (training mode), or what the output is (eval mode); then each verdict, from the output shown."""
import hashlib
import math
from dataclasses import dataclass

import torch

from dropout_core.masks.implementations import MaskedOutput
from dropout_core.masks.statistics import (
    OUTPUT_RELATIONS,
    MaskSummary,
    output_mean_spread,
    output_relations,
)
from ui.i18n import t
from ui.mask_explorer.controls import DropoutChoice
from ui.predict import RIGHT_ON_AVERAGE, Prediction, predict_choice, predict_number, show_prediction

MEAN_STEP = 0.01
# Each description of an eval-mode output, by the core's relation id.
EVAL_OPTION_KEYS = {"same": "mask.predict_eval_same", "scaled_up": "mask.predict_eval_scaled_up",
                    "scaled_down": "mask.predict_eval_scaled_down", "zeroed": "mask.predict_eval_zeroed"}
assert tuple(EVAL_OPTION_KEYS) == OUTPUT_RELATIONS


@dataclass(frozen=True)
class MaskPredictions:
    """The learner's predictions for one setting: kept count and mean in training mode, the output in eval mode."""

    kept: Prediction | None = None
    mean: Prediction | None = None
    output: Prediction | None = None

    @property
    def reveal(self) -> bool:
        """Whether the mask and the output may be shown: every question asked is answered (or prompts are off)."""
        return all(p.reveal for p in (self.kept, self.mean, self.output) if p is not None)


def setting_key(X: torch.Tensor, choice: DropoutChoice) -> str:
    """What the predictions are about: the input (by content), p, the seed, the implementation and the mode."""
    digest = hashlib.sha256(X.float().numpy().tobytes()).hexdigest()[:12]
    mode = "train" if choice.training else "eval"
    shape = "x".join(map(str, X.shape))
    return f"mask-{shape}-{digest}-p{choice.p:g}-seed{choice.seed}-{choice.implementation}-{mode}"


def mean_bounds(X: torch.Tensor, p: float) -> tuple[float, float]:
    """Where a training-mode output's mean can lie, every element being 0 or x / (1 - p): from the negative parts of
    X to the positive ones, rescaled (not rescaled at p = 1, so the bounds do not give the answer 0 away)."""
    scale = 1.0 / (1.0 - p) if p < 1.0 else 1.0
    values = X.double().flatten()
    low = float(values.clamp(max=0).sum()) * scale / values.numel()
    high = float(values.clamp(min=0).sum()) * scale / values.numel()
    return math.floor(low / MEAN_STEP) * MEAN_STEP, math.ceil(high / MEAN_STEP) * MEAN_STEP


def eval_options(p: float) -> dict[str, str]:
    """The descriptions an eval-mode output could have, with this p's factors."""
    up = f"{1 / (1 - p):.3f}" if p < 1 else "∞"
    return {relation: t(key, p=f"{p:.2f}", up=up, down=f"{1 - p:.3f}") for relation, key in EVAL_OPTION_KEYS.items()}


def ask(X: torch.Tensor, choice: DropoutChoice, mask_place, output_place) -> MaskPredictions:
    """The questions for this setting, each where its answer will appear (the mask's panel, the output's)."""
    key = setting_key(X, choice)
    if not choice.training:
        return MaskPredictions(output=predict_choice(f"{key}-output", t("mask.predict_eval"),
                                                     eval_options(choice.p), place=output_place))
    total = X.numel()
    kept = predict_number(f"{key}-kept", t("mask.predict_kept", total=total), 0, total, 1, place=mask_place)
    low, high = mean_bounds(X, choice.p)
    mean = predict_number(f"{key}-mean", t("mask.predict_mean"), low, high, MEAN_STEP, place=output_place)
    return MaskPredictions(kept=kept, mean=mean)


def kept_verdict(answer: float, summary: MaskSummary) -> tuple[bool, float]:
    """Right when within one standard deviation of the count kept (how much it varies from mask to mask)."""
    spread = summary.kept_spread * summary.total
    return abs(answer - summary.kept) <= spread + 1e-9, spread


def mean_verdict(answer: float, X: torch.Tensor, choice: DropoutChoice, mean_output: float) -> tuple[bool, float]:
    """Right when within one mask-to-mask standard deviation of the output's mean (or within rounding of it)."""
    spread = output_mean_spread(choice.implementation, X, choice.p)
    return abs(answer - mean_output) <= max(spread, MEAN_STEP / 2) + 1e-9, spread


def show_kept(predictions: MaskPredictions, summary: MaskSummary, place) -> None:
    """The kept-count prediction under the kept fraction, with its verdict."""
    prediction = predictions.kept
    if prediction is None or prediction.answer is None:
        return
    right, spread = kept_verdict(prediction.answer, summary)
    expected = summary.expected_keep * summary.total
    on_average = not right and abs(prediction.answer - expected) <= spread  # a good guess, a mask far from average
    text = t("mask.predict_kept_yours", answer=f"{prediction.answer:.0f}", total=summary.total,
             spread=f"{spread:.1f}")
    show_prediction(prediction, text, RIGHT_ON_AVERAGE if on_average else right, place=place)
    if on_average:
        place.caption(t("mask.predict_kept_average", expected=f"{expected:.1f}", kept=summary.kept))


def show_mean(predictions: MaskPredictions, X: torch.Tensor, choice: DropoutChoice, summary: MaskSummary,
              place) -> None:
    """The mean prediction under the output's mean, with its verdict."""
    prediction = predictions.mean
    if prediction is None or prediction.answer is None:
        return
    right, spread = mean_verdict(prediction.answer, X, choice, summary.mean_output)
    expected = summary.expected_mean_output
    on_average = not right and abs(prediction.answer - expected) <= max(spread, MEAN_STEP / 2)
    text = t("mask.predict_mean_yours", answer=f"{prediction.answer:.2f}", spread=f"{spread:.2f}")
    show_prediction(prediction, text, RIGHT_ON_AVERAGE if on_average else right, place=place)
    if on_average:
        place.caption(t("mask.predict_mean_average", expected=f"{expected:.2f}", mean=f"{summary.mean_output:.2f}"))


def show_output(predictions: MaskPredictions, X: torch.Tensor, result: MaskedOutput, choice: DropoutChoice,
                place) -> None:
    """The eval-mode prediction beside the comparison of output and X, right when its description fits."""
    prediction = predictions.output
    if prediction is None or prediction.answer is None:
        return
    fits = output_relations(X, result.output, choice.p)
    show_prediction(prediction, eval_options(choice.p)[prediction.answer], prediction.answer in fits, place=place)
