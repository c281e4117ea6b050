"""The Train live page, driven through AppTest with a tiny configuration."""
import math

import pytest
from conftest import APP_TIMEOUT_S, REPO_ROOT
from streamlit.testing.v1 import AppTest

from dropout_core.runtime.slots import process_slots
from dropout_core.training.config import TrainConfig
from dropout_core.training.outcomes import TRAIN_TEST_ORDERS
from ui.runs import MY_RUNS_KEY, run_words, setting_words
from ui.train_live.replay import REPLAY_KEY, REPLAY_S

TINY = {"epochs": "2", "train_size": "500", "batch": "128", "h1": "16", "h2": "16"}


def open_train(app, **query):
    """The Train page opened from a link with the tiny configuration (plus query)."""
    app.query_params.update({**TINY, **query})
    app.run()
    app.switch_page("pages/train.py").run()
    assert not app.exception
    return app


def click(app, label: str):
    """Click the button with this label and rerun."""
    next(b for b in app.button if b.label == label).click().run()
    assert not app.exception


def run_until_paused(app):
    """Wait for the job's worker to stop, then rerun as the page's timer would, so the page shows the outcome."""
    job = app.session_state["train_job"]
    job.join(timeout=APP_TIMEOUT_S)
    assert job.paused and not job.training, "the job did not pause"
    app.run()
    assert not app.exception
    return job


def test_settings_come_from_the_link(app):
    open_train(app)
    assert app.number_input(key="epochs").value == 2 and app.number_input(key="train_size").value == 500
    assert app.slider(key="p1").value == 0.2 and app.slider(key="p2").value == 0.5


def test_presets_set_the_experiments_of_the_saved_runs(app):
    open_train(app)
    click(app, "Small data (2,000 images, 200 epochs)")
    assert app.number_input(key="train_size").value == 2_000 and app.number_input(key="epochs").value == 200
    click(app, "No dropout")
    assert app.slider(key="p1").value == app.slider(key="p2").value == 0.0
    click(app, "d2l preset (0.2 / 0.5)")
    assert (app.slider(key="p1").value, app.slider(key="p2").value) == (0.2, 0.5)
    assert app.number_input(key="train_size").value == 60_000 and app.number_input(key="epochs").value == 10


def test_start_trains_to_the_end_and_hands_the_run_to_compare(app):
    open_train(app)
    click(app, "Start")
    job = run_until_paused(app)
    assert job.finished and not app.exception
    assert any(s.value == "Finished." for s in app.success)
    assert any("test accuracy" in md.value and "after epoch 2" in md.value for md in app.markdown)
    assert len(app.get("vega_lite_chart")) == 2  # the loss panel and the accuracy panel
    (record,) = app.session_state[MY_RUNS_KEY].values()
    assert record.status == "finished" and len(record.epochs) == 2


def test_a_run_that_ends_before_the_next_redraw_shows_finished_at_once(app):
    """The tiny run ends within a fraction of a second: the page run that the click on Start begins waits for it, and
    shows the outcome without a rerun of its own (AppTest never fires the redraw timer)."""
    open_train(app)
    click(app, "Start")
    assert any(s.value == "Finished." for s in app.success)
    assert not app.session_state["train_job"].training
    # Step now starts another run, and the finished one's curves leave the page: its label says so.
    assert [b.label for b in app.button if b.label.startswith("Step")] == ["Step a new run (one epoch)"]


def test_step_trains_one_epoch_and_stop_resume_continues_the_same_run(app):
    open_train(app)
    click(app, "Step (one epoch)")
    job = run_until_paused(app)
    assert job.epochs_done == 1 and not job.finished
    assert any("Paused at the end of epoch 1." in i.value for i in app.info)
    click(app, "Resume")
    job_after = run_until_paused(app)
    assert job_after is job and job.finished and job.epochs_done == 2


def test_stop_keeps_the_run_so_far(app):
    open_train(app, epochs="50", train_size="60000")  # far more than one slice of training
    click(app, "Start")
    click(app, "Stop")
    job = app.session_state["train_job"]
    assert job.paused and job.images_done() > 0
    assert any(b.label == "Resume" and not b.disabled for b in app.button)
    done = job.trainers["chosen"].batches_per_epoch - job.trainers["chosen"].batches_left_in_epoch
    percent = 100 * done / job.trainers["chosen"].batches_per_epoch
    assert any(f"Stopped after {percent:.0f} % of epoch 1." in i.value for i in app.info)
    # A stopped run's progress line gives the speed it trained at, not a time left that does not run down.
    (progress,) = app.get("progress")
    assert "trained at" in progress.proto.text and "left" not in progress.proto.text, progress.proto.text


