"""The Compare page, driven through AppTest: saved runs without any data, selections, reading, uploads."""
import json
import re
import statistics
from dataclasses import replace

import pandas as pd
import pyarrow as pa
import pytest
from conftest import open_page, shown

from dropout_core.runtime import settings
from dropout_core.training import data as data_module
from dropout_core.training.records import (
    MAX_RECORD_BYTES,
    parse_run_record,
)
from dropout_core.training.saved_runs import (
    DEFAULT_DIR,
    load_saved_runs,
    run_path,
)
from dropout_core.training.summaries import RunOutcome, SettingSummary, spread, summarize_runs
from ui.compare.reading import per_run_line
from ui.compare.runs import records_to_json
from ui.i18n import translate
from ui.runs import MY_RUNS_KEY

SAVED_DIR = DEFAULT_DIR  # the committed saved runs
SMALL_RECORD = run_path(SAVED_DIR, "small", "p0.2-0.5", 1)


@pytest.fixture
def no_data(no_data, monkeypatch):
    """The shared no-data lecture hall, reading the committed saved runs."""
    monkeypatch.setenv(settings.CACHED_RUNS, str(SAVED_DIR))


def open_compare(app, **query):
    """The Compare page opened from a link with these parameters, prediction prompts off unless the link says
    otherwise: these tests read the curves (the prediction tests at the end answer first)."""
    return open_page(app, "pages/compare.py", **{"predict": "false", **query})


def charts(app) -> list[dict]:
    """The Vega-Lite specs of the page's charts."""
    return [json.loads(chart.proto.spec) for chart in app.get("vega_lite_chart")]


def chart_rows(app) -> dict[str, pd.DataFrame]:
    """Each chart's title, with the rows of its curves (group, metric, epoch, mean, low, high, runs)."""
    rows = {}
    for chart in app.get("vega_lite_chart"):
        title = json.loads(chart.proto.spec)["title"]["text"]
        rows[title] = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_pandas()
    return rows


def subtitles(app) -> dict[str, str]:
    """Each chart's title, with its subtitle's lines joined by " | "."""
    return {spec["title"]["text"]: " | ".join(spec["title"]["subtitle"]) for spec in charts(app)}


def groups_by_chart(app) -> dict[str, list[str]]:
    """Each chart's title, with the groups its colour scale lists."""
    return {spec["title"]["text"]: spec["layer"][0]["encoding"]["color"]["scale"]["domain"] for spec in charts(app)}


GAP_TITLE = "generalization gap (train eval − test accuracy)"


def reading(app) -> list[str]:
    """The reading's line for each setting."""
    return [md.value for md in app.markdown if md.value.startswith("- **") and "(runs: " in md.value]


def paired_lines(app) -> list[str]:
    """The reading's seed-by-seed comparisons, one line per setting after the first."""
    return [md.value for md in app.markdown if md.value.startswith("- **") and "(runs: " not in md.value]


SAVED = ["p1 = 0, p2 = 0", "p1 = 0.2, p2 = 0.5", "p1 = 0.5, p2 = 0.5"]


def test_opens_from_the_saved_runs_without_any_data(app, no_data):
    open_compare(app)
    assert not app.error and not app.warning
    assert groups_by_chart(app) == {"test accuracy": SAVED, "test loss": SAVED, GAP_TITLE: SAVED}
    assert data_module._cache == {}  # nothing tried to read Fashion-MNIST
    assert app.button_group(key="settings").value == ["p0-0", "p0.2-0.5", "p0.5-0.5"]


def test_selection_changes_the_charts_and_the_link(app, no_data):
    open_compare(app)
    app.selectbox(key="experiment").set_value("small").run()
    app.button_group(key="settings").set_value(["p0-0", "p0.5-0.5"]).run()
    app.button_group(key="metrics").set_value(["train_loss"]).run()
    assert not app.exception
    groups = [SAVED[0], SAVED[2]]
    assert groups_by_chart(app) == {"train loss (dropout on)": groups, GAP_TITLE: groups}
    small = [run.record for run in load_saved_runs(SAVED_DIR).runs if run.experiment == "small"]
    epochs, seeds = small[0].config.epochs, len({record.config.seed for record in small})
    rows = chart_rows(app)["train loss (dropout on)"]
    assert set(rows["metric"]) == {"train_loss"} and rows["epoch"].max() == epochs and rows["runs"].max() == seeds
    assert any(f"{epochs} epochs, {seeds} seeds" in option for option in app.selectbox(key="experiment").options)
    assert dict(app.query_params) == {"experiment": "small", "settings": "p0-0,p0.5-0.5", "metrics": "train_loss",
                                      "predict": "false"}


