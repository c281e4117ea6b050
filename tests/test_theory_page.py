"""The Theory lab page through AppTest: every section renders, and every number it shows is the core's number."""
import json
import math
import re
from dataclasses import replace

import numpy as np
import pyarrow as pa
import pytest
from conftest import metric
from conftest import open_page as open_app_page

from dropout_core.masks import variants
from dropout_core.theory import ensemble, lab_network
from dropout_core.theory import penalty as theory
from dropout_core.training.config import TrainConfig
from dropout_core.training.data import CLASS_NAMES
from dropout_core.training.jobs import TrainingJob
from dropout_core.training.outcomes import JudgedDifference
from ui.i18n import translate
from ui.theory_lab import variants as variants_section

PAGE = "pages/theory.py"
SECTIONS = ("l2", "average", "mc", "variants")
# A network that trains in well under a second, standing in for the page's own (which takes seconds to a minute).
TINY = TrainConfig(p1=0.2, p2=0.5, hidden=(16, 16), init="default", lr=0.1, batch_size=64, epochs=1,
                   train_size=500, seed=0, device="cpu")
TEST_IMAGES = 200


@pytest.fixture(autouse=True)
def small_network(monkeypatch):
    """The page's own network and its test subset shrunk, so the network sections run in a second."""
    monkeypatch.setattr(lab_network, "BUILTIN_CONFIG", TINY)
    monkeypatch.setattr(lab_network, "TEST_SUBSET", TEST_IMAGES)


def open_page(app, **link):
    """The Theory lab opened from a link with these URL parameters, prediction prompts off unless the link says
    otherwise: these tests read its numbers (the prediction tests at the end answer first)."""
    return open_app_page(app, PAGE, **{"predict": "false", **link})


def markdown(app) -> str:
    """Every markdown block of the page, as one text."""
    return "\n".join(md.value for md in app.markdown)


def shown_problem(seed=0, samples=200, features=5) -> theory.RegressionProblem:
    """The regression problem the page shows for these settings, made independently of the page."""
    return theory.make_regression_problem(samples, features, seed)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_renders_in_both_languages(app, lang, section):
    open_page(app, lang=lang, section=section)
    assert app.title[0].value == ("Theory lab" if lang == "en" else "理论实验室")
    assert app.segmented_control(key="section").value == section
    assert app.get("vega_lite_chart") or app.get("arrow_vega_lite_chart")


def test_changing_d_or_the_seed_changes_the_numbers(app):
    open_page(app)
    before = [m.value for m in app.metric]
    app.slider(key="d").set_value(0.3).run()
    after_d = [m.value for m in app.metric]
    app.number_input(key="data_seed").set_value(5).run()
    after_seed = [m.value for m in app.metric]
    assert not app.exception
    assert before[1] != after_d[1] != after_seed[1]  # the penalty
    assert before[0] == after_d[0] != after_seed[0]  # ||y - Xw||^2 of least squares: d does not change it
    assert app.query_params["d"] == "0.3" and app.query_params["data_seed"] == "5"  # the link reproduces it


@pytest.mark.parametrize("weights", ["ls", "true"])
def test_displayed_penalty_is_the_closed_form_of_the_shown_problem(app, weights):
    d, seed, samples, features = 0.3, 7, 100, 4
    open_page(app, d=d, data_seed=seed, samples=samples, features=features, w=weights)
    problem = shown_problem(seed, samples, features)
    if weights == "true":
        w = problem.true_w
    else:
        w = np.linalg.lstsq(problem.X, problem.y, rcond=None)[0]
    penalty = theory.dropout_penalty_closed_form(problem.X, w, d)
    # The page prints five significant digits: a relative rounding error of at most 5e-5.
    assert float(metric(app, "Penalty (closed form)")) == pytest.approx(penalty, rel=1e-4)
    by_hand = d / (1 - d) * np.sum(w**2 * np.sum(problem.X**2, axis=0))
    assert float(metric(app, "Penalty (closed form)")) == pytest.approx(by_hand, rel=1e-4)
    expected = theory.expected_dropout_loss(problem.X, problem.y, w, d)
    assert float(metric(app, "E‖y − X̃w‖² (closed form)")) == pytest.approx(expected, rel=1e-4)
    squared_error = np.sum((problem.y - problem.X @ w) ** 2)
    assert float(metric(app, "‖y − Xw‖² (no dropout)")) == pytest.approx(squared_error, rel=1e-4)
    assert expected == pytest.approx(squared_error + by_hand, rel=1e-12)


def test_the_monte_carlo_caption_states_the_z_score_of_the_mask_losses(app):
    d, seed = 0.4, 2
    open_page(app, d=d, data_seed=seed, masks=10_000)
    problem = shown_problem(seed)
    w = np.linalg.lstsq(problem.X, problem.y, rcond=None)[0]
    losses = theory.monte_carlo_dropout_loss(problem.X, problem.y, w, d, n_masks=10_000, seed=seed + 1).losses
    standard_error = losses.std(ddof=1) / math.sqrt(len(losses))
    z = (losses.mean() - theory.expected_dropout_loss(problem.X, problem.y, w, d)) / standard_error
    caption = next(c.value for c in app.caption if "standard errors from the closed form" in c.value)
    shown = float(re.search(r"lies ([+-][\d.]+) standard errors", caption).group(1))
    assert shown == pytest.approx(z, abs=0.005 + 1e-6)  # printed with two decimals
    assert float(metric(app, "Monte Carlo, 10,000 masks")) == pytest.approx(losses.mean(), rel=1e-4)