def test_the_same_run_trained_again_is_kept_once(app):
    """Start twice with the same settings retraces the same run: Compare must not count it as two seeds (it read
    "runs: 2, ± 0.000" and could pair neither with the twin)."""
    open_train(app)
    for _ in range(2):
        click(app, "Start")
        run_until_paused(app)
    assert len(app.session_state[MY_RUNS_KEY]) == 1
    app.number_input(key="train_seed").set_value(1).run()
    click(app, "Start")
    run_until_paused(app)
    assert sorted(record.config.seed for record in app.session_state[MY_RUNS_KEY].values()) == [0, 1]


def test_paired_run_trains_both_and_keeps_both(app):
    open_train(app, paired="true")
    click(app, "Start")
    job = run_until_paused(app)
    assert len(job.trainers) == 2 and job.finished
    assert len(app.session_state[MY_RUNS_KEY]) == 2
    # Each run's download and record name it whole: the twin's images and seed too, not only "p1 = 0, p2 = 0".
    labels = sorted(record.label for record in app.session_state[MY_RUNS_KEY].values())
    tiny = "batch 128, hidden 16×16, 500 images, seed 0"
    assert labels == [f"p1 = 0, p2 = 0, {tiny} (paired)", f"p1 = 0.2, p2 = 0.5, {tiny}"]
    downloads = [b.label for b in app.get("download_button")]
    assert f"Download run (JSON): p1 = 0, p2 = 0, {tiny} (paired)" in downloads


def test_bad_settings_in_the_link_are_clamped_with_a_notice(app):
    open_train(app, train_size="0", epochs="100000")
    warnings = " ".join(w.value for w in app.warning)
    assert "train_size" in warnings and "epochs" in warnings
    assert app.number_input(key="train_size").value == 1


@pytest.fixture
def all_slots_taken(app):
    """Every training slot of this process held by other visitors for the test's duration.

    The test's own waiting job is stopped first, so that it does not take a freed slot from the next test.
    """
    slots = process_slots()
    others = [f"other-visitor-{i}" for i in range(slots.capacity)]
    for other in others:
        assert slots.acquire(other)
    yield
    if "train_job" in app.session_state:
        job = app.session_state["train_job"]
        job.pause()
        job.join(timeout=APP_TIMEOUT_S)
    for other in others:
        slots.release(other)


def test_a_visitor_waits_when_every_training_slot_is_taken(app, all_slots_taken):
    open_train(app)
    click(app, "Start")
    assert any("Trainings running on this server" in i.value for i in app.info)
    assert app.session_state["train_job"].images_done() == 0
    (progress,) = app.get("progress")
    assert "waiting for a training slot" in progress.proto.text, progress.proto.text


def test_without_data_the_page_explains_how_to_get_it(app, no_data):
    open_train(app)
    assert any("not on this machine" in w.value for w in app.warning)
    assert next(b for b in app.button if b.label == "Start").disabled
    assert not any(r.label.startswith("Predict before you start") for r in app.radio)  # no run to predict
    click(app, "Download Fashion-MNIST with torchvision")
    assert any("could not be loaded" in e.value for e in app.error)
    assert any("apt-get install dataset-fashion-mnist" in c.value for c in app.code)


def test_a_waiting_visitor_can_watch_the_saved_run_of_their_settings_at_once(app, all_slots_taken):
    app.query_params.update({"lang": "en"})  # the d2l preset, seed 0: cached_runs/d2l/p0.2-0.5-seed0.json
    app.run()
    app.switch_page("pages/train.py").run()
    click(app, "Start")
    click(app, "▶ Watch the saved run of these settings now")
    experiment, record, started = app.session_state[REPLAY_KEY]
    assert (experiment, record.config.seed, record.config.p1, record.config.p2) == ("d2l", 0, 0.2, 0.5)
    app.session_state[REPLAY_KEY] = (experiment, record, started - REPLAY_S)  # as if the replay had played out
    app.run()
    assert any(s.value == "Replay of a saved run (not live)" for s in app.subheader)
    assert any("epoch 10 of 10" in i.value for i in app.info)
    assert len(app.get("vega_lite_chart")) == 2
    assert app.session_state["train_job"].images_done() == 0  # the visitor's own run still waits


def test_settings_without_a_saved_run_say_there_is_nothing_to_replay(app, all_slots_taken):
    open_train(app)  # the tiny settings of these tests: never saved
    click(app, "Start")
    assert any("No saved run has exactly these settings" in c.value for c in app.caption)
    assert not any(b.label.startswith("▶") for b in app.button)


def test_a_runs_name_says_its_setting_in_the_learners_language(monkeypatch):
    """Only what differs from d2l's setting, in words: code names such as train_size=5000 read as English in zh."""
    import streamlit as st

    config = TrainConfig(train_size=5000, seed=3, noise="gaussian", hidden=(512, 128), weight_decay=1e-4)
    assert run_words(config) == ("p1 = 0.2, p2 = 0.5, Gaussian noise, hidden 512×128, weight decay 0.0001, "
                                 "5,000 images, seed 3")
    assert setting_words(TrainConfig(p1=0.0, p2=0.5)) == "p1 = 0, p2 = 0.5"
    monkeypatch.setitem(st.session_state, "lang", "zh")
    assert run_words(config) == ("p1 = 0.2，p2 = 0.5，高斯乘性噪声，隐藏层 512×128，权重衰减 0.0001，5,000 张图像，"
                                 "种子 3")


