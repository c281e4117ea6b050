"""The bug hunt's layers: each measured fingerprint agrees with its closed form, and the check could tell them apart.

Tolerances: a fingerprint's values are means over 4,096 independent units (columns), so each is normal to a good
approximation and its z-score is standard normal (measured over 200 seeds while writing this: standard deviation
0.93 to 1.08). |z| > 4 has probability 6.3e-5 per comparison; the seeds are fixed. A value with nothing random in
it (standard error 0) must equal its closed form up to rounding, or its z-score is infinite.
"""
import itertools
import math

import pytest
import torch

from dropout_core.masks.bugs import (
    ALL_DROPPED,
    BUGS,
    CORRECT,
    Fingerprint,
    FingerprintMeasurement,
    expected_fingerprint,
    find_bug,
    looks_correct,
    measure_fingerprint,
)
from dropout_core.masks.functions import randn_mistake_keep_probability

K_SE = 4.0
FAR = 20.0  # "many standard errors": a closed form this far off can never pass the K_SE check by chance
IDS = (CORRECT.id, *BUGS)
PS = (0.1, 0.2, 0.5, 0.8)


@pytest.fixture(scope="module")
def measured():
    """Measured fingerprints, made once per (id, p) for the whole module."""
    cache = {}

    def measure(bug_id: str, p: float) -> FingerprintMeasurement:
        if (bug_id, p) not in cache:
            cache[bug_id, p] = measure_fingerprint(find_bug(bug_id).layer, p, seed=7)
        return cache[bug_id, p]

    return measure


def largest_z(measurement: FingerprintMeasurement, expected: Fingerprint) -> float:
    """The measurement's largest distance from expected over the fingerprint's values, in standard errors."""
    return max(abs(z) for z in measurement.z_scores(expected))


@pytest.mark.parametrize("p", PS)
@pytest.mark.parametrize("bug_id", IDS)
def test_measured_fingerprint_agrees_with_its_closed_form(measured, bug_id, p):
    measurement = measured(bug_id, p)
    expected = expected_fingerprint(bug_id, p)
    z = measurement.z_scores(expected)
    assert all(abs(value) <= K_SE for value in z), dict(zip(Fingerprint._fields, zip(measurement.values, expected, z)))


# At p = 0.8 the randn mask is near p = 0.783, where it keeps 1 - p after all: it is 16 standard errors from correct.
@pytest.mark.parametrize("p, far", [(0.2, FAR), (0.8, FAR / 2)])
def test_every_layer_is_far_from_every_other_layers_closed_form(measured, p, far):
    """The check has power: swapping any two closed forms (or two layers) fails it by many standard errors."""
    for a, b in itertools.permutations(IDS, 2):
        assert largest_z(measured(a, p), expected_fingerprint(b, p)) > far, (a, b)


def test_at_one_half_scaling_by_p_is_the_correct_layer_and_every_other_bug_is_far_from_it(measured):
    """1 / p = 1 / (1 - p) at p = 0.5, so that bug has the correct fingerprint there; the page says so."""
    assert looks_correct("scale_by_p", 0.5)
    assert largest_z(measured("scale_by_p", 0.5), expected_fingerprint(CORRECT.id, 0.5)) <= K_SE
    for bug_id in set(BUGS) - {"scale_by_p"}:
        assert not looks_correct(bug_id, 0.5)
        assert largest_z(measured(bug_id, 0.5), expected_fingerprint(CORRECT.id, 0.5)) > FAR, bug_id
        assert largest_z(measured(CORRECT.id, 0.5), expected_fingerprint(bug_id, 0.5)) > FAR, bug_id


def test_each_bug_shows_in_the_value_the_issue_names():
    """The fingerprints differ from correct dropout's where each mistake should show, by the amount derived."""
    p = 0.2
    correct = expected_fingerprint(CORRECT.id, p)
    assert correct == pytest.approx(Fingerprint(0.8, 1.0, 0.25, 1.0, 0.0, 0.68))
    randn = expected_fingerprint("randn_mask", p)
    assert randn.kept_fraction == pytest.approx(randn_mistake_keep_probability(p)) == pytest.approx(0.4207, abs=1e-4)
    assert randn.mean_ratio == pytest.approx(0.4207 / 0.8, abs=1e-4)
    assert expected_fingerprint("no_rescale", p)[:3] == pytest.approx((0.8, 0.8, 0.16))
    assert expected_fingerprint("rescale_at_test", p).eval_mean_ratio == pytest.approx(1.25)
    assert expected_fingerprint("on_at_eval", p)[3:5] == pytest.approx((1.0, 0.25))
    assert expected_fingerprint("shared_mask", p).rows_agree == 1.0
    assert expected_fingerprint("scale_by_p", p)[1:3] == pytest.approx((4.0, 4.0))
    for bug_id in BUGS:
        assert not looks_correct(bug_id, p)