def test_band_and_smoothing_are_labelled_on_the_chart(app, no_data):
    open_compare(app, band="std", smooth="5")
    assert subtitles(app)["test accuracy"] == ("line: mean over runs · band: mean ± 1 standard deviation"
                                               " | SMOOTHED: moving average over 5 epochs")
    assert any("moving average over 5 epochs" in w.value for w in app.warning)
    app.radio(key="band").set_value("range")
    app.select_slider(key="smooth").set_value(1).run()
    assert subtitles(app)["test accuracy"] == "line: mean over runs · band: lowest to highest run | raw values"
    assert not app.warning


@pytest.mark.parametrize("experiment", ["d2l", "small", "long"])
def test_the_reading_gives_the_summaries_numbers(app, no_data, experiment):
    open_compare(app, experiment=experiment)
    saved = load_saved_runs(SAVED_DIR)
    lines = reading(app)
    assert len(lines) == 3
    for name, setting, line in zip(SAVED, ["p0-0", "p0.2-0.5", "p0.5-0.5"], lines, strict=True):
        records = [run.record for run in saved.runs if run.experiment == experiment and run.setting == setting]
        summary = summarize_runs(records)
        assert line.startswith(f"- **{name}** (runs: {len(records)})")
        final = summary.final_test_acc
        if final.count > 1:
            assert f"final test accuracy {final.mean:.3f} ± {final.std:.3f} ({final.low:.3f} to {final.high:.3f}, " \
                f"median {final.median:.3f})" in line
        assert f"best test accuracy {summary.best_test_acc.mean:.3f}" in line
        assert f"gap at the last epoch {summary.final_gap.mean:.3f}" in line
        assert f"lowest at epoch {', '.join(map(str, summary.lowest_test_loss_epochs))};" in line
        if 0 < final.count < len(records):
            assert f"over the {final.count} runs that did not diverge" in line
        if summary.diverged_epochs:
            assert f"{len(summary.diverged_epochs)} of {len(records)} runs diverged" in line
        else:
            assert "no run diverged" in line
        if summary.collapsed:
            assert f"{len(summary.collapsed)} of {len(records)} runs collapsed" in line
        else:
            assert "no run collapsed" in line
    assert len(paired_lines(app)) == 2 and not any("every run" in line for line in paired_lines(app))


def test_the_d2l_reading_names_the_collapse_and_finds_no_dropout_effect(app, no_data):
    """In the saved d2l runs, p = 0 seed 2 collapses in epochs 9-10 (test accuracy 0.192, then 0.463): its mean
    final accuracy 0.779 is 7 points below the dropout runs' only because of that run, and seed by seed the
    difference is within the noise (best accuracies: 0.858 against 0.858)."""
    open_compare(app, experiment="d2l")
    no_dropout = reading(app)[0]
    assert "1 of 5 runs collapsed: seed 2 at epochs 9–10, still collapsed at its last epoch" in no_dropout
    assert "0.779 ± 0.177" in no_dropout and "median 0.852" in no_dropout
    texts = [md.value for md in app.markdown]
    dragged = [text for text in texts if text.strip().startswith("- The mean final test accuracy (0.779)")]
    assert dragged and "seed 2 0.463 / 0.850" in dragged[0]
    for line in paired_lines(app):
        # Final accuracy, p 0.2/0.5 minus p 0, per seed: -0.005 -0.034 +0.390 +0.005 -0.010; mean +0.069, interval
        # +0.069 ± 2.776 × 0.180 / √5 = -0.154 to +0.293: within the noise.
        assert "within the seed-to-seed noise" in line
        assert "At seed 2 a run is still collapsed at its last epoch" in line
        assert "the interval lies above 0" not in line and "lies below 0" not in line
    assert "Final test accuracy +0.069 on average over 5 seeds (median -0.005" in paired_lines(app)[0]


def own_runs(app) -> dict:
    """The learner's runs kept in the session (none before any was kept)."""
    try:
        return app.session_state[MY_RUNS_KEY]
    except KeyError:
        return {}