def kept_shares(problem, d: float) -> tuple[np.ndarray, np.ndarray, int, int]:
    """(dropout's, plain L2's share of each least-squares weight, the smallest feature, the largest), computed here."""
    X, y = problem.X, problem.y
    gram = X.T @ X
    least_squares = np.linalg.lstsq(X, y, rcond=None)[0]
    dropout = np.linalg.solve(gram + d / (1 - d) * np.diag(np.diag(gram)), X.T @ y) / least_squares
    lam = d / (1 - d) * np.trace(gram) / X.shape[1]
    plain = np.linalg.solve(gram + lam * np.eye(X.shape[1]), X.T @ y) / least_squares
    size = np.sqrt(np.mean(X**2, axis=0))
    return dropout, plain, int(np.argmin(size)), int(np.argmax(size))


@pytest.mark.parametrize("d, samples, features", [(0.5, 200, 5), (0.05, 20, 2), (0.5, 1000, 3)])
def test_the_takeaway_says_plain_l2_hits_the_small_feature_hardest_only_where_it_does(app, d, samples, features):
    # The takeaway said so whatever the numbers: with 1,000 samples and 3 features plain L2 keeps 0.04% of the
    # small feature's weight and -25% of the large one's. With 20 samples and 2 features it keeps 0% and 142%.
    open_page(app, d=d, samples=samples, features=features)
    dropout, plain, small, large = kept_shares(shown_problem(0, samples, features), d)
    (takeaway,) = [info.value for info in app.info]
    assert ("so the small feature, which needs a large weight, is hit hardest" in takeaway) == (
        plain[small] < plain[large])
    assert ("does not hit the small feature hardest" in takeaway) == (plain[small] >= plain[large])
    outside = not all(0 <= share <= 1 for share in (*dropout[[small, large]], *plain[[small, large]]))
    assert ("A share above 100% or below 0%" in takeaway) == (outside and plain[small] < plain[large])


def test_the_takeaway_states_the_kept_fractions_of_the_extreme_features(app):
    d, seed = 0.5, 1
    open_page(app, d=d, data_seed=seed)
    dropout, plain, small, large = kept_shares(shown_problem(seed), d)
    (takeaway,) = [info.value for info in app.info]
    assert (f"dropout keeps {dropout[small]:.0%} of the weight of x{small + 1} (the smallest feature) and "
            f"{dropout[large]:.0%} of x{large + 1} (the largest)") in takeaway
    assert f"keeps {plain[small]:.0%} and {plain[large]:.0%}" in takeaway


def test_dropout_sgd_and_its_ridge_problem_are_shown_side_by_side(app):
    d, seed = 0.4, 3
    open_page(app, d=d, data_seed=seed)
    problem = shown_problem(seed)
    table = app.dataframe[0].value
    ridge = theory.dropout_ridge_weights(problem.X, problem.y, d)
    sgd = theory.dropout_sgd_weights(problem.X, problem.y, d, seed=seed + 2).weights
    np.testing.assert_allclose(table["w: dropout ridge"], ridge, rtol=1e-12)
    np.testing.assert_allclose(table["w: dropout SGD"], sgd, rtol=1e-12)
    distance = theory.relative_weight_distance(problem.X, sgd, ridge)
    assert metric(app, "Dropout SGD vs closed-form ridge") == f"{distance:.1%}"
    assert distance < 0.05  # "agree up to SGD noise"; test_theory.py derives the convergence itself
    plain = theory.plain_ridge_weights(problem.X, problem.y, theory.matching_plain_l2_strength(problem.X, d))
    np.testing.assert_allclose(table["w: plain L2"], plain, rtol=1e-12)


