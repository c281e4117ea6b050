"""Script time of the Theory lab's interactions on a warm app (AppTest), and the page's own network's figures.

Run: .venv/bin/python benchmarks/theory_reruns.py
Target: a control change re-renders in under 1 s of script time once the page's network is trained. The first
visit of a network section trains that network once per server process; its time is printed too.
"""
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

PAGE = "pages/theory.py"


def timed(run) -> float:
    """Seconds one call takes."""
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def open_section(section: str) -> tuple[AppTest, float]:
    """An AppTest switched to the Theory lab section, and the seconds its first render took."""
    app = AppTest.from_file(str(REPO_ROOT / "explorer.py"), default_timeout=600)
    app.query_params.update({"section": section, "predict": "false"})  # prompts off: the results are drawn
    app.run()
    app.switch_page(PAGE)
    seconds = timed(app.run)
    assert not app.exception, [e.value for e in app.exception]
    return app, seconds


def report(label: str, seconds: float) -> None:
    """One line of the table."""
    print(f"{label:<58} {seconds:7.3f} s")


def main() -> None:
    """Open every section, then time reruns and control changes, each on its own warm session."""
    changes = {
        "l2": [("d", "slider", 0.3), ("data_seed", "number_input", 5), ("masks", "select_slider", 10_000),
               ("w", "radio", "true"), ("scaled", "toggle", False)],
        "average": [("net_seed", "number_input", 9), ("mc_seed", "number_input", 1)],
        "mc": [("uncertainty", "radio", "std"), ("T", "select_slider", 100)],
        "variants": [("variant", "segmented_control", "dropout2d"), ("d", "slider", 0.2),
                     ("noise_seed", "number_input", 4)],
    }
    for section, controls in changes.items():
        app, first = open_section(section)
        report(f"{section}: first render", first)
        report(f"{section}: rerun, nothing changed", timed(app.run))
        for key, kind, value in controls:
            widget = getattr(app, kind)(key=key)
            report(f"{section}: {key} -> {value}", timed(lambda: widget.set_value(value).run()))
            assert not app.exception, [e.value for e in app.exception]
        if section == "average":
            print("   " + "; ".join(f"{m.label} = {m.value}" for m in app.metric[2:]))


if __name__ == "__main__":
    main()
