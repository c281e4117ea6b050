"""Peak resident memory of a `streamlit run app.py` server while one visitor trains the d2l configuration.

Run: .venv/bin/python benchmarks/server_memory.py [--epochs 10]
Target for the smallest hosted tier: under 1.5 GB (REFERENCE: importing torch, torchvision, streamlit, altair and
pandas alone takes about 780 MB).
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.measure import memory_mb  # noqa: E402
from tools.local_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

TARGET_MB = 1500


def main() -> None:
    """Start a server, train once through a real browser, print resident memory before, during and at peak."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with streamlit_server() as (url, server), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.set_default_timeout(1_800_000)
        tab.goto(f"{url}/train?epochs={args.epochs}")
        tab.get_by_role("button", name="Start").wait_for()
        idle = memory_mb(server.pid, "VmRSS")
        started = time.perf_counter()
        tab.get_by_role("button", name="Start").click()
        samples = []
        while not tab.get_by_text("Finished.").count():
            samples.append(memory_mb(server.pid, "VmRSS"))
            time.sleep(1)
        seconds = time.perf_counter() - started
        peak = memory_mb(server.pid, "VmHWM")
        browser.close()
    print(f"server resident memory: {idle:.0f} MB with the Train page open (data loaded), "
          f"{max(samples):.0f} MB sampled maximum while training, peak (VmHWM) {peak:.0f} MB")
    print(f"trained {args.epochs} epochs of the d2l configuration in {seconds:.0f} s through the browser")
    print(f"peak/target={peak / TARGET_MB:.2f} (target {TARGET_MB} MB)")


if __name__ == "__main__":
    main()