def test_variants_table_measures_what_theory_predicts(app):
    d, seed = 0.3, 3
    open_page(app, section="variants", d=d, noise_seed=seed)
    table = app.dataframe[0].value.set_index("variant")
    assert len(table) == len(variants.VARIANTS)
    n = 100_000  # draws per variant (the caption says so)
    assert f"{n:,}" in " ".join(c.value for c in app.caption)
    for name, row in table.iterrows():
        # Mean of n independent draws: standard error sqrt(variance / n). Ten comparisons (five means, five
        # variances), each with P(|z| > 4) ~ 6e-5 under the normal approximation: a false alarm ~ 1 in 1,600.
        standard_error = math.sqrt(row["variance"] / n)
        if standard_error > 0:
            assert abs(row["mean"] - row["mean, theory"]) < 4 * standard_error, name
            assert row["mean: z"] == pytest.approx((row["mean"] - row["mean, theory"]) / standard_error, rel=1e-3)
        assert abs(row["variance: z"]) < 4, name
    assert table.loc["Bernoulli (original)", "variance, theory"] == pytest.approx(d / (1 - d))
    assert table.loc["Gaussian dropout", "variance, theory"] == pytest.approx(d / (1 - d))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_variant_draws_its_noise(app, lang):
    open_page(app, section="variants", lang=lang)
    for name in variants.VARIANTS:
        # By its shown label: AppTest formats a raw id outside the session, in English, which zh options lack.
        app.segmented_control(key="variant").set_value(translate(f"theory.variant_{name}", lang)).run()
        assert not app.exception
        assert app.segmented_control(key="variant").value == name
        assert len(app.get("vega_lite_chart") + app.get("arrow_vega_lite_chart")) >= 2, name
        facts = variants.noise_drawing(name, 0.5, 0).facts
        if "a" in facts:  # AlphaDropout's caption states its affine map
            assert f"{facts['a']:.4f}" in " ".join(c.value for c in app.caption), name


def test_without_data_theory_and_variants_work_and_network_sections_explain(app, no_data):
    open_page(app)
    assert float(metric(app, "Penalty (closed form)")) > 0
    for section in ("average", "mc"):
        app.segmented_control(key="section").set_value(section).run()
        assert not app.exception
        assert any("not on this machine" in w.value for w in app.warning), section
        assert "apt-get install dataset-fashion-mnist" in markdown(app), section
    app.segmented_control(key="section").set_value("average").run()
    assert metric(app, "Thinned networks of this drawing") == "4,096"  # the drawing needs no data
    app.segmented_control(key="section").set_value("variants").run()
    assert len(app.dataframe[0].value) == len(variants.VARIANTS)


def test_subnetwork_count_and_the_mask_drawing(app):
    open_page(app, section="average", net_seed=4)
    kept = ensemble.subnetwork_drawing(ensemble.D2L_DEMO_LAYER_SIZES, ensemble.D2L_HIDDEN_DROP, 4)
    shown = ", ".join(f"{int(m.sum())}/{len(m)}" for m in kept[1:-1])
    assert f"keeps {shown} units" in markdown(app)
    assert metric(app, "Thinned networks of d2l's") == "2^512"
    assert "**155 decimal digits**" in markdown(app)
    next(b for b in app.button if b.label == "Draw another mask").click().run()
    assert app.number_input(key="net_seed").value != 4


def test_average_section_shows_the_cores_eval_and_mc_figures(app, fashion_mnist):
    open_page(app, section="average", mc_seed=2)
    model = lab_network.train_builtin_model(fashion_mnist, TINY)  # the engine is seeded: the page's network exactly
    images, labels = fashion_mnist.test_images[:TEST_IMAGES], fashion_mnist.test_labels[:TEST_IMAGES]
    evaluation = ensemble.eval_mode_metrics(model, images, labels)
    curve = ensemble.mc_average_metrics(model, images, labels, T_max=100, seed=2)
    assert metric(app, "Eval mode (one pass)") == f"{evaluation.accuracy:.3f}"
    assert metric(app, "Arithmetic mean, T = 100") == f"{curve.arithmetic.accuracy[-1]:.3f}"
    assert metric(app, "Arithmetic mean, T = 1") == f"{curve.arithmetic.accuracy[0]:.3f}"
    assert metric(app, "Geometric mean, T = 100") == f"{curve.geometric.accuracy[-1]:.3f}"
    assert "The page's own network" in app.caption[0].value
    # The reading follows the numbers: which average eval mode is closer to, and the verdict on one pass vs 100.
    eval_probs = ensemble.eval_mode_probabilities(model, images)
    to_geometric = np.abs(eval_probs - curve.geometric_probs).sum(axis=1).mean()
    to_arithmetic = np.abs(eval_probs - curve.arithmetic_probs).sum(axis=1).mean()
    assert metric(app, "Eval mode to the geometric mean (T = 100)") == f"{to_geometric:.3f}"
    assert metric(app, "Eval mode to the arithmetic mean (T = 100)") == f"{to_arithmetic:.3f}"
    assert to_geometric != to_arithmetic
    closer = "geometric" if to_geometric < to_arithmetic else "arithmetic"
    assert translate(f"theory.average_closer_{closer}", "en", geometric=to_geometric,
                     arithmetic=to_arithmetic) in markdown(app)
    eval_right = eval_probs.argmax(axis=1) == labels.numpy()
    mc_right = curve.arithmetic_probs.argmax(axis=1) == labels.numpy()
    difference = eval_right.mean() - mc_right.mean()
    se = np.std(eval_right.astype(float) - mc_right, ddof=1) / np.sqrt(TEST_IMAGES)
    verdict = "same" if abs(difference) <= 2 * se else ("better" if difference > 0 else "worse")
    assert translate(f"theory.average_verdict_{verdict}", "en", T=100, difference=difference, se=se) in markdown(app)