EDGE_CASES = {
    # p = 0: nothing is dropped, so every layer is the identity, except the randn mask, which keeps N(0, 1) > 0: half.
    0.0: {**{bug_id: Fingerprint(1.0, 1.0, 0.0, 1.0, 0.0, 1.0) for bug_id in IDS},
          "randn_mask": Fingerprint(0.5, 0.5, 0.25, 1.0, 0.0, 0.5)},
    # p = 1: every unit is dropped in training; evaluation is the identity except where a bug changes it.
    1.0: {**{bug_id: ALL_DROPPED for bug_id in IDS},
          "rescale_at_test": Fingerprint(0.0, 0.0, 0.0, 0.0, 0.0, 1.0),
          "on_at_eval": Fingerprint(0.0, 0.0, 0.0, 0.0, 0.0, 1.0)},
}


@pytest.mark.parametrize("p", sorted(EDGE_CASES))
@pytest.mark.parametrize("bug_id", IDS)
def test_edge_cases_are_decided_and_measured(bug_id, p):
    expected = EDGE_CASES[p][bug_id]
    assert expected_fingerprint(bug_id, p) == pytest.approx(expected)
    measurement = measure_fingerprint(find_bug(bug_id).layer, p, rows=16, units=512)
    assert largest_z(measurement, expected) <= K_SE
    if bug_id != "randn_mask" or p == 1.0:  # nothing random is left: the values are exact
        assert measurement.standard_errors == Fingerprint(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)


def test_where_a_bug_passes_for_correct_dropout():
    assert [bug_id for bug_id in BUGS if looks_correct(bug_id, 0.0)] == [b for b in BUGS if b != "randn_mask"]
    assert [bug_id for bug_id in BUGS if looks_correct(bug_id, 0.5)] == ["scale_by_p"]
    assert looks_correct(CORRECT.id, 0.3)
    # The randn mask keeps 1 - Phi(p), which is 1 - p where Phi(p) = p: found by bisection, it is correct there.
    low, high = 0.5, 0.9
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if 0.5 * math.erfc(-middle / math.sqrt(2.0)) > middle else (low, middle)
    assert low == pytest.approx(0.7833, abs=1e-4)
    assert looks_correct("randn_mask", low)
    assert not looks_correct("randn_mask", 0.75) and not looks_correct("randn_mask", 0.8)


@pytest.mark.parametrize("bad_p", [-0.1, 1.0001, math.nan, math.inf, "0.5", None, True])
def test_a_bad_p_is_refused_with_a_clear_error(bad_p):
    with pytest.raises(ValueError, match="dropout probability"):
        expected_fingerprint("no_rescale", bad_p)
    with pytest.raises(ValueError, match="dropout probability"):
        measure_fingerprint(find_bug("on_at_eval").layer, bad_p, rows=2, units=2)
    with pytest.raises(ValueError, match="dropout probability"):
        looks_correct("scale_by_p", bad_p)


def test_unknown_ids_and_too_small_batches_are_refused():
    with pytest.raises(ValueError, match="unknown bug 'typo'"):
        expected_fingerprint("typo", 0.5)
    with pytest.raises(ValueError, match="unknown bug"):
        find_bug("dropout")
    layer = find_bug("shared_mask").layer
    with pytest.raises(ValueError, match="rows must be an integer >= 2"):
        measure_fingerprint(layer, 0.5, rows=1)
    with pytest.raises(ValueError, match="units must be an integer >= 2"):
        measure_fingerprint(layer, 0.5, units=1)
    with pytest.raises(ValueError, match="seed"):
        measure_fingerprint(layer, 0.5, seed=-1)


def test_a_deterministic_value_that_differs_is_infinitely_far():
    measurement = FingerprintMeasurement(Fingerprint(1.0, 1.0, 0.0, 1.25, 0.0, 1.0), Fingerprint(*[0.0] * 6))
    z = measurement.z_scores(Fingerprint(1.0, 1.0, 0.0, 1.0, 0.0, 1.0))
    assert z.eval_mean_ratio == math.inf
    assert [value for value in z if value != math.inf] == [0.0] * 5


@pytest.mark.parametrize("training", [True, False])
@pytest.mark.parametrize("bug_id", IDS)
def test_layers_draw_only_from_the_generator_they_are_given(bug_id, training):
    layer = find_bug(bug_id).layer
    H = torch.rand(8, 32, generator=torch.Generator().manual_seed(1)) + 0.5
    outputs = []
    for global_seed in (3, 4):  # a different global state must not change the output
        torch.manual_seed(global_seed)
        before = torch.get_rng_state()
        outputs.append(layer(H, 0.3, torch.Generator().manual_seed(5), training))
        assert torch.equal(torch.get_rng_state(), before), "the layer drew from torch's global generator"
    assert torch.equal(*outputs)


def test_measurement_is_reproducible_and_follows_the_seed():
    layer = find_bug("randn_mask").layer
    first, again = (measure_fingerprint(layer, 0.3, rows=8, units=256, seed=2) for _ in range(2))
    assert first == again
    assert measure_fingerprint(layer, 0.3, rows=8, units=256, seed=3) != first
