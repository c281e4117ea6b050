"""The Exercises page through AppTest: each exercise asks first, then shows saved runs and a reading computed from
them; the verdicts are checked against the saved runs read independently of the page."""
import json
import re
import statistics

import numpy as np
import pyarrow as pa
import pytest
import torch
from conftest import APP_TIMEOUT_S, REPO_ROOT
from conftest import open_page as open_app_page

from dropout_core.theory import ensemble, lab_network
from dropout_core.training.saved_runs import load_saved_runs
from ui.theory_lab.average import T_MAX

PAGE = "pages/exercises.py"
SECTIONS = ("drop_rates", "epochs", "activations", "test_time", "weight_decay", "dropconnect", "noises")
SAVED_RUN_SECTIONS = tuple(section for section in SECTIONS if section != "test_time")


@pytest.fixture(scope="module")
def saved():
    return load_saved_runs()


def finals(saved, experiment: str, setting: str, seeds=None) -> dict[int, float]:
    """Final test accuracy by seed of one saved setting, read straight from the records."""
    return {run.seed: run.record.epochs[-1].test_acc for run in saved.runs
            if (run.experiment, run.setting) == (experiment, setting) and (seeds is None or run.seed in seeds)}


def open_page(app, **link):
    return open_app_page(app, PAGE, **link)


def texts(app) -> str:
    return "\n".join(md.value for md in app.markdown)


def commit(app, key: str, answer: str):
    app.radio(key=f"predict_input_{key}").set_value(answer)
    app.button(key=f"predict_commit_{key}").click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("section", SAVED_RUN_SECTIONS)
def test_every_exercise_shows_its_runs_and_reading_with_prompts_off(app, section, lang):
    open_page(app, exercise=section, lang=lang, predict="false")
    assert app.title[0].value == ("Exercises" if lang == "en" else "练习")
    assert app.segmented_control(key="exercise").value == section
    assert app.get("arrow_vega_lite_chart") or app.get("vega_lite_chart")
    assert not app.info, [info.value for info in app.info]  # every saved run it needs is there
    assert not any(radio.key and radio.key.startswith("predict_input_") for radio in app.radio)


# The sentence each exercise reads off its runs, by the words it starts with.
READINGS = {"epochs": "The runs do not decide", "weight_decay": "Change in final test accuracy",
            "dropconnect": "DropConnect against dropout",
            "noises": "Highest median final test accuracy"}


@pytest.mark.parametrize("projector", [False, True])
@pytest.mark.parametrize("section", list(READINGS))
def test_a_projector_shows_an_exercises_charts_before_its_reading(app, section, projector):
    # The room needs the runs' curves on its first screen; the lecturer reads the sentence out.
    open_page(app, exercise=section, predict="false", projector=str(projector).lower())
    elements = list(app.main)
    chart = next(i for i, e in enumerate(elements) if e.type in ("vega_lite_chart", "arrow_vega_lite_chart"))
    reading = next(i for i, e in enumerate(elements) if e.type == "markdown" and e.value.startswith(READINGS[section]))
    assert (chart < reading) == projector, (chart, reading)


@pytest.mark.parametrize("section", SAVED_RUN_SECTIONS)
def test_nothing_is_shown_before_the_prediction(app, section):
    open_page(app, exercise=section)
    assert any(radio.key and radio.key.startswith("predict_input_") for radio in app.radio)
    assert not (app.get("arrow_vega_lite_chart") or app.get("vega_lite_chart"))


def test_the_swap_verdict_follows_the_paired_runs(app, saved):
    d2l, swapped = finals(saved, "d2l", "p0.2-0.5", (0, 1, 2)), finals(saved, "drop_rates", "p0.5-0.2")
    differences = [swapped[seed] - d2l[seed] for seed in sorted(swapped)]
    mean, half = statistics.fmean(differences), 4.302653 * statistics.stdev(differences) / 3 ** 0.5
    expected = "same" if mean - half <= 0 <= mean + half else ("higher" if mean > 0 else "lower")
    wrong = next(answer for answer in ("higher", "lower", "same") if answer != expected)
    right_app = commit(open_page(app, exercise="drop_rates"), "exercise_drop_rates", expected)
    assert "✓" in texts(right_app), (expected, texts(right_app)[-800:])
    assert right_app.get("vega_lite_chart")
    app.button(key="predict_change_exercise_drop_rates").click().run()
    assert "✗" in texts(commit(app, "exercise_drop_rates", wrong))


