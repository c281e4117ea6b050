"""The Theory lab's first visits on a fresh server: how long until sections 2 and 3 show their result metrics.

A fresh `streamlit run app.py`; a headless Chromium opens /theory?section=average, then /theory?section=mc, as a
link shared in a lecture would. Each visit is timed from the navigation until the page's title shows (the app's
imports and first run) and until its result metrics show (the data loaded, the lab's network loaded from
cached_runs/theory_lab/ instead of trained, the thinned networks evaluated).
Goal: under 3 s for each. For comparison it also prints how long the server took to start (it warms up before it
answers: ui/server_start.py), and the first link again in a fresh browser context once the server is warm: what a
visit costs that no server start explains (the browser loading Streamlit's frontend, the page's run and drawing).

Run: .venv/bin/python benchmarks/theory_first_visit.py
The last line is `first_visit_s=X.XX`, the slower of the two visits.
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.measure import EXCEPTION, load_average  # noqa: E402
from tools.local_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

GOAL_S = 3.0
# Each section's link, and the label of a metric that shows only once its network has been evaluated.
VISITS = (("average", "Eval mode (one pass)"), ("mc", "Accuracy, average of T = 30"))


def visit(tab, url: str, section: str, metric: str, timeout_s: float) -> tuple[float, float]:
    """Seconds from opening the section's link until the page's title shows, and until the metric shows."""
    started = time.perf_counter()
    tab.goto(f"{url}/theory?section={section}", timeout=timeout_s * 1000)
    tab.get_by_role("heading", name="Theory lab").wait_for(timeout=timeout_s * 1000)
    title_s = time.perf_counter() - started
    tab.locator('[data-testid="stMetric"]', has_text=metric).wait_for(timeout=timeout_s * 1000)
    return title_s, time.perf_counter() - started


def main() -> None:
    """Start a server, visit both sections, print each time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=300, help="seconds a visit may take before giving up")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"start: {load_average()}")
    slowest = 0.0
    launched = time.perf_counter()
    with streamlit_server() as (url, _), sync_playwright() as playwright:
        print(f"server started (warmed up, answering) after {time.perf_counter() - launched:.2f} s")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 720})
        for section, metric in VISITS:
            title_s, metric_s = visit(tab, url, section, metric, args.timeout)
            print(f"/theory?section={section}: title after {title_s:.2f} s, result metrics after {metric_s:.2f} s "
                  f"(goal < {GOAL_S:.0f} s){'; an exception shows' if tab.locator(EXCEPTION).count() else ''}")
            slowest = max(slowest, metric_s)
        fresh_tab = browser.new_page(viewport={"width": 1280, "height": 720})  # a new context: nothing cached
        section, metric = VISITS[0]
        title_s, metric_s = visit(fresh_tab, url, section, metric, args.timeout)
        print(f"the same link in a fresh browser context, server warm: title after {title_s:.2f} s, "
              f"result metrics after {metric_s:.2f} s")
        browser.close()
    print(f"end: {load_average()}")
    print(f"first_visit_s={slowest:.2f}")


if __name__ == "__main__":
    main()