@pytest.mark.parametrize("verdict", ["same", "worse", "better"])
def test_the_average_reading_says_what_the_comparison_found(app, fashion_mnist, monkeypatch, verdict):
    # At p = 0.8 / 0.8 the lab's network scores 0.587 in eval mode against 0.628 for 100 thinned networks: the page
    # must then say that one pass does worse. Every verdict the core can return has its sentence.
    found = JudgedDifference(-0.041 if verdict == "worse" else 0.01, 0.009, verdict)
    monkeypatch.setattr(ensemble, "paired_accuracy_difference", lambda a, b: found)
    open_page(app, section="average")
    assert translate(f"theory.average_verdict_{verdict}", "en", T=100, difference=found.difference,
                     se=found.standard_error) in markdown(app)
    assert ("does about as well" in markdown(app)) == (verdict == "same")


def test_mc_section_shows_the_cores_most_and_least_certain_images(app, fashion_mnist):
    open_page(app, section="mc", T=10, uncertainty="std", mc_seed=1)
    model = lab_network.train_builtin_model(fashion_mnist, TINY)
    prediction = ensemble.mc_predictive(model, fashion_mnist.test_images[:TEST_IMAGES], T=10, seed=1)
    most, least = ensemble.most_and_least_certain(prediction.predicted_class_std, 6)
    captions = [element.proto.imgs[0].caption for element in app.image]
    assert len(captions) == 12
    for caption, index in zip(captions, [*most, *least]):
        predicted = prediction.mean_probs[index].argmax()
        true = int(fashion_mnist.test_labels[index])
        assert caption.startswith(f"{CLASS_NAMES[predicted]} ({prediction.mean_probs[index, predicted]:.2f} ± ")
        assert f"true: {CLASS_NAMES[true]} · {prediction.predicted_class_std[index]:.3f}" in caption
    assert metric(app, "Accuracy, average of T = 10") == \
        f"{np.mean(prediction.mean_probs.argmax(axis=1) == fashion_mnist.test_labels[:TEST_IMAGES].numpy()):.3f}"
    right = prediction.mean_probs.argmax(axis=1) == fashion_mnist.test_labels[:TEST_IMAGES].numpy()
    assert metric(app, "Mean uncertainty, right predictions") == f"{prediction.predicted_class_std[right].mean():.3f}"
    assert metric(app, "Mean uncertainty, wrong predictions") == f"{prediction.predicted_class_std[~right].mean():.3f}"
    # The reading names the measure that did best at 20 % on these images, computed from the four curves.
    eval_probs = ensemble.eval_mode_probabilities(model, fashion_mnist.test_images[:TEST_IMAGES])
    labels = fashion_mnist.test_labels[:TEST_IMAGES].numpy()
    kept = TEST_IMAGES - TEST_IMAGES // 5
    at_20 = {}
    for measure, probs, uncertainty in (
            ("entropy", prediction.mean_probs, prediction.predictive_entropy),
            ("mutual_information", prediction.mean_probs, prediction.mutual_information),
            ("std", prediction.mean_probs, prediction.predicted_class_std),
            ("eval_entropy", eval_probs, -(eval_probs * np.log(eval_probs)).sum(axis=1))):
        keep = np.argsort(uncertainty, kind="stable")[:kept]
        at_20[measure] = np.mean(probs[keep].argmax(axis=1) == labels[keep])
    best = [m for m in at_20 if at_20[m] == max(at_20.values())]
    names = " / ".join(translate(f"theory.reject_{m}", "en", T=10) for m in best)
    assert f"On these images the best was: {names}." in markdown(app)
    assert f"{at_20['eval_entropy']:.3f} by the eval pass's softmax entropy" in markdown(app)
    assert f"{at_20['mutual_information']:.3f} by MC mutual information" in markdown(app)


def test_mc_gallery_names_the_classes_in_chinese(app, fashion_mnist, monkeypatch):
    monkeypatch.setattr("ui.i18n.current_language", lambda: "zh")  # AppTest formats options outside any run
    open_page(app, section="mc", lang="zh")
    chinese = {translate(f"data.class_{i}", "zh") for i in range(10)}
    assert chinese >= {"T恤/上衣", "套头衫", "短靴"}
    for caption in (element.proto.imgs[0].caption for element in app.image):
        predicted, true = caption.split("（")[0], caption.split("真实：")[1].split(" · ")[0]
        assert predicted in chinese and true in chinese
    # A key above the pictures names each number of their captions, the uncertainty by the measure chosen.
    key = next(c.value for c in app.caption if c.value.startswith("每张图像下方"))
    assert "平均概率" in key and translate("theory.uncertainty_entropy", "zh") in key
    app.radio(key="uncertainty").set_value("mutual_information").run()
    key = next(c.value for c in app.caption if c.value.startswith("每张图像下方"))
    assert translate("theory.uncertainty_mutual_information", "zh") in key


def test_the_learners_own_network_is_studied_when_there_is_one(app, fashion_mnist):
    job = TrainingJob(TINY, fashion_mnist)
    next(iter(job.trainers.values())).run()
    app.session_state["train_job"] = job
    open_page(app, section="average")
    assert app.radio(key="model").value == "own"
    assert any("Your network from Train live" in c.value for c in app.caption)
    app.radio(key="model").set_value("builtin").run()
    assert any("The page's own network" in c.value for c in app.caption)