def upload(app, name: str, content: bytes):
    """Put one file in the page's uploader and rerun."""
    app.file_uploader(key="uploads").set_value((name, content, "application/json")).run()
    assert not app.exception
    return app


def without_epochs() -> str:
    """A valid record with nothing to show: stopped before its first epoch (its summary then has no values)."""
    record = parse_run_record(SMALL_RECORD.read_bytes())
    return replace(record, status="stopped", epochs=()).to_json()


BAD_UPLOADS = {
    "not JSON": (lambda: b"{not json", "not valid JSON"),
    "newer version": (lambda: json.dumps({**json.loads(SMALL_RECORD.read_text()), "version": 4}).encode(),
                      "version 4 is not supported"),
    "too large": (lambda: b" " * (MAX_RECORD_BYTES + 1), "a run record is at most 2,000,000 bytes"),
    "another format": (lambda: json.dumps({"format": "something else"}).encode(), "not a Dropout Explorer run record"),
    "a list with a bad run": (lambda: b"[" + SMALL_RECORD.read_bytes() + b", {}]", "run 2 of 2:"),
    "no epochs": (lambda: without_epochs().encode(), "no finished epoch"),
}


@pytest.mark.parametrize("kind", BAD_UPLOADS)
def test_a_bad_upload_is_refused_and_nothing_else_breaks(app, no_data, kind):
    make_content, message = BAD_UPLOADS[kind]
    content = make_content()
    open_compare(app)
    upload(app, "bad.json", content)
    assert any(shown(e.value).startswith("bad.json was not added:") and message in shown(e.value) for e in app.error)
    assert len(charts(app)) == 3 and len(reading(app)) == 3
    assert own_runs(app) == {}


def test_a_good_upload_joins_your_runs_and_is_shown(app, no_data):
    open_compare(app)
    upload(app, "mine.json", SMALL_RECORD.read_bytes())
    record = parse_run_record(SMALL_RECORD.read_bytes())
    assert any(shown(s.value) == f"Added mine.json: {record.label}." for s in app.success)
    assert list(own_runs(app).values()) == [record]
    assert app.button_group(key="settings").value == ["p0-0", "p0.2-0.5", "p0.5-0.5", "mine1"]
    # The small experiment's setting, in words: its learning rate, batch and images differ from d2l's.
    your_group = "Your runs: p1 = 0.2, p2 = 0.5, learning rate 0.1, batch 32, 2,000 images"
    assert groups_by_chart(app)["test accuracy"] == [*SAVED, your_group]
    assert any(line.startswith(f"- **{your_group}** (runs: 1)") for line in reading(app))


def test_the_pages_own_json_download_can_be_uploaded_back(app, no_data):
    records = [parse_run_record(run_path(SAVED_DIR, "small", setting, 1).read_bytes())
               for setting in ("p0-0", "p0.2-0.5")]
    open_compare(app)
    upload(app, "runs.json", records_to_json(records).encode())
    assert sorted(own_runs(app).values(), key=lambda r: r.label) == sorted(records, key=lambda r: r.label)


def test_runs_from_the_train_page_appear_as_their_own_group(app, no_data):
    record = parse_run_record(SMALL_RECORD.read_bytes())
    stopped = replace(record, status="stopped", epochs=record.epochs[:5], label="my stopped run")
    app.session_state[MY_RUNS_KEY] = {("job", stopped.label): stopped}
    open_compare(app, settings="mine1", metrics="test_acc")
    your_group = ["Your runs: p1 = 0.2, p2 = 0.5, learning rate 0.1, batch 32, 2,000 images"]
    assert groups_by_chart(app) == {"test accuracy": your_group, GAP_TITLE: your_group}
    assert len(reading(app)) == 1


def test_losses_are_on_a_log_scale_unless_switched_off(app, no_data):
    open_compare(app)
    specs = {spec["title"]["text"]: spec for spec in charts(app)}
    assert specs["test loss"]["layer"][1]["encoding"]["y"]["scale"] == {"type": "log"}
    assert subtitles(app)["test loss"].endswith(" | raw values · log scale")
    assert "log scale" not in subtitles(app)["test accuracy"]
    app.toggle(key="log").set_value(False).run()
    specs = {spec["title"]["text"]: spec for spec in charts(app)}
    assert specs["test loss"]["layer"][1]["encoding"]["y"]["scale"] == {"zero": False}
    assert app.query_params["log"] == "false"


