"""The network sections 2 and 3 study: which one, its cached computations, and the test images they use."""
import streamlit as st
import torch

from dropout_core.theory import ensemble, lab_network
from dropout_core.training.data import load_fashion_mnist
from dropout_core.training.outcomes import JudgedDifference
from ui.controls import url_choice
from ui.i18n import join_sentences, t
from ui.runs import latest_trained_trainer
from ui.theory_lab.controls import seed_input

MODEL_CHOICES = ("own", "builtin")  # the learner's Train-page network, or the page's own


@st.cache_resource(show_spinner=False)
def builtin_model(config, data_checksum: str):
    """The page's own network: the shipped weights, else trained once per server process (config and data key it)."""
    shipped = lab_network.load_builtin_model(data_checksum, config)
    if shipped is not None:
        return shipped
    data = load_fashion_mnist()
    if data.checksum != data_checksum:
        raise ValueError("the dataset changed while the page was training its network")
    return lab_network.train_builtin_model(data, config)


def studied_network(data):
    """The network to study: the learner's Train-page run, or the page's own."""
    trainer = latest_trained_trainer()
    if trainer is not None and trainer.diverged:  # NaN weights predict nothing: study the page's own network
        st.warning(t("theory.model_diverged", epoch=trainer.diverged_epoch))
        trainer = None
    use_own = trainer is not None and url_choice(
        t("theory.model"), "model", MODEL_CHOICES, "own", format_func=lambda o: t(f"theory.model_{o}"),
        widget="radio", horizontal=True,
    ) == "own"
    if use_own:
        config = trainer.config
        model = lab_network.snapshot_model(trainer.model, config)
        description = t("theory.model_own_caption", h1=config.hidden[0], h2=config.hidden[1], p1=config.p1,
                        p2=config.p2, epochs=len(trainer.history), test_acc=trainer.history[-1].test_acc)
    else:
        config = lab_network.BUILTIN_CONFIG
        with st.spinner(t("theory.training_builtin")):
            model = builtin_model(config, data.checksum)
        description = t("theory.model_builtin_caption", h1=config.hidden[0], h2=config.hidden[1], p1=config.p1,
                        p2=config.p2, epochs=config.epochs, images=config.train_size)
        if trainer is None:
            description = join_sentences([description, t("theory.model_train_hint")])
    st.caption(description)
    return model


def test_subset(data) -> tuple[torch.Tensor, torch.Tensor]:
    """The test images (and labels) every network section studies."""
    count = lab_network.TEST_SUBSET
    return data.test_images[:count], data.test_labels[:count]


def mc_seed() -> int:
    """The seed of the thinned networks' masks, shared by the average and the MC-dropout sections."""
    return seed_input(t("theory.mc_seed"), "mc_seed", help=t("theory.mc_seed_help"))


@st.cache_data(max_entries=16, show_spinner=False)
def thinned_average(fingerprint: str, data_checksum: str, count: int, T_max: int, seed: int, _model, _images,
                    _labels):
    """Eval-mode metrics and probabilities, and both averages' curves for T = 1..T_max (fingerprint, data and seed
    key the cache)."""
    with lab_network.MODEL_LOCK:
        return (ensemble.eval_mode_metrics(_model, _images, _labels),
                ensemble.eval_mode_probabilities(_model, _images),
                ensemble.mc_average_metrics(_model, _images, _labels, T_max=T_max, seed=seed))


@st.cache_data(max_entries=16, show_spinner=False)
def mc_dropout(fingerprint: str, data_checksum: str, count: int, T: int, seed: int, _model, _images):
    """MC-dropout prediction with T passes, and the eval-mode probabilities as the baseline."""
    with lab_network.MODEL_LOCK:
        return (ensemble.mc_predictive(_model, _images, T=T, seed=seed),
                ensemble.eval_mode_probabilities(_model, _images))


@st.cache_data(max_entries=64, show_spinner=False)
def rejection_against_eval(fingerprint: str, data_checksum: str, count: int, T: int, seed: int, measure: str,
                           fraction: float, _prediction, _eval_probs, _labels) -> JudgedDifference:
    """MC dropout's measure against the eval pass's entropy at one fraction set aside, with its bootstrap error
    (the keys before the underscored ones name the prediction; its 1,000 resamples take about a fifth of a second)."""
    return ensemble.rejection_difference(_prediction, _eval_probs, _labels, measure, fraction)