def test_a_diverged_network_from_train_live_is_set_aside_with_a_notice(app, fashion_mnist):
    job = TrainingJob(replace(TINY, lr=1e6), fashion_mnist)  # a step this large overflows within the epoch
    trainer = next(iter(job.trainers.values()))
    trainer.run()
    assert trainer.diverged
    app.session_state["train_job"] = job
    open_page(app, section="mc")
    assert any("diverged in epoch 1" in w.value for w in app.warning)
    assert any("The page's own network" in c.value for c in app.caption)


# --- predict, then see ------------------------------------------------------------------------------------------
def mc_difference(d, seed, masks=1_000, samples=200, features=5) -> tuple[float, float]:
    """The section's Monte Carlo loss (least-squares w, masks from seed + 1) minus the loss without dropout, and
    the estimate's standard error, computed here from the mask losses."""
    problem = shown_problem(seed, samples, features)
    w = np.linalg.lstsq(problem.X, problem.y, rcond=None)[0]
    losses = theory.monte_carlo_dropout_loss(problem.X, problem.y, w, d, n_masks=masks, seed=seed + 1).losses
    plain = float(np.sum((problem.y - problem.X @ w) ** 2))
    return float(losses.mean()) - plain, float(losses.std(ddof=1) / math.sqrt(len(losses)))


def answer(app, lang, side: str, amount: str) -> None:
    """Commit both predictions of section 1."""
    for key, value in (("theory.predict_side", side), ("theory.predict_amount", amount)):
        widgets = app.radio if key == "theory.predict_side" else app.text_input
        (field,) = [widget for widget in widgets if widget.label == translate(key, lang)]
        field.input(value) if key == "theory.predict_amount" else field.set_value(value)
        app.button(key=field.key.replace("predict_input_", "predict_commit_", 1)).click().run()
        assert not app.exception, [e.value for e in app.exception]


def verdicts(app, lang) -> list[str]:
    """The two predictions as shown: right, wrong or none (no badge), side first."""
    lines = [md.value for md in app.markdown if md.value.startswith(translate("predict.yours", lang, answer=""))]
    return ["right" if "✓" in line else "wrong" if "✗" in line else "none" for line in lines]


@pytest.mark.parametrize("lang, side, factor, expected", [
    ("en", "above", 1.2, ["right", "right"]),  # within a quarter of the measured difference
    ("zh", "below", 2.0, ["wrong", "wrong"]),
    ("en", "equal", 0.5, ["wrong", "wrong"]),
])
def test_the_monte_carlo_number_waits_for_a_prediction_and_is_judged_by_it(app, monkeypatch, lang, side, factor,
                                                                          expected):
    monkeypatch.setattr("ui.i18n.current_language", lambda: lang)  # AppTest formats options outside any run
    d, seed = 0.3, 7
    open_app_page(app, PAGE, lang=lang, d=d, data_seed=seed)
    labels = [m.label for m in app.metric]
    assert translate("theory.squared_error", lang) in labels  # the loss without dropout is given
    assert not [label for label in labels if label.startswith(translate("theory.penalty", lang)[:4])]
    assert translate("predict.hidden", lang) in [c.value for c in app.caption]
    difference, standard_error = mc_difference(d, seed)
    assert difference > 2 * standard_error  # clearly above: the verdicts below are not noise
    answer(app, lang, side, f"{abs(difference) * factor:.1f}")
    assert float(metric(app, translate("theory.mc_estimate", lang, n="1,000"))) > 0
    assert verdicts(app, lang) == expected
    # "A − B = C (... ± D ...)": the subtraction as shown adds up, C is the difference computed here to its last
    # shown digit, D two standard errors, all to one digit below D's first.
    notes = "\n".join(c.value for c in app.caption)
    mc, plain, shown, band = re.search(r"(\d+\.?\d*) − (\d+\.?\d*) = (-?\d+\.?\d*)\D+± (\d+\.?\d*)", notes).groups()
    unit = 10.0 ** -len(band.partition(".")[2])
    assert float(mc) - float(plain) == pytest.approx(float(shown), abs=unit / 100)
    assert abs(float(shown) - difference) <= unit and abs(float(band) - 2 * standard_error) <= unit / 2
    assert len(mc.partition(".")[2]) == len(plain.partition(".")[2]) == len(shown.partition(".")[2])
    assert 100 * unit > float(band) >= 10 * unit, (band, unit)  # one digit below its first


def test_without_dropout_the_losses_are_equal_and_a_new_d_asks_again(app):
    open_app_page(app, PAGE, d=0.0, data_seed=1)
    difference, standard_error = mc_difference(0.0, 1)
    assert abs(difference) < 1e-6 and standard_error < 1e-6
    answer(app, "en", "equal", "0")
    assert verdicts(app, "en") == ["right", "right"]
    app.slider(key="d").set_value(0.5).run()
    assert not [m for m in app.metric if m.label.startswith("Monte Carlo")]  # another d: asked again
    assert len([w for w in app.text_input if w.label == translate("theory.predict_amount", "en")]) == 1
    app.slider(key="d").set_value(0.0).run()
    assert verdicts(app, "en") == ["right", "right"]


