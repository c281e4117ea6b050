"""The Theory lab's predictions, asked before each section's result appears and judged by the figures it shows:
1. whether the loss with dropout lies above or below the loss without it, and by how much;
2. how one eval-mode pass scores against the average of many thinned networks, and which average it is closer to;
3. whether wrong predictions are more uncertain than right ones, and whose uncertainty sets aside errors better;
4. the variance of the Bernoulli multiplier.
Where "about the same" is an answer, a difference within two standard errors makes it the right one. Section 1's
sides have none (its "equal" means exactly equal): a difference within its Monte Carlo noise gives no verdict there.
"""
import math
from dataclasses import dataclass

from dropout_core.masks.variants import VariantMeasurement
from dropout_core.theory import ensemble
from dropout_core.theory.penalty import LossBreakdown, MonteCarloLoss
from dropout_core.training.outcomes import NOISE_SIGMAS, JudgedDifference
from ui.i18n import t
from ui.predict import Prediction, predict_choice, predict_number, show_prediction

SIDE_KEYS = {"above": "theory.predict_above", "equal": "theory.predict_equal", "below": "theory.predict_below"}
MAX_DIFFERENCE = 1_000_000.0  # far above any penalty the section's controls reach (about 150,000 at most)
AMOUNT_STEP = 0.1
ROUGHLY = 0.25  # "by how much" is right within a quarter of the measured difference (or its noise, if larger)
MAX_VARIANCE, VARIANCE_STEP = 100.0, 0.01  # the multiplier's variance d / (1 - d) is at most 9 at d = 0.9
VARIANCE_ROUGHLY = 0.05  # a variance is right within 5 % of the measured one (or two standard errors, if larger)


@dataclass(frozen=True)
class Asked:
    """A section's predictions side by side, and the place under each where its verdict goes."""

    predictions: tuple[Prediction, ...]
    places: tuple

    @property
    def reveal(self) -> bool:
        return all(prediction.reveal for prediction in self.predictions)


def _judge(prediction: Prediction, text: str, verdict: bool | None, place, found: str) -> None:
    """The committed answer with its verdict, and the measured figures it was judged by, under its question."""
    show_prediction(prediction, text, verdict, place=place)
    place.caption(found)


# --- 1 · adaptive L2 penalty -------------------------------------------------------------------------------------
def ask_loss(about: str, place) -> Asked:
    """Above or below, and by how much; about names the problem, w and d (not the mask count: more masks measure
    the same loss more precisely)."""
    side_place, amount_place = place.columns(2)
    side = predict_choice(f"theory-l2-{about}-side", t("theory.predict_side"),
                          {side: t(key) for side, key in SIDE_KEYS.items()}, place=side_place)
    amount = predict_number(f"theory-l2-{about}-amount", t("theory.predict_amount"), 0.0, MAX_DIFFERENCE,
                            AMOUNT_STEP, place=amount_place)
    return Asked((side, amount), (side_place, amount_place))


def measured_side(loss: LossBreakdown, estimate: MonteCarloLoss) -> str | None:
    """Where the estimate lies against the plain loss: above, below, equal (no noise at all: d = 0), or None when
    the difference is within NOISE_SIGMAS standard errors of 0."""
    difference, noise = estimate.mean - loss.squared_error, NOISE_SIGMAS * estimate.mean_standard_error
    if abs(difference) <= 1e-9 * max(1.0, abs(loss.squared_error)):
        return "equal"
    if abs(difference) <= noise:
        return None
    return "above" if difference > 0 else "below"


def amount_tolerance(loss: LossBreakdown, estimate: MonteCarloLoss) -> float:
    """How far from the measured |difference| an amount still counts as right."""
    difference = abs(estimate.mean - loss.squared_error)
    return max(ROUGHLY * difference, NOISE_SIGMAS * estimate.mean_standard_error, AMOUNT_STEP / 2)


