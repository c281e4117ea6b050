"""The bug hunt's six broken dropout layers, each with one mistake seen in public code, and the correct one.

Every layer has the engine's signature apply(H, p, generator, training) -> output, so the engine can train a network
with it (the saved "bugs" runs) and the bug hunt can measure its statistical fingerprint. Keep each body short and
plain: the bug hunt shows it to the learner as code.

Each layer's statistical fingerprint (Fingerprint) is measured by Monte Carlo on a constant input, with standard
errors (measure_fingerprint), and derived by hand in closed form (expected_fingerprint), so the two check each other.
"""
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import torch

from ..checks import check_drop_probability, check_int_at_least, check_seed
from .functions import dropout_layer, dropout_mask, dropout_randn_mistake

Layer = Callable[[torch.Tensor, float, torch.Generator | None, bool], torch.Tensor]


def correct_dropout(H, p, generator=None, training=True):
    """Inverted dropout (d2l 5.6.3): keep with probability 1 - p, scale survivors by 1 / (1 - p), only in training."""
    if not training:
        return H
    return dropout_layer(H, p, generator)


def randn_mask(H, p, generator=None, training=True):
    """Bug: the mask compares torch.randn (normal) with p, where torch.rand (uniform) belongs."""
    if not training:
        return H
    return dropout_randn_mistake(H, p, generator)


def no_rescale(H, p, generator=None, training=True):
    """Bug: survivors are not scaled by 1 / (1 - p), so training sees smaller activations than evaluation."""
    if not training:
        return H
    return H * dropout_mask(H, p, generator)


def rescale_at_test(H, p, generator=None, training=True):
    """Bug: the 1 / (1 - p) scaling is applied in evaluation too, where no unit is dropped."""
    p = check_drop_probability(p)
    if not training:
        return H / (1.0 - p) if p < 1.0 else torch.zeros_like(H)
    return dropout_layer(H, p, generator)


def on_at_eval(H, p, generator=None, training=True):
    """Bug: the layer ignores the training flag, so evaluation drops units too and gives random answers."""
    return dropout_layer(H, p, generator)


def shared_mask(H, p, generator=None, training=True):
    """Bug: one mask of shape (1, units) is drawn and shared by every example of the batch."""
    if not training:
        return H
    return H * dropout_layer(torch.ones_like(H[:1]), p, generator)


def scale_by_p(H, p, generator=None, training=True):
    """Bug: survivors are scaled by 1 / p (the drop probability) instead of 1 / (1 - p)."""
    p = check_drop_probability(p)
    if not training:
        return H
    if p == 0.0:
        return H  # nothing is dropped; the buggy scale 1 / 0 is never reached
    return H * dropout_mask(H, p, generator) / p


@dataclass(frozen=True)
class Bug:
    """One broken dropout layer of the bug hunt: its id (the strings' key) and the layer itself."""

    id: str
    layer: Layer


CORRECT = Bug("correct", correct_dropout)  # the reference every fingerprint is read against
BUGS: dict[str, Bug] = {bug.id: bug for bug in (
    Bug("randn_mask", randn_mask),
    Bug("no_rescale", no_rescale),
    Bug("rescale_at_test", rescale_at_test),
    Bug("on_at_eval", on_at_eval),
    Bug("shared_mask", shared_mask),
    Bug("scale_by_p", scale_by_p),
)}


def find_bug(bug_id: str) -> Bug:
    """The correct layer (id "correct") or one of BUGS by id, or ValueError naming the ids there are."""
    if bug_id == CORRECT.id:
        return CORRECT
    if bug_id not in BUGS:
        raise ValueError(f"unknown bug {bug_id!r}; choose one of {(CORRECT.id, *BUGS)}")
    return BUGS[bug_id]


# --- the fingerprint: what a layer does to a constant positive input, in training and in evaluation ---------------

INPUT_VALUE = 2.0  # the constant input x; not 1, so a layer that ignored its input would show in every ratio
DEFAULT_ROWS, DEFAULT_UNITS = 64, 4096  # the measured batch: rows are examples, units are independent replicates
EXACT = 1e-9  # relative tolerance for a measurement with nothing random in it (standard error 0)


class Fingerprint(NamedTuple):
    """A dropout layer's statistical fingerprint on a constant positive input x, as ratios to x.

    Training mode: the fraction of outputs that are nonzero, E[out] / x, Var[out] / x^2, and rows_agree, the
    fraction of unit positions where two different rows (examples) are both kept or both dropped. Evaluation mode:
    E[out] / x and Var[out] / x^2. Correct inverted dropout: 1 - p, 1, p / (1 - p), 1, 0, p^2 + (1 - p)^2.
    """

    kept_fraction: float
    mean_ratio: float
    variance_ratio: float
    eval_mean_ratio: float
    eval_variance_ratio: float
    rows_agree: float