@pytest.mark.parametrize("typed, message", [("-5", "-5.0 is outside the range"), ("a lot", "“a lot” is not a number")])
def test_an_amount_it_does_not_ask_for_is_refused(app, typed, message):
    open_app_page(app, PAGE)
    (field,) = [w for w in app.text_input if w.label == translate("theory.predict_amount", "en")]
    field.input(typed)
    app.button(key=field.key.replace("predict_input_", "predict_commit_", 1)).click().run()
    assert len(app.error) == 1 and message in app.error[0].value
    assert not [m for m in app.metric if m.label.startswith("Monte Carlo")]


def test_the_variants_table_shows_the_gap_each_z_score_measures(app):
    # At the page's defaults (d = 0.5) Bernoulli's measured variance lies about 1e-5 from theory, its standard error
    # about as small: four decimals read "1.0000 against 1.0000" beside z = +0.89.
    open_page(app, section="variants", projector="true")
    styler = app.table[0].proto.arrow_data.styler
    shown = pa.ipc.open_stream(styler.display_values).read_all().to_pandas().set_index("variant")
    for m in variants_section.variant_measurements(0.5, 0):
        row = shown.loc[translate(f"theory.variant_{m.name}", "en")]
        for value, expected, standard_error, z in (("mean", "mean, theory", m.mean_standard_error, m.mean_z),
                                                 ("variance", "variance, theory", m.variance_standard_error,
                                                  m.variance_z)):
            gap_in_errors = (float(row[value]) - float(row[expected])) / standard_error
            assert gap_in_errors == pytest.approx(z, abs=0.3), (m.name, value, row[value], row[expected])
            # ... and no digits that noise makes meaningless: at most two below the standard error (or four decimals)
            shown_decimals = len(row[value].split(".")[1])
            assert shown_decimals <= max(4, 2 - math.floor(math.log10(standard_error))), (m.name, value, row[value])


def test_a_projector_gets_the_variants_table_as_html_with_the_same_numbers(app):
    open_page(app, section="variants", projector="true")
    assert len(app.dataframe) == 0  # st.dataframe draws on a canvas, which the projector style cannot enlarge
    styler = app.table[0].proto.arrow_data.styler  # the table as the browser shows it, every cell formatted
    html = pa.ipc.open_stream(styler.display_values).read_all().to_pandas().set_index("variant")
    measured = {m.name: m for m in variants_section.variant_measurements(0.5, 0)}  # the page's defaults
    bernoulli = html.loc[translate(f"theory.variant_{variants.BERNOULLI}", "en")]
    assert bernoulli["mean"] == format(measured[variants.BERNOULLI].measured_mean, ".4f")
    assert bernoulli["mean: z"] == format(measured[variants.BERNOULLI].mean_z, "+.2f")


def test_section_1_writes_large_numbers_out_and_orders_features_by_number(app):
    # At d = 0.9 with 1,000 samples the penalty passes 100,000: "{:.5g}" wrote it as 1.0104e+05, beside a button
    # reading 150,000.0 and an axis reading 100,000. Ten features sorted as names ran x1, x10, x2, ...
    open_page(app, section="l2", d=0.9, samples=1000, features=10)
    assert float(metric(app, "Penalty")) > 1e5  # the case this test is about
    values = [m.value for m in app.metric] + [c.value for c in app.caption]
    assert not [value for value in values if re.search(r"\de[+-]\d", value)], values
    specs = [json.loads(chart.proto.spec) for chart in app.get("vega_lite_chart")]
    feature_axes = [spec["encoding"]["x"] for spec in specs if spec.get("encoding", {}).get("x", {}).get("field")
                    == "feature"]
    assert len(feature_axes) == 2 and all(x["sort"] == [f"x{j}" for j in range(1, 11)] for x in feature_axes)


def commit(app, question: str, value) -> None:
    """Answer the prediction whose question is this label (a choice by its option's id, a number as typed), and
    commit it."""
    radios = [widget for widget in app.radio if widget.label == question]
    texts = [widget for widget in app.text_input if widget.label == question]
    (field,) = radios + texts
    field.set_value(value) if radios else field.input(value)
    app.button(key=field.key.replace("predict_input_", "predict_commit_", 1)).click().run()
    assert not app.exception, [e.value for e in app.exception]


def captions(app) -> str:
    return "\n".join(c.value for c in app.caption)


def flipped(verdict: str, options) -> str:
    """An answer other than verdict."""
    return next(option for option in options if option != verdict)