def show_loss(asked: Asked, loss: LossBreakdown, estimate: MonteCarloLoss, n_masks: int, fmt) -> None:
    """Each prediction under its question, with its verdict and the measured figures it was judged by."""
    (side_asked, amount_asked), (side_place, amount_place) = asked.predictions, asked.places
    difference = estimate.mean - loss.squared_error
    if side_asked.answer is not None:
        side = measured_side(loss, estimate)
        # The figures alike, one digit below the noise band's first, the difference taken of the two as shown:
        # each to its own five digits, "1025.5 − 195.46 = 830.08" did not add up.
        band = NOISE_SIGMAS * estimate.mean_standard_error
        decimals = max(0, 1 - math.floor(math.log10(band))) if band > 0 else 4
        mc, plain = round(estimate.mean, decimals), round(loss.squared_error, decimals)
        figure = f"{{:z.{decimals}f}}".format
        _judge(side_asked, t(SIDE_KEYS[side_asked.answer]), None if side is None else side_asked.answer == side,
               side_place, t("theory.predict_noise" if side is None else "theory.predict_found", n=f"{n_masks:,}",
                             mc=figure(mc), plain=figure(plain), diff=figure(mc - plain), band=figure(band)))
    if amount_asked.answer is not None:
        tolerance = amount_tolerance(loss, estimate)
        yours = t("theory.predict_amount_yours", answer=fmt(amount_asked.answer), tolerance=fmt(tolerance))
        _judge(amount_asked, yours, abs(amount_asked.answer - abs(difference)) <= tolerance, amount_place,
               t("theory.predict_amount_found", diff=fmt(abs(difference)),
                 ratio=f"{abs(difference) / loss.squared_error:.2f}" if loss.squared_error else "–"))


# --- 2 · average of thinned networks -----------------------------------------------------------------------------
def score_options(T: int) -> dict[str, str]:
    """One eval-mode pass against the arithmetic mean of T thinned networks, by ensemble.VERDICTS id (eval's side)."""
    return {verdict: t(f"theory.predict_score_{verdict}", T=T) for verdict in ensemble.VERDICTS}


def closer_options(T: int) -> dict[str, str]:
    """The two averages of T thinned networks, by ensemble.AVERAGE_KINDS id."""
    return {kind: t(f"theory.predict_closer_{kind}", T=T) for kind in ensemble.AVERAGE_KINDS}


def ask_average(about: str, T: int, count: int, place) -> Asked:
    """How one eval pass scores against T thinned networks, and which average it is closer to; about names the
    network and the masks' seed."""
    places = place.columns(2)
    score = predict_choice(f"theory-average-{about}-score", t("theory.predict_score", T=T, count=count),
                           score_options(T), place=places[0])
    closer = predict_choice(f"theory-average-{about}-closer", t("theory.predict_closer"), closer_options(T),
                            place=places[1])
    return Asked((score, closer), tuple(places))


def show_average(asked: Asked, T: int, comparison: JudgedDifference, eval_accuracy: float,
                 average_accuracy: float, to_geometric: float, to_arithmetic: float) -> None:
    """Each answer judged: the paired accuracy difference's verdict (within two standard errors: about the same),
    and the smaller L1 distance (no verdict on a tie)."""
    (score, closer), (score_place, closer_place) = asked.predictions, asked.places
    if score.answer is not None:
        _judge(score, score_options(T)[score.answer], score.answer == comparison.verdict, score_place,
               t("theory.predict_score_found", eval=eval_accuracy, T=T,
                 average=average_accuracy, difference=comparison.difference,
                 band=NOISE_SIGMAS * comparison.standard_error))
    if closer.answer is not None:
        found = ensemble.closer_average(to_geometric, to_arithmetic)
        _judge(closer, closer_options(T)[closer.answer], None if found == ensemble.TIED else closer.answer == found,
               closer_place, t("theory.predict_closer_found", geometric=to_geometric, arithmetic=to_arithmetic))


# --- 3 · MC dropout -----------------------------------------------------------------------------------------------
def gap_options() -> dict[str, str]:
    """Wrong predictions' uncertainty against right ones', by ensemble.GAP_VERDICTS id."""
    return {verdict: t(f"theory.predict_gap_{verdict}") for verdict in ensemble.GAP_VERDICTS}


