"""The Train page's settings: every field of TrainConfig as a URL-bound control, and the preset buttons."""
import streamlit as st

from dropout_core.runtime.hardware import available_devices
from dropout_core.training.config import FULL_TRAIN_SIZE, TrainConfig
from dropout_core.training.models import INITS, NET_IMPLEMENTATIONS
from dropout_core.training.noise import TRAINABLE_NOISES
from dropout_core.training.presets import PRESETS
from ui.controls import url_choice, url_number, url_slider
from ui.i18n import t
from ui.theme import projector_on

PAGE_PRESETS = ("d2l", "no_dropout", "small")  # the buttons, in order; their values come from the presets table
LR_OPTIONS = (0.01, 0.05, 0.1, 0.2, 0.5, 1.0)
BATCH_OPTIONS = (32, 64, 128, 256, 512, 1024)
HIDDEN_OPTIONS = (16, 32, 64, 128, 256, 512, 1024)
WEIGHT_DECAY_OPTIONS = (0.0, 1e-5, 1e-4, 1e-3, 1e-2)
MAX_PAGE_EPOCHS = 200  # the engine allows more; a browser tab rarely should
DEFAULTS = PRESETS["d2l"]


def preset_controls(preset: TrainConfig) -> dict:
    """The control values (session-state keys, the same as the URL's) that show every field a preset sets."""
    return {"p1": preset.p1, "p2": preset.p2, "epochs": preset.epochs, "lr": preset.lr, "batch": preset.batch_size,
            "h1": preset.hidden[0], "h2": preset.hidden[1], "net": preset.implementation, "init": preset.init,
            "wd": preset.weight_decay, "noise": preset.noise, "train_size": preset.train_size}


def preset_buttons() -> None:
    """One button per page preset; a click sets every field the preset defines (seed and device stay)."""
    for column, name in zip(st.columns(len(PAGE_PRESETS)), PAGE_PRESETS):
        column.button(t(f"train.preset_{name}"), help=t(f"train.preset_{name}_help"), key=f"preset_{name}",
                      on_click=st.session_state.update, args=(preset_controls(PRESETS[name]),))


def settings() -> TrainConfig | None:
    """Every option of the engine as a URL-bound control; the config, or None with a message if invalid."""
    preset_buttons()
    left, right = st.columns(2)
    d = DEFAULTS
    p1 = url_slider(t("train.p1"), "p1", 0.0, 1.0, d.p1, step=0.05, place=left)
    p2 = url_slider(t("train.p2"), "p2", 0.0, 1.0, d.p2, step=0.05, place=right)
    main_row, advanced = st.container(), st.expander(t("train.settings"))
    with advanced if projector_on() else main_row:  # a projector keeps its first screen for the curves
        left, right = st.columns(2)
        epochs = url_number(t("train.epochs"), "epochs", 1, MAX_PAGE_EPOCHS, d.epochs, place=left)
        train_size = url_number(t("train.train_size"), "train_size", 1, FULL_TRAIN_SIZE, d.train_size, place=right,
                                help=t("train.train_size_help"))
        lr = url_choice(t("train.lr"), "lr", LR_OPTIONS, d.lr, widget="select_slider", place=left)
        batch = url_choice(t("train.batch"), "batch", BATCH_OPTIONS, d.batch_size, widget="select_slider",
                           place=right)
    with advanced:
        left, right = st.columns(2)
        h1 = url_choice(t("train.h1"), "h1", HIDDEN_OPTIONS, d.hidden[0], place=left)
        h2 = url_choice(t("train.h2"), "h2", HIDDEN_OPTIONS, d.hidden[1], place=right)
        impl = url_choice(t("train.impl"), "net", NET_IMPLEMENTATIONS, d.implementation,
                          format_func=lambda o: t(f"train.impl_{o}"), place=left)
        init = url_choice(t("train.init"), "init", INITS, d.init, format_func=lambda o: t(f"train.init_{o}"),
                          place=right)
        wd = url_choice(t("train.wd"), "wd", WEIGHT_DECAY_OPTIONS, d.weight_decay, format_func="{:g}".format,
                        place=left)
        noise = url_choice(t("train.noise"), "noise", TRAINABLE_NOISES, d.noise, help=t("train.noise_help"),
                           format_func=lambda o: t(f"train.noise_{o}"), place=right)
        seed = url_number(t("train.seed"), "train_seed", 0, 1_000_000, d.seed, place=left)
        device = url_choice(t("train.device"), "device", available_devices(), d.device,
                            format_func=lambda o: t("train.device_auto") if o == "auto" else o, place=right)
    config = TrainConfig(p1=p1, p2=p2, epochs=epochs, lr=lr, batch_size=batch, hidden=(h1, h2),
                         implementation=impl, init=init, weight_decay=wd, noise=noise, train_size=train_size, seed=seed,
                         device=device)
    try:
        return config.validate()
    except ValueError as error:
        st.error(t("train.bad_config", error=error))
        return None