@pytest.mark.parametrize("lang, right", [("en", True), ("zh", False)])
def test_the_averages_wait_for_predictions_and_are_judged_by_the_figures(app, fashion_mnist, monkeypatch, lang,
                                                                         right):
    monkeypatch.setattr("ui.i18n.current_language", lambda: lang)  # AppTest formats options outside any run
    open_app_page(app, PAGE, section="average", mc_seed=3, lang=lang)
    # Eval mode's accuracy is given (after the drawing's two counts); the averages, their charts and the reading wait.
    assert [m.label for m in app.metric][2:] == [translate("theory.eval_acc", lang)]
    assert translate("predict.hidden", lang) in captions(app)
    assert len(app.get("vega_lite_chart")) == 1  # the drawing of one thinned network, not the curves
    # The figures, computed here: eval mode and the arithmetic mean of 100 thinned networks, image by image.
    model = lab_network.train_builtin_model(fashion_mnist, TINY)
    images, labels = fashion_mnist.test_images[:TEST_IMAGES], fashion_mnist.test_labels[:TEST_IMAGES].numpy()
    eval_probs = ensemble.eval_mode_probabilities(model, images)
    curve = ensemble.mc_average_metrics(model, images, fashion_mnist.test_labels[:TEST_IMAGES], T_max=100, seed=3)
    eval_right, average_right = eval_probs.argmax(axis=1) == labels, curve.arithmetic_probs.argmax(axis=1) == labels
    differences = eval_right.astype(float) - average_right
    difference, se = differences.mean(), differences.std(ddof=1) / math.sqrt(TEST_IMAGES)
    score = "same" if abs(difference) <= 2 * se else "better" if difference > 0 else "worse"
    to_geometric = np.abs(eval_probs - curve.geometric_probs).sum(axis=1).mean()
    to_arithmetic = np.abs(eval_probs - curve.arithmetic_probs).sum(axis=1).mean()
    assert to_geometric != to_arithmetic
    closer = "geometric" if to_geometric < to_arithmetic else "arithmetic"
    commit(app, translate("theory.predict_score", lang, T=100, count=TEST_IMAGES),
           score if right else flipped(score, ensemble.VERDICTS))
    assert [m.label for m in app.metric][2:] == [translate("theory.eval_acc", lang)]  # one answer is not enough
    commit(app, translate("theory.predict_closer", lang), closer if right else flipped(closer, ensemble.AVERAGE_KINDS))
    assert verdicts(app, lang) == (["right", "right"] if right else ["wrong", "wrong"])
    assert metric(app, translate("theory.mc_acc", lang, T=100)) == f"{curve.arithmetic.accuracy[-1]:.3f}"
    assert len(app.get("vega_lite_chart")) == 3
    found = captions(app)
    assert f"{difference:+.3f}".replace("-0.000", "+0.000") in found and f"± {2 * se:.3f}" in found
    assert f"{to_geometric:.3f}" in found and f"{to_arithmetic:.3f}" in found


def test_without_dropout_neither_average_is_closer_and_no_answer_is_marked(app, fashion_mnist):
    job = TrainingJob(replace(TINY, p1=0.0, p2=0.0), fashion_mnist)  # every thinned network is the full one
    next(iter(job.trainers.values())).run()
    app.session_state["train_job"] = job
    open_app_page(app, PAGE, section="average")
    commit(app, translate("theory.predict_score", "en", T=100, count=TEST_IMAGES), "same")
    commit(app, translate("theory.predict_closer", "en"), "geometric")
    assert verdicts(app, "en") == ["right", "none"]  # identical predictions: the same score, no closer average
    assert translate("theory.average_closer_tied", "en", geometric=0.0) in markdown(app)
    assert "closer to the geometric mean" not in markdown(app)


