"""Compare: saved runs of p = 0, 0.2/0.5 and 0.5 over several seeds, beside the learner's own; no training here."""
import streamlit as st

from ui.compare import predictions
from ui.compare.charts import chart_options, show_charts
from ui.compare.reading import show_reading
from ui.compare.runs import (
    about_experiment,
    candidate_groups,
    choose_experiment,
    downloads,
    saved_runs,
    select_new_own_groups,
    your_runs_panel,
)
from ui.controls import url_pills
from ui.i18n import t
from ui.shell import require_app_shell
from ui.theme import projector_on

require_app_shell()

SETTINGS_KEY = "settings"  # the URL's list of groups shown

st.title(t("compare.title"))
st.markdown(t("compare.intro"))
saved = saved_runs()
# A projector puts the experiment beside the settings, so the first chart starts on the first screen.
experiment_area, controls = st.columns(2) if projector_on() else (st.container(), st.container())
with experiment_area:
    experiment = choose_experiment(saved)
    if not projector_on():
        about_experiment(experiment)
# Drawn top to bottom in this order, but the uploads (at the bottom) are read before the settings are offered,
# so an uploaded run is among them at once.
results, uploads_area = st.container(), st.container()
with uploads_area:
    your_runs_panel()
candidates = candidate_groups(saved, experiment)
names = {group.id: group.name for group in candidates}
select_new_own_groups(names, SETTINGS_KEY)
with controls:
    chosen = url_pills(t("compare.settings"), SETTINGS_KEY, list(names), list(names), format_func=names.get)
# A projector's settings may wrap onto a second row: the chart controls' expander goes under the experiment there,
# so the row stays as short as it can and the first chart's axis on the first screen.
with experiment_area if projector_on() else controls:
    options = chart_options()
groups = [group for group in candidates if group.id in chosen]
with results:
    if groups and options.metrics:
        asked = predictions.ask(groups, experiment, st)  # predict, then see: the curves wait for the answers
        if predictions.revealed(asked):
            predictions.show(asked, groups)
            show_charts(groups, options)
            if projector_on():  # beside the settings, five lines pushed the first chart's axis off the first screen
                about_experiment(experiment)
            show_reading(groups)
            downloads(groups)
        else:
            st.caption(t("predict.hidden"))
    else:
        st.info(t("compare.nothing"))
