"""Home: what dropout is, in a few honest sentences, and where to go next."""
import streamlit as st

from ui.i18n import t
from ui.navigation import CONTENT_PAGES
from ui.shell import require_app_shell

require_app_shell()

st.title(t("app.title"))
st.markdown(t("home.intro"))
st.subheader(t("home.what"))
for key in ("home.unbiased", "home.where", "home.training_only", "home.ensemble", "home.regularizer"):
    st.markdown(f"- {t(key)}")

st.subheader(t("home.pages"))
for page in CONTENT_PAGES:
    st.page_link(page.path, label=t(page.title_key))
    st.caption(t(page.blurb_key))