def reject_options(measure: str, T: int) -> dict[str, str]:
    """MC dropout's uncertainty against eval mode's softmax entropy for setting errors aside, by ensemble.VERDICTS
    id (MC dropout's side)."""
    return {verdict: t(f"theory.predict_reject_{verdict}", name=t(f"theory.reject_{measure}", T=T))
            for verdict in ensemble.VERDICTS}


def ask_mc(about: str, measure: str, T: int, fraction: float, place) -> Asked:
    """Whether wrong predictions are more uncertain, and whose uncertainty leaves the more accurate rest once the
    least certain fraction is set aside; about names the network, the seed, T and the measure."""
    places = place.columns(2)
    gap = predict_choice(f"theory-mc-{about}-gap", t("theory.predict_gap", measure=t(f"theory.uncertainty_{measure}")),
                         gap_options(), place=places[0])
    reject = predict_choice(f"theory-mc-{about}-reject", t("theory.predict_reject", fraction=fraction),
                            reject_options(measure, T), place=places[1])
    return Asked((gap, reject), tuple(places))


def show_mc(asked: Asked, measure: str, T: int, gap: JudgedDifference, outcome: ensemble.Correctness,
            rejection: ensemble.RejectionComparison, at: int, found: JudgedDifference) -> None:
    """Each answer judged by Welch's test on the two groups' uncertainty, and by the rest accuracies' difference
    found at rejection.fractions[at] with its bootstrap error (within two standard errors: no clear difference)."""
    (gap_asked, reject_asked), (gap_place, reject_place) = asked.predictions, asked.places
    if gap_asked.answer is not None:
        _judge(gap_asked, gap_options()[gap_asked.answer],
               None if gap.verdict is None else gap_asked.answer == gap.verdict, gap_place,
               t("theory.predict_gap_few") if gap.verdict is None else t(
                   "theory.predict_gap_found", wrong=outcome.mean_uncertainty_wrong,
                   right=outcome.mean_uncertainty_right, difference=gap.difference,
                   band=NOISE_SIGMAS * gap.standard_error))
    if reject_asked.answer is not None:
        _judge(reject_asked, reject_options(measure, T)[reject_asked.answer], reject_asked.answer == found.verdict,
               reject_place, t("theory.predict_reject_found", fraction=rejection.fractions[at],
                               kept=rejection.kept[at], name=t(f"theory.reject_{measure}", T=T),
                               mc=rejection.accuracy[measure][at],
                               eval=rejection.accuracy[ensemble.EVAL_ENTROPY][at], difference=found.difference,
                               band=NOISE_SIGMAS * found.standard_error))


# --- 4 · variants -------------------------------------------------------------------------------------------------
def ask_variance(d: float, place) -> Asked:
    """The variance of Bernoulli dropout's multiplier at this d (the seed only redraws what measures it)."""
    column, _ = place.columns(2)  # half the width, as the other sections' questions
    variance = predict_number(f"theory-variants-d{d:g}-variance", t("theory.predict_variance", d=d), 0.0,
                              MAX_VARIANCE, VARIANCE_STEP, place=column)
    return Asked((variance,), (column,))


def variance_tolerance(measurement: VariantMeasurement) -> float:
    """How far from the measured variance an answer still counts as right: 5 %, two standard errors or half the
    answer's step, whichever is largest (at d = 0 the variance is 0)."""
    return max(VARIANCE_ROUGHLY * measurement.measured_variance, NOISE_SIGMAS * measurement.variance_standard_error,
               VARIANCE_STEP / 2)


def show_variance(asked: Asked, measurement: VariantMeasurement, draws: int, fmt) -> None:
    """The answer judged against the variance measured over the draws, with theory's value beside it, both written
    by fmt (the table's decimals)."""
    (variance,), (place,) = asked.predictions, asked.places
    if variance.answer is not None:
        tolerance = variance_tolerance(measurement)
        _judge(variance, t("theory.predict_variance_yours", answer=f"{variance.answer:.2f}", tolerance=tolerance),
               abs(variance.answer - measurement.measured_variance) <= tolerance, place,
               t("theory.predict_variance_found", n=f"{draws:,}", measured=fmt(measurement.measured_variance),
                 theory=fmt(measurement.theoretical_variance)))
