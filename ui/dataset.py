"""Fashion-MNIST for a page, or a notice saying how to get it: the one place pages load it, never a traceback."""
import streamlit as st

from dropout_core.training import data  # module attributes, so tests can stand in for the files
from ui.i18n import t
from ui.safe_text import plain

DOWNLOAD_ASKED_KEY = "download_asked"
TRAIN_PAGE = "pages/train.py"


def fashion_mnist_or_notice(page: str, *, optional: bool = False, offer_download: bool = False):
    """The dataset, or None after the page's notice (`<page>.no_data`, `<page>.data_failed`).

    optional: the page works without the data (a quiet note instead of a warning with instructions).
    offer_download: a button lets the visitor ask torchvision for it; nothing downloads before they click.
    """
    asked = offer_download and st.session_state.get(DOWNLOAD_ASKED_KEY, False)
    if data.find_local_copy(data.candidate_folders()) is None and not asked:
        if optional:
            st.info(t(f"{page}.no_data"))
            return None
        st.warning(t(f"{page}.no_data"))
        st.markdown(t("data.help"))
        if offer_download:
            # A callback, not `if st.button()`: it runs before the script, so no restart of the run loses the click.
            st.button(t("data.download"), on_click=st.session_state.update, kwargs={DOWNLOAD_ASKED_KEY: True})
        else:
            st.page_link(TRAIN_PAGE, label=t("data.to_train"))
        return None
    try:
        with st.spinner(t("data.loading")):
            return data.load_fashion_mnist()  # downloads only when no local copy exists: after the click above
    except data.DataUnavailableError as error:  # missing, or a file unreadable or damaged (DataCorruptError)
        st.session_state[DOWNLOAD_ASKED_KEY] = False
        if optional:
            st.warning(t(f"{page}.data_failed", error=plain(error, limit=400)))
            return None
        st.error(t(f"{page}.data_failed"))
        st.code(str(error), language=None)
        st.markdown(t("data.help"))
        return None
