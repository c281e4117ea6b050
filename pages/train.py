"""Train live: the d2l dropout experiment trained on this machine, its curves growing while it trains."""
import streamlit as st

from dropout_core.runtime.hardware import resolve_device
from ui.controls import url_toggle
from ui.dataset import fashion_mnist_or_notice
from ui.i18n import t
from ui.shell import require_app_shell
from ui.sidebar import device_label
from ui.theme import projector_on
from ui.train_live import prediction
from ui.train_live.session import buttons, live_fragment
from ui.train_live.settings import settings

require_app_shell()

st.title(t("train.title"))
# What it trains and its settings, then the run; a projector shows the run first, so the room sees the curves and
# their legends without a scroll.
settings_area, run_area = st.container(), st.container()
if projector_on():
    settings_area, run_area = run_area, settings_area
with settings_area:
    st.markdown(t("train.intro", device=device_label(resolve_device("auto"))))
    config = settings()
    paired = url_toggle(t("train.paired"), "paired", False, help=t("train.paired_help"))
    data = fashion_mnist_or_notice("train", offer_download=True)
with run_area:
    if data is not None:  # nothing to predict about a run that cannot start
        prediction.ask(config)
    buttons(config, data, paired)
    live_fragment()
    with st.expander(t("train.which_acc")):
        st.markdown(t("train.which_acc_text"))