@pytest.mark.parametrize("strength, key", [("0.001", "1e-03"), ("0.01", "1e-02")])
def test_the_weight_decay_verdict_follows_the_interaction_of_the_saved_runs(app, saved, strength, key):
    settings = (("small", "p0-0"), ("small", "p0.2-0.5"), ("weight_decay", f"p0-0-wd{strength}"),
                ("weight_decay", f"p0.2-0.5-wd{strength}"))
    neither, dropout, decay, both = (finals(saved, *setting) for setting in settings)
    per_seed = [both[s] - dropout[s] - decay[s] + neither[s] for s in sorted(neither)]
    mean, half = statistics.fmean(per_seed), 4.302653 * statistics.stdev(per_seed) / 3 ** 0.5
    low, high = mean - half, mean + half
    expected = ("overlaps" if high < 0 else "reinforces" if low > 0
                else "adds_up" if -0.005 <= low and high <= 0.005 else None)
    commit(open_page(app, exercise="weight_decay", decay=strength), f"exercise_weight_decay_{key}", "adds_up")
    reading = texts(app)
    assert f"weight decay {strength}" in "\n".join(caption.value for caption in app.caption)
    assert f"{low:+.4f}" in reading and f"{high:+.4f}" in reading
    assert all(f"seed {seed} {value:+.4f}" in reading for seed, value in zip(sorted(neither), per_seed))
    if expected is None:  # the runs decide nothing: the guess is neither right nor wrong
        assert "not decided by these runs" in reading and "✓" not in reading and "✗" not in reading
    else:
        assert ("✓" if expected == "adds_up" else "✗") in reading


def test_the_epochs_verdict_is_the_setting_with_the_largest_median_gap_where_the_seeds_decide(app, saved):
    """small: the largest median final gap is marked right only if no other setting's seeds overlap its own; they
    do (no dropout 0.1796-0.1856 against dropout 0.2 / 0.5 0.1789-0.1812), so no mark: "clear" had been said."""
    gaps = {setting: [run.record.epochs[-1].train_acc_eval - run.record.epochs[-1].test_acc
                      for run in saved.runs if (run.experiment, run.setting) == ("small", setting)
                      and run.record.status == "finished"]
            for setting in ("p0-0", "p0.2-0.5", "p0.5-0.5")}
    largest = max(gaps, key=lambda setting: statistics.median(gaps[setting]))
    clear = all(max(values) < min(gaps[largest]) for setting, values in gaps.items() if setting != largest)
    commit(open_page(app, exercise="epochs", runs="small"), "exercise_epochs_small", f"small/{largest}")
    assert ("✓" in texts(app)) == clear and "✗" not in texts(app)
    assert f"{statistics.median(gaps[largest]):.4f}" in texts(app)


def test_the_epochs_reading_names_the_runs_behind_each_median(app):
    """long, p = 0: seed 0 diverged at epoch 42 and seed 1 is still collapsed at epoch 50 (test accuracy 0.659), so
    its median gap comes from two runs, one of them broken."""
    open_page(app, exercise="epochs", runs="long", predict="false")
    reading = next(text for text in texts(app).split("\n") if "largest final gap" in text)
    assert "no dropout, no noise (p = 0) (median 0.0167; from 2 of its 3 runs: the rest diverged; seed 1 still " \
           "collapsed at its last epoch)" in reading
    assert "The runs do not decide which ends with the largest final gap: dropout 0.2 / 0.5 (median 0.0443)" \
           in reading


@pytest.mark.parametrize("answer", ["long/p0-0", "long/p0.2-0.5"])
def test_an_epochs_guess_is_not_marked_where_a_median_rests_on_broken_runs(app, answer):
    # long, p = 0: its median gap comes from 2 of 3 runs, one still collapsed at its end (the test above). The
    # textbook answer, no dropout, was marked wrong on the strength of that figure; the leader beside it was right.
    commit(open_page(app, exercise="epochs", runs="long"), "exercise_epochs_long", answer)
    reading = texts(app)
    assert "✓" not in reading and "✗" not in reading
    assert "The median of no dropout, no noise (p = 0) rests on runs that diverged or were still collapsed" in reading


def test_an_epochs_prediction_is_not_marked_where_the_seed_spread_cannot_tell(app, monkeypatch):
    # As if the seed spread could not tell the small experiment's no-dropout and 0.2 / 0.5 gaps apart.
    monkeypatch.setattr("ui.exercises.epochs.leading_settings", lambda gaps: tuple(gaps)[:2])
    commit(open_page(app, exercise="epochs", runs="small"), "exercise_epochs_small", "small/p0-0")
    reading = texts(app)
    assert "the runs do not decide which ends with the largest final gap: no dropout" in reading
    assert "✓" not in reading and "✗" not in reading


