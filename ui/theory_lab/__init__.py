"""The Theory lab: one module per section (penalty, average, mc, variants), which pages/theory.py routes between.

network.py holds the network sections 2 and 3 study, controls.py the controls several sections share, charts.py
the chart rows and Altair builders.
"""