def test_every_field_that_makes_a_setting_has_words():
    # Compare groups the learner's runs by records.SETTING_FIELDS and names each group in words: a field without
    # words would name two groups alike.
    from dropout_core.training.records import SETTING_FIELDS
    from ui.runs import FIELD_WORDS

    assert tuple(FIELD_WORDS) == SETTING_FIELDS


def predicted_verdicts(app) -> list[str]:
    """The committed predictions shown: right, wrong or none (no badge yet)."""
    lines = [md.value for md in app.markdown if md.value.startswith("**Your prediction:**")]
    return ["right" if "✓" in line else "wrong" if "✗" in line else "none" for line in lines]


def last_epoch_and_order(app):
    """The finished run's last epoch, and its order worked out here: train accuracy (dropout on, over the 500
    training images) against test accuracy (10,000 images), two binomial standard errors apart or not."""
    last = next(iter(app.session_state[MY_RUNS_KEY].values())).epochs[-1]
    se = math.sqrt(last.train_acc * (1 - last.train_acc) / 500 + last.test_acc * (1 - last.test_acc) / 10_000)
    difference = last.train_acc - last.test_acc
    return last, se, "same" if abs(difference) <= 2 * se else "train_higher" if difference > 0 else "test_higher"


@pytest.mark.parametrize("right", [True, False])
def test_the_run_is_predicted_before_start_and_judged_by_its_last_epoch(app, right):
    # The run is seeded: a first session trains it to learn its outcome, a second predicts it and trains it again.
    open_train(app)
    click(app, "Start")
    run_until_paused(app)
    _, _, order = last_epoch_and_order(app)
    learner = open_train(AppTest.from_file(str(REPO_ROOT / "explorer.py"), default_timeout=APP_TIMEOUT_S))
    question = next(r for r in learner.radio if r.label.startswith("Predict before you start: after epoch 2,"))
    question.set_value(order if right else next(o for o in TRAIN_TEST_ORDERS if o != order))
    learner.button(key=question.key.replace("predict_input_", "predict_commit_", 1)).click().run()
    click(learner, "Start")
    run_until_paused(learner)
    last, se, again = last_epoch_and_order(learner)
    assert again == order
    assert predicted_verdicts(learner) == ["right" if right else "wrong"]
    found = "\n".join(c.value for c in learner.caption)
    assert f"train accuracy (dropout on) {last.train_acc:.3f}, test accuracy {last.test_acc:.3f}" in found
    assert f"± {2 * se:.3f}" in found
    # The same settings keep the answer; others ask again.
    learner.number_input(key="epochs").set_value(3).run()
    assert any(r.label.startswith("Predict before you start: after epoch 3,") for r in learner.radio)


def test_a_run_started_without_a_prediction_is_not_asked_about_afterwards(app):
    open_train(app)
    assert any(r.label.startswith("Predict before you start") for r in app.radio)
    click(app, "Start")
    run_until_paused(app)
    assert not any(r.label.startswith("Predict before you start") for r in app.radio)  # its curves are out
    assert predicted_verdicts(app) == []


def test_settings_trained_once_are_not_asked_about_again(app):
    # A seeded run trains the same way every time: after its curves were out, coming back to it is no new question.
    open_train(app)
    asked = [r.label for r in app.radio if r.label.startswith("Predict before you start")]
    click(app, "Start")
    run_until_paused(app)
    app.number_input(key="epochs").set_value(3).run()  # other settings: asked
    assert any(r.label.startswith("Predict before you start: after epoch 3,") for r in app.radio)
    click(app, "Start")
    run_until_paused(app)
    app.number_input(key="epochs").set_value(2).run()  # back to the first: not asked again
    assert asked and not any(r.label.startswith("Predict before you start") for r in app.radio)


def test_an_unfinished_run_shows_the_answer_without_a_verdict(app):
    open_train(app)
    question = next(r for r in app.radio if r.label.startswith("Predict before you start"))
    question.set_value("same")
    app.button(key=question.key.replace("predict_input_", "predict_commit_", 1)).click().run()
    click(app, "Step (one epoch)")
    run_until_paused(app)
    assert predicted_verdicts(app) == ["none"]  # one epoch of two: the question is about the last


def test_a_paired_runs_twin_is_not_asked_about_after_its_curves_were_shown(app):
    open_train(app, paired="true")
    click(app, "Start")
    run_until_paused(app)
    app.slider(key="p1").set_value(0.0).run()
    app.slider(key="p2").set_value(0.0).run()  # the twin's own settings: its curves were on the page
    assert not any(r.label.startswith("Predict before you start") for r in app.radio)
    app.slider(key="p2").set_value(0.3).run()  # a run nobody has seen
    assert any(r.label.startswith("Predict before you start") for r in app.radio)