def test_every_chart_marks_the_collapsed_epochs_and_names_the_run(app, no_data):
    """d2l, p = 0, seed 2: test accuracy 0.8496 at epoch 6, then 0.1922 and 0.4634 in epochs 9 and 10."""
    open_compare(app, experiment="d2l", metrics="test_acc,test_loss,train_acc")
    for chart in app.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        markers = [layer for layer in spec["layer"] if layer["mark"].get("shape") == "triangle-down"]
        assert len(markers) == 1, spec["title"]["text"]
        tooltip = [field["field"] for field in markers[0]["encoding"]["tooltip"]]
        assert tooltip[:2] == ["run", "epoch"]
        tables = [pa.ipc.open_stream(dataset.data.data).read_pandas() for dataset in chart.proto.datasets]
        points = next(table for table in tables if "run" in table.columns and "value" in table.columns)
        assert points["run"].tolist() == ["d2l: p1=0, p2=0, seed=2"] * 2 and points["epoch"].tolist() == [9, 10]
        if spec["title"]["text"] == "test accuracy":
            assert points["value"].round(4).tolist() == [0.1922, 0.4634]
    assert any("Triangles mark the epochs where a run had collapsed" in caption.value for caption in app.caption)


def test_the_chinese_reading_parts_its_runs_with_chinese_semicolons(app, no_data):
    """Each run's values and each collapsed run carry commas of their own: "；" between them, as Chinese writes it."""
    open_compare(app, experiment="long", lang="zh")
    no_dropout = next(md.value for md in app.markdown if md.value.startswith("- **p1 = 0，p2 = 0**（"))
    per_run = next(md.value for md in app.markdown if md.value.strip().startswith("- 平均最终测试准确率"))
    assert "；" in no_dropout and "；" in per_run and "; " not in no_dropout + per_run, (no_dropout, per_run)


def test_the_long_reading_flags_the_run_that_ends_collapsed(app, no_data):
    """long, p = 0: seed 0 diverges at epoch 42 (best 0.888); seed 1 ends at 0.659 against its best 0.868, a fall of
    0.209, so it is still collapsed at its last epoch; seed 2 collapsed in epochs 9-11 and recovered to 0.838."""
    open_compare(app, experiment="long")
    no_dropout = reading(app)[0]
    assert "2 of 3 runs collapsed: seed 1 at epochs 13, 15, 30–32" in no_dropout
    assert "still collapsed at its last epoch; seed 2 at epochs 9–11, then recovered" in no_dropout
    per_run = next(md.value for md in app.markdown if md.value.strip().startswith("- The mean final test accuracy"))
    assert "seed 0 diverged / 0.888; seed 1 0.659 / 0.868; seed 2 0.838 / 0.870" in per_run
    # Of the two runs that did not diverge, the mean (0.749) is the median: nothing is said to pull it down.
    assert "(0.749) includes runs still collapsed at the end (1 of 2)" in per_run and "pulled" not in per_run


def test_a_run_collapsed_at_the_end_is_said_to_pull_the_mean_down_where_it_does():
    """Finals 0.84, 0.86 and 0.40 (still collapsed at its last epoch): mean 0.700 below the median 0.840."""
    sound = [RunOutcome(f"run {seed}", seed, final, final, (), False) for seed, final in ((0, 0.84), (1, 0.86))]
    collapsed = RunOutcome("run 2", 2, 0.40, 0.85, (3,), True)
    summary = SettingSummary(3, spread([0.84, 0.86, 0.40]), spread([0.84, 0.86, 0.85]), spread([0.0] * 3),
                             spread([0.4] * 3), (3, 3, 2), (), (*sound, collapsed))
    line = per_run_line(summary)
    assert line.startswith("The mean final test accuracy (0.700) is pulled down by the runs still collapsed at the "
                           "end (1 of 3): the median is 0.840.")


def test_one_pair_of_runs_is_never_called_a_difference(app, no_data):
    """An uploaded run that shares seed 0 and the rest of its setting with the saved d2l runs (only p differs):
    against p = 0 it is one pair, which the reading reports as a single difference within the noise."""
    saved = parse_run_record(run_path(SAVED_DIR, "d2l", "p0.2-0.5", 0).read_bytes())
    mine = replace(saved, config=replace(saved.config, p1=0.3), label="mine")
    open_compare(app, experiment="d2l")
    upload(app, "mine.json", mine.to_json().encode())
    line = next(line for line in paired_lines(app) if line.startswith("- **Your runs"))
    # Final test accuracy: 0.8665 (seed 0, p 0.2/0.5) minus 0.8713 (seed 0, p = 0) = -0.0048.
    assert "Final test accuracy -0.005 for the one seed both ran (seed 0): a single pair of runs cannot tell" in line
    assert "every run" not in line and "interval lies" not in line