def test_missing_saved_runs_give_a_notice_naming_the_command(app, tmp_path, monkeypatch):
    monkeypatch.setenv("DROPOUT_EXPLORER_CACHED_RUNS", str(tmp_path))
    for section in SAVED_RUN_SECTIONS:
        open_page(app, exercise=section, predict="false")
        assert any("python -m dropout_core.cached_runs" in info.value for info in app.info), section


def test_a_bad_exercise_in_a_link_is_ignored_with_a_notice(app):
    open_page(app, exercise="8")
    assert app.segmented_control(key="exercise").value == "drop_rates"
    assert any("exercise" in warning.value for warning in app.warning)


def test_the_test_time_verdict_follows_paired_gaps_on_the_same_images(app, fashion_mnist):
    """Exercise 4 compares each way with the most accurate one image by image: an answer within two standard errors of
    that paired gap counts as right. The gaps are recomputed here from the lab's network and numpy."""
    model = lab_network.load_builtin_model(fashion_mnist.checksum)
    count = lab_network.TEST_SUBSET
    images, labels = fashion_mnist.test_images[:count], fashion_mnist.test_labels[:count].numpy()
    averages = ensemble.mc_average_metrics(model, images, labels=torch.as_tensor(labels), T_max=T_MAX, seed=0)
    with torch.no_grad():
        eval_predictions = model.eval()(images.reshape(count, -1).float().div(255)).argmax(dim=1).numpy()
    correct = {"eval": eval_predictions == labels, "one_pass": averages.first_probs.argmax(axis=1) == labels,
               "average": averages.arithmetic_probs.argmax(axis=1) == labels}
    best = max(correct, key=lambda answer: correct[answer].mean())

    def within_chance(answer) -> bool:
        gaps = correct[answer].astype(float) - correct[best].astype(float)
        return abs(gaps.mean()) <= 2 * gaps.std(ddof=1) / np.sqrt(count)

    tie = any(within_chance(answer) for answer in correct if answer != best)
    for answer in ("eval", "one_pass", "average"):
        commit(open_page(app, exercise="test_time"), "exercise_test_time", answer)
        assert ("✓" if answer == best or within_chance(answer) else "✗") in texts(app), answer
        assert f"the same {count:,} test images" in texts(app)  # a count read from the back row has its separator
        # A tie is the headline: "Most accurate here" above a right answer that is not the highest read as a
        # contradiction.
        assert ("Tied within chance at the top" in texts(app)) == tie and ("Most accurate here" in texts(app)) != tie
        app.button(key="predict_change_exercise_test_time").click().run()


@pytest.mark.parametrize("section", SAVED_RUN_SECTIONS)
def test_every_paired_interval_shows_the_side_of_0_its_sentence_names(app, section):
    # Weight decay's best test accuracy had the interval [0.00013, 0.0067], written "+0.000 to +0.007" beside "the
    # interval lies above 0".
    open_page(app, exercise=section, predict="false")
    found = re.findall(r"95% interval (\S+) to (\S+)\): the interval (contains 0|lies above 0|lies below 0)",
                       texts(app))
    assert found or section != "weight_decay"  # the case above is there
    for low, high, side in found:
        low, high = float(low), float(high)
        assert {"contains 0": low <= 0 <= high, "lies above 0": low > 0, "lies below 0": high < 0}[side], (low, high)


@pytest.mark.parametrize("grid, first_word", [("final_test_acc", "Highest"), ("final_gap", "Smallest")])
def test_the_grid_reading_names_the_ends_of_the_heatmap_it_sits_under(app, grid, first_word):
    # With the colour set to the gap, the sentence under the heatmap spoke of test accuracy.
    open_page(app, exercise="drop_rates", grid=grid, predict="false")
    (chart,) = app.get("vega_lite_chart")
    (dataset,) = chart.proto.datasets  # the cells as the heatmap draws them
    cells = pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
    ordered = sorted(cells, key=lambda cell: cell[grid], reverse=grid == "final_test_acc")
    name = "p1 = {p1:g}, p2 = {p2:g}".format
    best, worst = name(p1=ordered[0]["p1"], p2=ordered[0]["p2"]), name(p1=ordered[-1]["p1"], p2=ordered[-1]["p2"])
    assert re.search(rf"{first_word} median final [^:]*: {re.escape(best)} \({ordered[0][grid]:.4f}\); "
                     rf"(lowest|largest): {re.escape(worst)} \({ordered[-1][grid]:.4f}\)", texts(app)), texts(app)