class FingerprintMeasurement(NamedTuple):
    """A measured fingerprint and the standard error of each of its values (0 where nothing random was measured)."""

    values: Fingerprint
    standard_errors: Fingerprint

    def z_scores(self, expected: Fingerprint) -> Fingerprint:
        """How many standard errors each measured value lies from expected.

        A value measured without randomness (standard error 0) must equal expected up to rounding: its z-score is
        then 0, and infinite (with the difference's sign) otherwise.
        """
        return Fingerprint(*(_z(measured, theory, error)
                             for measured, theory, error in zip(self.values, expected, self.standard_errors)))


def _z(measured: float, theory: float, standard_error: float) -> float:
    """(measured - theory) / standard_error; for standard error 0, 0 when equal up to rounding, else +-inf."""
    difference = measured - theory
    if standard_error > 0:
        return difference / standard_error
    return 0.0 if abs(difference) <= EXACT * max(1.0, abs(theory)) else math.copysign(math.inf, difference)


def _standard_error(per_unit: torch.Tensor) -> float:
    """Standard error of the mean of per-unit values (units are independent draws); exactly 0 when all are equal."""
    if bool((per_unit == per_unit[0]).all()):
        return 0.0
    return per_unit.std().item() / math.sqrt(per_unit.numel())


def _mean_and_variance(ratio: torch.Tensor) -> tuple[float, float, float, float]:
    """E[out]/x and Var[out]/x^2 of a (rows, units) tensor of out / x, each with its standard error.

    Units (columns) are the independent replicates: every layer draws the units of a row independently, but a mask
    shared by the batch makes the rows of a column equal. Var = E[r^2] - E[r]^2 gets its standard error by the delta
    method: the per-unit influence is mean_c(r^2) - 2 E[r] mean_c(r).
    """
    first, second = ratio.mean(dim=0), ratio.pow(2).mean(dim=0)
    mean = first.mean().item()
    variance = max(second.mean().item() - mean**2, 0.0)  # rounding can put a zero variance a hair below 0
    return mean, _standard_error(first), variance, _standard_error(second - 2.0 * mean * first)


def _training_statistics(output: torch.Tensor) -> tuple[tuple[float, float], ...]:
    """(value, standard error) of the kept fraction, the mean and variance ratios and rows_agree in training mode."""
    kept = (output != 0).double()
    rows = output.shape[0]
    kept_per_unit = kept.sum(dim=0)
    # Of the rows * (rows - 1) ordered pairs of different rows, those where both are kept or both dropped.
    agreeing = kept_per_unit * (kept_per_unit - 1) + (rows - kept_per_unit) * (rows - kept_per_unit - 1)
    agree_per_unit = agreeing / (rows * (rows - 1))
    kept_fraction = kept.mean(dim=0)
    mean, mean_error, variance, variance_error = _mean_and_variance(output.double() / INPUT_VALUE)
    return ((kept_fraction.mean().item(), _standard_error(kept_fraction)), (mean, mean_error),
            (variance, variance_error), (agree_per_unit.mean().item(), _standard_error(agree_per_unit)))


def measure_fingerprint(layer: Layer, p, rows: int = DEFAULT_ROWS, units: int = DEFAULT_UNITS,
                        seed: int = 0) -> FingerprintMeasurement:
    """Monte Carlo fingerprint of a layer: one training-mode and one eval-mode call on a (rows, units) batch of x.

    Every draw comes from a generator seeded with seed; torch's global generator is never used. Raises ValueError
    for p outside [0, 1] (checked here, since a layer in eval mode may never look at p), fewer than 2 rows (rows_agree
    needs a pair) or fewer than 2 units (a standard error needs two replicates).
    """
    p = check_drop_probability(p)
    rows = check_int_at_least(rows, "rows", minimum=2)
    units = check_int_at_least(units, "units", minimum=2)
    generator = torch.Generator().manual_seed(check_seed(seed))
    batch = torch.full((rows, units), INPUT_VALUE, dtype=torch.float64)
    kept, mean, variance, agree = _training_statistics(layer(batch.clone(), p, generator, True))
    eval_mean, eval_mean_error, eval_variance, eval_variance_error = _mean_and_variance(
        layer(batch.clone(), p, generator, False).double() / INPUT_VALUE)
    values = Fingerprint(kept[0], mean[0], variance[0], eval_mean, eval_variance, agree[0])
    errors = Fingerprint(kept[1], mean[1], variance[1], eval_mean_error, eval_variance_error, agree[1])
    return FingerprintMeasurement(values, errors)