@pytest.mark.parametrize("lang, right", [("zh", True), ("en", False)])
def test_mc_uncertainty_waits_for_predictions_and_is_judged_by_the_figures(app, fashion_mnist, monkeypatch, lang,
                                                                           right):
    monkeypatch.setattr("ui.i18n.current_language", lambda: lang)
    open_app_page(app, PAGE, section="mc", T=10, uncertainty="entropy", mc_seed=1, lang=lang)
    assert [m.label for m in app.metric] == [translate("theory.mc_accuracy", lang, T=10)]
    assert not app.image and not app.get("vega_lite_chart")
    model = lab_network.train_builtin_model(fashion_mnist, TINY)
    images, labels = fashion_mnist.test_images[:TEST_IMAGES], fashion_mnist.test_labels[:TEST_IMAGES].numpy()
    mean = ensemble.mc_predictive(model, images, T=10, seed=1).mean_probs  # tested against its passes in test_ensemble
    entropy = -(mean * np.log(mean)).sum(axis=1)
    correct = mean.argmax(axis=1) == labels
    wrong, right_ones = entropy[~correct], entropy[correct]
    gap = wrong.mean() - right_ones.mean()
    gap_se = math.sqrt(wrong.var(ddof=1) / len(wrong) + right_ones.var(ddof=1) / len(right_ones))
    gap_verdict = "same" if abs(gap) <= 2 * gap_se else "higher" if gap > 0 else "lower"
    # Setting the 20 % least certain aside: MC's predictive entropy against one eval pass's softmax entropy, with a
    # bootstrap over the test images written out here (resamples drawn from seed 0, as the page draws them).
    eval_probs = ensemble.eval_mode_probabilities(model, images)
    eval_entropy = -(eval_probs * np.log(eval_probs)).sum(axis=1)
    kept = TEST_IMAGES - TEST_IMAGES // 5

    def rests(rows):
        found = []
        for probs, uncertainty in ((mean, entropy), (eval_probs, eval_entropy)):
            keep = rows[np.argsort(uncertainty[rows], kind="stable")[:kept]]
            found.append(np.mean(probs[keep].argmax(axis=1) == labels[keep]))
        return found

    rest = dict(zip(("mc", "eval"), rests(np.arange(TEST_IMAGES))))
    resampler = np.random.default_rng(0)
    reject_se = np.std([np.subtract(*rests(resampler.integers(0, TEST_IMAGES, TEST_IMAGES)))
                        for _ in range(ensemble.BOOTSTRAP_RESAMPLES)], ddof=1)
    reject = rest["mc"] - rest["eval"]
    reject_verdict = "same" if abs(reject) <= 2 * reject_se else "better" if reject > 0 else "worse"
    measure = translate("theory.uncertainty_entropy", lang)
    commit(app, translate("theory.predict_gap", lang, measure=measure),
           gap_verdict if right else flipped(gap_verdict, ensemble.GAP_VERDICTS))
    commit(app, translate("theory.predict_reject", lang, fraction=0.2),
           reject_verdict if right else flipped(reject_verdict, ensemble.VERDICTS))
    assert verdicts(app, lang) == (["right", "right"] if right else ["wrong", "wrong"])
    assert len(app.image) == 12
    found = captions(app)
    assert f"{wrong.mean():.3f}" in found and f"{right_ones.mean():.3f}" in found and f"± {2 * gap_se:.3f}" in found
    assert f"{rest['mc']:.3f}" in found and f"{rest['eval']:.3f}" in found and f"± {2 * reject_se:.3f}" in found
    # Another measure is another question: asked again.
    app.radio(key="uncertainty").set_value("std").run()
    assert not app.image


@pytest.mark.parametrize("d, typed, expected", [(0.5, "1", "right"), (0.5, "0.5", "wrong"), (0.2, "0.25", "right"),
                                                (0.2, "0.16", "wrong")])
def test_the_variants_wait_for_the_variance_of_the_multiplier(app, d, typed, expected):
    # Var(m / (1 - d)) with m ~ Bernoulli(1 - d) is d / (1 - d): 1 at d = 0.5 (not d), 0.25 at d = 0.2 (not d (1 - d)).
    open_app_page(app, PAGE, section="variants", d=d, noise_seed=2)
    assert not app.table and not app.dataframe and not app.get("vega_lite_chart")
    commit(app, translate("theory.predict_variance", "en", d=d), typed)
    assert verdicts(app, "en") == [expected]
    measured = variants.measure_variant(variants.BERNOULLI, d, n=variants_section.VARIANT_SAMPLES, seed=2)
    places = variants_section.decimals(measured.variance_standard_error)  # the table's decimals
    assert f"Measured over 100,000 draws: {measured.measured_variance:.{places}f}." in captions(app)
    assert f"d / (1 − d) = {d / (1 - d):.{places}f}" in captions(app)
    assert app.get("vega_lite_chart")  # the variants' noise, revealed
    app.number_input(key="noise_seed").set_value(3).run()
    assert verdicts(app, "en") == [expected]  # a new seed measures the same variance again: no new question
    app.slider(key="d").set_value(0.3).run()
    assert verdicts(app, "en") == [] and not app.get("vega_lite_chart")  # a new d is a new question


@pytest.mark.parametrize("projector", [False, True])
def test_a_projector_puts_the_explanations_under_the_results(app, projector):
    # The room needs the section's numbers on its first screen; the lecturer says the explanation aloud.
    open_page(app, section="variants", projector=str(projector).lower())
    elements = list(app.main)

    def position(text_key: str) -> int:
        return next(i for i, e in enumerate(elements) if e.type == "markdown" and e.value == translate(text_key, "en"))

    table = next(i for i, e in enumerate(elements) if e.type in ("table", "dataframe"))  # html on a projector
    explanations = (position("theory.intro"), position("theory.variants_intro"))
    assert all((place > table) == projector for place in explanations), (explanations, table)


def test_without_dropout_the_passes_agree_and_no_gap_is_found(app, fashion_mnist):
    # Every pass is the full network: the mutual information is rounding (1e-16), not a finding.
    job = TrainingJob(replace(TINY, p1=0.0, p2=0.0), fashion_mnist)
    next(iter(job.trainers.values())).run()
    app.session_state["train_job"] = job
    open_app_page(app, PAGE, section="mc", uncertainty="mutual_information")
    measure = translate("theory.uncertainty_mutual_information", "en")
    commit(app, translate("theory.predict_gap", "en", measure=measure), "same")
    commit(app, translate("theory.predict_reject", "en", fraction=0.2), "same")
    assert verdicts(app, "en")[0] == "right"
    assert any(i.value == translate("theory.no_dropout_no_spread", "en") for i in app.info)
