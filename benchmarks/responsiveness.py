"""Script time of the interactions a lecture depends on, measured in-process on a warm app (AppTest).

Run: .venv/bin/python benchmarks/responsiveness.py
Targets: a Mask explorer control change re-renders in under 150 ms of script time; the Compare page renders
in under 2 s; the first curve point appears under 2 s after Start (data already loaded).
"""
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from dropout_core.training.data import load_fashion_mnist  # noqa: E402
from ui.navigation import CONTENT_PAGES  # noqa: E402


def timed(run) -> float:
    """Seconds one call takes."""
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def open_page(path: str, **query) -> AppTest:
    """A warm AppTest of the app switched to the page at path, prediction prompts off so its results are drawn."""
    app = AppTest.from_file(str(REPO_ROOT / "explorer.py"), default_timeout=120)
    app.query_params.update({"predict": "false", **query})
    app.run()
    app.switch_page(path).run()
    return app


def mask_control_change_ms() -> float:
    """Median script time of moving the Mask explorer's p slider."""
    app = open_page("pages/mask.py")
    slider = lambda: app.slider(key="p")  # noqa: E731 - the element must be looked up after each run
    for value in (0.3, 0.4):  # warm caches
        slider().set_value(value).run()
    times = [timed(lambda v=v: slider().set_value(v).run()) for v in (0.1, 0.2, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75)]
    return 1000 * statistics.median(times)


def page_render_s(path: str) -> float:
    """Median seconds of a rerun of a page that is already open."""
    app = open_page(path)
    return statistics.median(timed(app.run) for _ in range(5))


def first_curve_point_s() -> float:
    """Seconds from clicking Start (d2l configuration, data loaded) until the page holds a curve point."""
    load_fashion_mnist()
    app = open_page("pages/train.py")
    started = time.perf_counter()
    next(b for b in app.button if b.label == "Start").click().run()
    while not app.session_state["train_job"].points:
        app.run()
    return time.perf_counter() - started


def main() -> None:
    """Print each figure beside its target."""
    mask_ms = mask_control_change_ms()
    print(f"mask explorer control change: {mask_ms:.0f} ms script time (target < 150 ms), ratio {mask_ms / 150:.2f}")
    for page in CONTENT_PAGES:
        if page.url_path == "compare":
            seconds = page_render_s(page.path)
            print(f"compare page render: {seconds:.2f} s (target < 2 s), ratio {seconds / 2:.2f}")
    seconds = first_curve_point_s()
    print(f"first curve point after Start: {seconds:.2f} s (target < 2 s), ratio {seconds / 2:.2f}")


if __name__ == "__main__":
    main()