# --- the closed forms, derived by hand --------------------------------------------------------------------------------
# In training, each layer multiplies x by s with probability k (kept) and by 0 otherwise, so kept_fraction = k,
# E[out]/x = k s, Var[out]/x^2 = k s^2 - (k s)^2, and two rows with independent masks agree with probability
# k^2 + (1 - k)^2. Evaluation is the identity except where a bug says otherwise.
# Edge cases, as the layers' code decides them: at p = 1 every layer that divides by 1 - p returns zeros (every unit
# dropped, the randn mask's included, although 1 - Phi(1) = 0.16 of its draws exceed p); scale_by_p at p = 0 returns
# its input unchanged (the 1 / p it would need is never reached); rescale_at_test at p = 1 returns zeros in
# evaluation too.

ALL_DROPPED = Fingerprint(0.0, 0.0, 0.0, 1.0, 0.0, 1.0)  # training zeros everything; evaluation is the identity


def _independent_agreement(keep: float) -> float:
    """Probability that two independent masks keeping a unit with probability keep both keep or both drop it."""
    return keep**2 + (1.0 - keep) ** 2


def _correct(p: float) -> Fingerprint:
    """Keep 1 - p, scale 1 / (1 - p): mean 1, variance p / (1 - p); evaluation the identity."""
    if p == 1.0:
        return ALL_DROPPED
    return Fingerprint(1.0 - p, 1.0, p / (1.0 - p), 1.0, 0.0, _independent_agreement(1.0 - p))


def _randn_mask(p: float) -> Fingerprint:
    """Keep P(N(0, 1) > p) = 1 - Phi(p), scale 1 / (1 - p): mean keep / (1 - p), variance keep / (1 - p)^2 - mean^2."""
    if p == 1.0:
        return ALL_DROPPED
    keep = 0.5 * math.erfc(p / math.sqrt(2.0))  # 1 - Phi(p)
    mean = keep / (1.0 - p)
    return Fingerprint(keep, mean, keep / (1.0 - p) ** 2 - mean**2, 1.0, 0.0, _independent_agreement(keep))


def _no_rescale(p: float) -> Fingerprint:
    """Keep 1 - p, scale 1: mean 1 - p, variance p (1 - p); at p = 1 every unit is dropped."""
    return Fingerprint(1.0 - p, 1.0 - p, p * (1.0 - p), 1.0, 0.0, _independent_agreement(1.0 - p))


def _rescale_at_test(p: float) -> Fingerprint:
    """Training as correct; evaluation multiplies by 1 / (1 - p) (zeros at p = 1), with nothing random."""
    return _correct(p)._replace(eval_mean_ratio=1.0 / (1.0 - p) if p < 1.0 else 0.0)


def _on_at_eval(p: float) -> Fingerprint:
    """Training as correct, and evaluation the same random layer: eval mean 1, eval variance p / (1 - p)."""
    train = _correct(p)
    return train._replace(eval_mean_ratio=train.mean_ratio, eval_variance_ratio=train.variance_ratio)


def _shared_mask(p: float) -> Fingerprint:
    """Each unit as correct, but all rows share one mask: they always agree."""
    return _correct(p)._replace(rows_agree=1.0)


def _scale_by_p(p: float) -> Fingerprint:
    """Keep 1 - p, scale 1 / p: mean (1 - p) / p, variance (1 - p) p / p^2 = (1 - p) / p; the identity at p = 0."""
    if p == 0.0:
        return Fingerprint(1.0, 1.0, 0.0, 1.0, 0.0, 1.0)
    return Fingerprint(1.0 - p, (1.0 - p) / p, (1.0 - p) / p, 1.0, 0.0, _independent_agreement(1.0 - p))


_CLOSED_FORMS: dict[str, Callable[[float], Fingerprint]] = {
    CORRECT.id: _correct,
    "randn_mask": _randn_mask,
    "no_rescale": _no_rescale,
    "rescale_at_test": _rescale_at_test,
    "on_at_eval": _on_at_eval,
    "shared_mask": _shared_mask,
    "scale_by_p": _scale_by_p,
}


def expected_fingerprint(bug_id: str, p) -> Fingerprint:
    """The closed-form fingerprint of the correct layer ("correct") or of a bug at drop probability p in [0, 1]."""
    find_bug(bug_id)
    return _CLOSED_FORMS[bug_id](check_drop_probability(p))


def looks_correct(bug_id: str, p) -> bool:
    """Whether a bug's fingerprint at p is the correct layer's, so no measurement can tell them apart there.

    So it is for scale_by_p at p = 0.5 (1 / p = 1 / (1 - p)), for the randn mask at p = 0.7833 (where Phi(p) = p,
    so it keeps 1 - p after all), and for every bug but the randn mask at p = 0.
    """
    expected, correct = expected_fingerprint(bug_id, p), expected_fingerprint(CORRECT.id, p)
    return all(math.isclose(a, b, rel_tol=EXACT, abs_tol=EXACT) for a, b in zip(expected, correct))