def test_runs_of_very_different_lengths_are_said_to_share_one_axis(app, no_data):
    """A small-data run of 200 epochs beside d2l's saved runs of 10: the d2l curves fill the axis's first twentieth,
    and the page says why; d2l's runs alone say nothing."""
    open_compare(app, experiment="d2l")
    assert not [i.value for i in app.info if "differ in length" in i.value]
    upload(app, "small.json", SMALL_RECORD.read_bytes())
    (notice,) = [i.value for i in app.info if "differ in length" in i.value]
    epochs = len(parse_run_record(SMALL_RECORD.read_bytes()).epochs)
    assert f"ran {epochs} epochs" in notice and "p1 = 0, p2 = 0** 10" in notice, notice


def test_runs_of_another_noise_are_another_setting(app, no_data):
    """Dropout and Gaussian noise at the same p, seed and data: two settings, not one curve averaged over both."""
    dropout = parse_run_record(run_path(SAVED_DIR, "d2l", "p0.2-0.5", 0).read_bytes())
    gaussian = replace(dropout, config=replace(dropout.config, noise="gaussian"), label="gaussian")
    open_compare(app, experiment="d2l")
    upload(app, "noises.json", records_to_json([dropout, gaussian]).encode())
    mine = [option for option in app.button_group(key="settings").options if option.startswith("Your runs")]
    assert len(mine) == 2, mine


def test_a_paired_run_is_read_against_its_own_twin(app, no_data):
    """A paired run on 1,000 images (the chosen setting and its p = 0 twin, seed 0) pairs with no saved run of
    60,000: the reading subtracts the learner's own twin, not the saved p = 0 it cannot pair with."""
    def small(setting: str, label: str):
        record = parse_run_record(run_path(SAVED_DIR, "d2l", setting, 0).read_bytes())
        return replace(record, config=replace(record.config, train_size=1000),
                       data=replace(record.data, train_size=1000), label=label)

    chosen, twin = small("p0.2-0.5", "chosen"), small("p0-0", "twin")
    open_compare(app, experiment="d2l")
    upload(app, "paired.json", records_to_json([chosen, twin]).encode())
    mine = [line for line in paired_lines(app) if line.startswith("- **Your runs")]
    # Only the chosen setting gets a line; the twin, without dropout, is a baseline. Final test accuracy: 0.8665
    # (seed 0, p 0.2/0.5) minus 0.8713 (seed 0, p = 0) = -0.005.
    assert len(mine) == 1, paired_lines(app)
    twin_name = "Your runs: p1 = 0, p2 = 0, 1,000 images"
    assert f"− **{twin_name}**:" in mine[0]
    assert "Final test accuracy -0.005 for the one seed both ran (seed 0)" in mine[0]
    # The saved settings are still read against the saved runs without dropout.
    saved_lines = [line for line in paired_lines(app) if not line.startswith("- **Your runs")]
    assert [line.split(":")[0] for line in saved_lines] == [
        f"- **{SAVED[1]}** − **{SAVED[0]}**", f"- **{SAVED[2]}** − **{SAVED[0]}**"]


# --- predict, then see ------------------------------------------------------------------------------------------
SETTINGS = ["p0-0", "p0.2-0.5", "p0.5-0.5"]


def final_values(experiment: str, field: str) -> dict[str, list[float]]:
    """Each saved setting's final values of field, read straight from its runs' last epochs (diverged runs, whose
    last epoch measured broken weights, left out): test accuracy, or train (eval mode) minus test accuracy."""
    values = {}
    for setting in SETTINGS:
        records = [run.record for run in load_saved_runs(SAVED_DIR).runs
                   if run.experiment == experiment and run.setting == setting and run.record.status != "diverged"]
        last = [record.epochs[-1] for record in records]
        values[setting] = [e.test_acc if field == "acc" else e.train_acc_eval - e.test_acc for e in last]
    return values


