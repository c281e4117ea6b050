"""The sidebar every page shares: language switch, prediction prompts, hardware in use, where Fashion-MNIST comes
from."""
import streamlit as st
import torch

from dropout_core.runtime.hardware import detect_hardware
from dropout_core.training.data import candidate_folders, find_local_copy
from ui.controls import url_choice, url_toggle
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGE_KEY, LANGUAGES, t
from ui.predict import PREDICT_KEY
from ui.safe_text import plain


def language_switch() -> None:
    """The language selector (kept in the URL); it must run before any translated string is drawn."""
    url_choice(t("sidebar.language"), LANGUAGE_KEY, list(LANGUAGES), DEFAULT_LANGUAGE,
               format_func=LANGUAGES.get, place=st.sidebar)


def prediction_switch() -> bool:
    """The prediction-prompts toggle (kept in the URL as predict=false when off); returns whether it is on."""
    return url_toggle(t("predict.toggle"), PREDICT_KEY, True, place=st.sidebar, help=t("predict.toggle_help"))


def device_label(device: torch.device) -> str:
    """A training device in the learner's language (the core's describe_device is the run records' English)."""
    if device.type == "cuda":
        return t("sidebar.hw_cuda", name=torch.cuda.get_device_name(device))
    if device.type == "mps":
        return t("sidebar.hw_mps")
    threads = torch.get_num_threads()
    return t("sidebar.hw_cpu_one") if threads == 1 else t("sidebar.hw_cpu", threads=threads)


def hardware_label() -> str:
    """A one-line description of the device that trains."""
    return device_label(detect_hardware().device)


def status_panel() -> None:
    """Hardware and data availability, cheap enough for every rerun (the data is located, not read)."""
    st.sidebar.markdown(f"**{t('sidebar.hardware')}**  \n{hardware_label()}")
    folder = find_local_copy(candidate_folders())
    # A zero-width space after each separator: a narrow sidebar wraps the path between folders, not inside a name.
    shown = plain(folder).replace("\\/", "\\/\u200b") if folder else ""
    where = t("sidebar.data_found", folder=shown) if folder else t("sidebar.data_missing")
    st.sidebar.markdown(f"**{t('sidebar.data')}**  \n{where}")
