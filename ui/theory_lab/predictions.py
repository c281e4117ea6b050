"""Section 1's predictions: before the Monte Carlo number appears, whether the loss with dropout lies above or below
the loss without it, and by how much; each verdict from the estimate shown, honest about its Monte Carlo noise."""
import math
from dataclasses import dataclass

from dropout_core.theory.penalty import LossBreakdown, MonteCarloLoss
from ui.i18n import t
from ui.predict import Prediction, predict_choice, predict_number, show_prediction

SIDE_KEYS = {"above": "theory.predict_above", "equal": "theory.predict_equal", "below": "theory.predict_below"}
MAX_DIFFERENCE = 1_000_000.0  # far above any penalty the section's controls reach (about 150,000 at most)
AMOUNT_STEP = 0.1
ROUGHLY = 0.25  # "by how much" is right within a quarter of the measured difference (or its noise, if larger)
NOISE_SE = 2.0  # a difference within two standard errors of 0 is Monte Carlo noise, as the section's band says


@dataclass(frozen=True)
class LossPredictions:
    """The side and the amount predicted for one problem, and where each verdict goes."""

    side: Prediction
    amount: Prediction
    places: tuple

    @property
    def reveal(self) -> bool:
        return self.side.reveal and self.amount.reveal


def ask(about: str, place) -> LossPredictions:
    """Both questions side by side; about names the problem, w and d (not the mask count: more masks measure the
    same loss more precisely)."""
    side_place, amount_place = place.columns(2)
    side = predict_choice(f"theory-l2-{about}-side", t("theory.predict_side"),
                          {side: t(key) for side, key in SIDE_KEYS.items()}, place=side_place)
    amount = predict_number(f"theory-l2-{about}-amount", t("theory.predict_amount"), 0.0, MAX_DIFFERENCE,
                            AMOUNT_STEP, place=amount_place)
    return LossPredictions(side, amount, (side_place, amount_place))


def measured_side(loss: LossBreakdown, estimate: MonteCarloLoss) -> str | None:
    """Where the estimate lies against the plain loss: above, below, equal (no noise at all: d = 0), or None when
    the difference is within NOISE_SE standard errors of 0."""
    difference, noise = estimate.mean - loss.squared_error, NOISE_SE * estimate.mean_standard_error
    if abs(difference) <= 1e-9 * max(1.0, abs(loss.squared_error)):
        return "equal"
    if abs(difference) <= noise:
        return None
    return "above" if difference > 0 else "below"


def amount_tolerance(loss: LossBreakdown, estimate: MonteCarloLoss) -> float:
    """How far from the measured |difference| an amount still counts as right."""
    difference = abs(estimate.mean - loss.squared_error)
    return max(ROUGHLY * difference, NOISE_SE * estimate.mean_standard_error, AMOUNT_STEP / 2)


def show(asked: LossPredictions, loss: LossBreakdown, estimate: MonteCarloLoss, n_masks: int, fmt) -> None:
    """Each prediction under its question, with its verdict and the measured figures it was judged by."""
    side_place, amount_place = asked.places
    difference = estimate.mean - loss.squared_error
    if asked.side.answer is not None:
        side = measured_side(loss, estimate)
        verdict = None if side is None else asked.side.answer == side
        show_prediction(asked.side, t(SIDE_KEYS[asked.side.answer]), verdict, place=side_place)
        # The figures alike, one digit below the noise band's first, the difference taken of the two as shown:
        # each to its own five digits, "1025.5 − 195.46 = 830.08" did not add up.
        band = NOISE_SE * estimate.mean_standard_error
        decimals = max(0, 1 - math.floor(math.log10(band))) if band > 0 else 4
        mc, plain = round(estimate.mean, decimals), round(loss.squared_error, decimals)
        figure = f"{{:z.{decimals}f}}".format
        side_place.caption(t("theory.predict_noise" if side is None else "theory.predict_found", n=f"{n_masks:,}",
                             mc=figure(mc), plain=figure(plain), diff=figure(mc - plain), band=figure(band)))
    if asked.amount.answer is not None:
        tolerance = amount_tolerance(loss, estimate)
        right = abs(asked.amount.answer - abs(difference)) <= tolerance
        show_prediction(asked.amount, t("theory.predict_amount_yours", answer=fmt(asked.amount.answer),
                                        tolerance=fmt(tolerance)), right, place=amount_place)
        amount_place.caption(t("theory.predict_amount_found", diff=fmt(abs(difference)),
                               ratio=f"{abs(difference) / loss.squared_error:.2f}" if loss.squared_error else "–"))