T_975 = {2: 4.302653, 4: 2.776445}  # Student's t, 97.5th percentile, by degrees of freedom (tables)


def test_a_noise_clearly_below_the_best_is_marked_wrong_one_within_its_noise_is_not_marked(app, saved):
    # With the two best within the seed noise of each other, no guess was marked: DropConnect too, whose runs end
    # clearly lower seed by seed.
    settings = [("d2l", "p0.2-0.5"), ("noise", "p0.2-0.5-gaussian"), ("noise", "p0.2-0.5-dropconnect"),
                ("noise", "p0.2-0.5-additive"), ("d2l", "p0-0")]
    by_seed = {setting: finals(saved, experiment, setting) for experiment, setting in settings}
    best = max(by_seed, key=lambda key: statistics.median(by_seed[key].values()))

    def clearly_below(key: str) -> bool:
        seeds = sorted(set(by_seed[best]) & set(by_seed[key]))
        differences = [by_seed[best][seed] - by_seed[key][seed] for seed in seeds]
        half = T_975[len(seeds) - 1] * statistics.stdev(differences) / len(seeds) ** 0.5
        return statistics.fmean(differences) - half > 0

    below = [key for key in by_seed if key != best and clearly_below(key)]
    tied = [key for key in by_seed if key != best and not clearly_below(key)]
    assert below, "the case this test is about: a setting clearly below the best"
    ids = {setting: f"{experiment}/{setting}" for experiment, setting in settings}  # the options' ids
    open_page(app, exercise="noises")
    for key, mark in [(below[0], "✗"), *((key, None) for key in tied[:1])]:
        answered = commit(app, "exercise_noises", ids[key])
        verdicts = [shown for shown in ("✓", "✗") if shown in texts(answered)]
        assert verdicts == ([mark] if mark else []), (key, texts(answered)[:400])
        app.button(key="predict_change_exercise_noises").click().run()


def test_the_dropconnect_verdict_shows_the_difference_it_rests_on(app, saved):
    """Exercise 6 marks the guess by DropConnect minus dropout, seed by seed; that number is on the page (every other
    reading there compares with no dropout). Recomputed here from the saved runs' last epochs."""
    def finals(experiment, setting):
        return {run.record.config.seed: run.record.epochs[-1].test_acc for run in saved.runs
                if (run.experiment, run.setting) == (experiment, setting) and run.record.status == "finished"}

    dropconnect, dropout = finals("noise", "p0.2-0.5-dropconnect"), finals("d2l", "p0.2-0.5")
    mean = statistics.fmean(dropconnect[seed] - dropout[seed] for seed in dropconnect.keys() & dropout.keys())
    commit(open_page(app, exercise="dropconnect"), "exercise_dropconnect", "lower")
    line = next(text for text in texts(app).split("\n") if text.startswith("DropConnect against dropout"))
    assert f"Final test accuracy {mean:+.3f}" in line, line


def group_colours(app) -> dict[str, str]:
    """Each group's colour on the first chart of runs, by its name in the legend."""
    for chart in app.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        scale = spec.get("layer", [{}])[0].get("encoding", {}).get("color", {}).get("scale", {})
        if "domain" in scale:  # without a range of its own, the configured palette in order
            colours = scale.get("range") or spec["config"]["range"]["category"][:len(scale["domain"])]
            return dict(zip(scale["domain"], colours, strict=True))
    raise AssertionError("no chart of runs")


def test_the_books_settings_keep_their_colours_from_exercise_to_exercise():
    """No dropout, d2l's rates and DropConnect each keep one colour wherever they are drawn (by position, no dropout
    was blue in one exercise and dropout in the next)."""
    from streamlit.testing.v1 import AppTest

    books = ("no dropout, no noise (p = 0)", "dropout 0.2 / 0.5", "DropConnect 0.2 / 0.5")
    seen, others = {name: set() for name in books}, set()
    for exercise in ("epochs", "dropconnect", "noises", "weight_decay"):  # each in a session of its own
        app = AppTest.from_file(str(REPO_ROOT / "explorer.py"), default_timeout=APP_TIMEOUT_S)
        open_page(app, exercise=exercise, predict="false")
        for name, colour in group_colours(app).items():
            (seen[name] if name in books else others).add(colour)
    assert all(len(colours) == 1 for colours in seen.values()), seen
    assert len(set.union(*seen.values())) == len(books), seen
    # No dropout's and d2l's colours are never another group's (six colours: the others share the rest).
    assert not others & (seen[books[0]] | seen[books[1]]), (seen, others)