def expected_verdict(values: dict[str, list[float]], answer: str) -> str:
    """right, wrong or noise, computed here: the highest median is clear when no other setting's lowest-to-highest
    range overlaps its own."""
    median = {setting: statistics.median(v) for setting, v in values.items()}
    top = max(median, key=median.get)
    tied = {setting for setting, v in values.items() if setting != top and max(v) >= min(values[top])}
    if answer in tied or (answer == top and tied):
        return "noise"
    return "right" if answer == top else "wrong"


def predict_field(app, lang, question: str):
    """The radio of the question with this key ("compare.predict_acc" or "compare.predict_gap")."""
    return next(r for r in app.radio if r.label == translate(question, lang))


def commit_choice(app, lang, question: str, answer: str) -> None:
    field = predict_field(app, lang, question)
    field.set_value(answer)
    app.button(key=field.key.replace("predict_input_", "predict_commit_", 1)).click().run()
    assert not app.exception, [e.value for e in app.exception]


# Each experiment's saved runs, an answer to each question, and between them every kind of verdict.
CASES = [("en", "small", "p0.5-0.5", "p0-0"), ("zh", "long", "p0-0", "p0.2-0.5"), ("en", "long", "p0.2-0.5", "p0-0"),
         ("zh", "d2l", "p0.5-0.5", "p0.5-0.5")]


def test_the_cases_cover_every_verdict():
    found = {expected_verdict(final_values(experiment, field), answer)
             for _, experiment, acc, gap in CASES for field, answer in (("acc", acc), ("gap", gap))}
    assert found == {"right", "wrong", "noise"}


@pytest.mark.parametrize("lang, experiment, acc, gap", CASES)
def test_the_curves_wait_for_both_predictions_and_each_verdict_is_the_runs(app, no_data, monkeypatch, lang,
                                                                           experiment, acc, gap):
    monkeypatch.setattr("ui.i18n.current_language", lambda: lang)  # AppTest formats options outside any run
    open_page(app, "pages/compare.py", lang=lang, experiment=experiment)
    assert not charts(app) and translate("predict.hidden", lang) in [c.value for c in app.caption]
    commit_choice(app, lang, "compare.predict_acc", acc)
    assert not charts(app)  # one answer of two
    commit_choice(app, lang, "compare.predict_gap", gap)
    assert len(charts(app)) == 3
    assert [h.value for h in app.subheader if h.value == translate("compare.reading", lang)]
    for field, answer, yours in (("acc", acc, "compare.predict_acc_yours"), ("gap", gap, "compare.predict_gap_yours")):
        verdict = expected_verdict(final_values(experiment, field), answer)
        (column,) = [c for c in app.columns if any(translate(yours, lang, name="") in md.value for md in c.markdown)]
        line = "\n".join(md.value for md in column.markdown)
        notes = "\n".join(c.value for c in column.caption)
        assert ("✓" in line, "✗" in line) == (verdict == "right", verdict == "wrong"), (field, line)
        assert (verdict == "noise") == ((translate("compare.predict_noise", lang, values="")[:8]) in notes), notes


def test_one_setting_asks_nothing_and_another_selection_asks_again(app, no_data):
    open_page(app, "pages/compare.py", experiment="small", settings="p0-0")
    assert len(charts(app)) == 3  # nothing to compare: no question, the curves at once
    assert not [r for r in app.radio if r.key and r.key.startswith("predict_input_")]
    app.button_group(key="settings").set_value(["p0-0", "p0.5-0.5"]).run()
    assert not charts(app)
    commit_choice(app, "en", "compare.predict_acc", "p0-0")
    commit_choice(app, "en", "compare.predict_gap", "p0-0")
    assert len(charts(app)) == 3
    app.button_group(key="settings").set_value(["p0.2-0.5", "p0.5-0.5"]).run()
    assert not charts(app)  # new settings: asked again
    assert not any("p0" in value and "predict" in key for key, value in app.query_params.items())


@pytest.mark.parametrize("experiment", ["d2l", "small", "long"])
def test_no_number_in_the_reading_is_a_negative_zero(app, no_data, experiment):
    # A difference of -0.0002 rounds to 0.000: "-0.000" would claim a sign the number shown does not have.
    open_compare(app, experiment=experiment)
    text = "\n".join(md.value for md in app.markdown)
    assert "on average over" in text  # the seed-by-seed lines, where the differences are
    assert not re.search(r"-0\.0+(?!\d*[1-9])", text), re.findall(r".{40}-0\.0+\b.{10}", text)
