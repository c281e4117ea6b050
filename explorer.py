"""Dropout Explorer's script, run on every visit: the sidebar, st.navigation over pages/, the tour bar."""
import streamlit as st

from dropout_core.runtime import settings
from dropout_core.runtime.hardware import configure_threads, server_threads, use_threads
from ui import sidebar
from ui.controls import enter_page, show_link_notices
from ui.i18n import t
from ui.navigation import CONTENT_PAGES, HOME
from ui.safe_text import plain
from ui.shell import require_app_shell
from ui.theme import apply_page_style, projector_switch
from ui.tours import player as tour

require_app_shell()
configure_threads(server_threads())  # torch's pool is process-wide: size it once, before any page trains
use_threads()  # each rerun's new thread computes on the whole pool, not on a training's share that a worker set last
st.set_page_config(page_title="Dropout Explorer", page_icon="🎲", layout="wide")
sidebar.language_switch()
projector_switch()
sidebar.prediction_switch()
apply_page_style()
for problem in settings.problems():  # a bad environment variable: say so on every page, work with the default
    st.error(t("app.bad_setting", problem=plain(problem, limit=400)))
# Notices about link values go above the page, wherever their widget sits (a collapsed expander, the sidebar).
link_notices = st.container()
navigation = st.navigation(
    [st.Page(HOME.path, title=t(HOME.title_key), default=True)]
    + [st.Page(page.path, title=t(page.title_key), url_path=page.url_path) for page in CONTENT_PAGES]
)
sidebar.status_panel()
enter_page(navigation.url_path)
tour.follow(navigation.url_path)
tour.show_bar(navigation.url_path)
navigation.run()
tour.check_step_settings(navigation.url_path)
show_link_notices(link_notices)
