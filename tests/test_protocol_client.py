"""The load benchmark's browserless visitor against a real server: its changes are the ones a browser makes (the app's
own URL state says what each did), and it answers a training page's redraw timer until the run ends."""
import asyncio
import re
import time

from benchmarks.protocol_client import ProtocolPage

TIMEOUT_S = 60


def visit(url: str, path: str, moves: list[tuple[str, str, str]]) -> list[str]:
    """Open the page, make the moves (role, name, key); the page's query string after each, and any exception."""

    async def session() -> list[str]:
        page = await ProtocolPage.open(url, path, TIMEOUT_S)
        query_strings = []
        try:
            for role, name, key in moves:
                await page.move(role, name, key, TIMEOUT_S)
                query_strings.append(await settled_query_string(page))
            assert page.exceptions == []
        finally:
            await page.close()
        return query_strings

    return asyncio.run(session())


async def settled_query_string(page: ProtocolPage) -> str:
    """The page's query string once the server's URL update for the last run has arrived (it may follow the run)."""
    before, deadline = page.query_string, time.monotonic() + 2
    while page.query_string == before and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return page.query_string


def test_a_slider_a_radio_and_a_button_move_as_in_the_browser(server_url):
    after = visit(server_url, "/mask?predict=false", [
        ("slider", "Drop probability p", "ArrowRight"), ("radio", "Eval mode · net.eval()", ""),
        ("button", "Resample", ""), ("slider", "Drop probability p", "ArrowLeft")])
    assert "p=0.51" in after[0]  # one step of 0.01 up from 0.5
    assert "mode=eval" in after[1]
    seed = re.search(r"seed=(\d+)", after[2])
    assert seed and "p=0.51" in after[2]
    assert "p=" not in after[3] and f"seed={seed.group(1)}" in after[3]  # back at the default p, same mask


def test_a_select_slider_and_a_switch_move_from_the_values_the_page_set(server_url):
    after = visit(server_url, "/compare?predict=false", [
        ("slider", "Smoothing (epochs averaged)", "ArrowRight"), ("switch", "Log scale for losses", ""),
        ("switch", "Log scale for losses", ""), ("slider", "Smoothing (epochs averaged)", "ArrowLeft")])
    assert "smooth=3" in after[0]  # from 'raw' to the next option
    assert "log=false" in after[1]  # log scale is on by default: the first flip turns it off
    assert "log=" not in after[2] and "smooth=3" in after[2]
    assert "smooth=" not in after[3]


def test_a_training_page_is_redrawn_on_its_timer_until_the_run_ends(server_url):
    async def session() -> tuple[list[int], dict]:
        # Long enough (a few seconds) that only the timer's redraws can show it grow.
        page = await ProtocolPage.open(server_url, "/train?epochs=10&train_size=30000", TIMEOUT_S)
        try:
            await page.click("Start", TIMEOUT_S)
            percents, deadline = [], time.monotonic() + TIMEOUT_S

            def note_progress() -> None:
                found = re.match(r"(\d+) %", page.progress_text)
                if found and (not percents or int(found.group(1)) != percents[-1]):
                    percents.append(int(found.group(1)))

            while (page.timers or not percents) and time.monotonic() < deadline:
                note_progress()
                await asyncio.sleep(0.05)
            note_progress()  # the last run drew its progress before it stopped the timer
            assert page.exceptions == []
            return percents, dict(page.timers)
        finally:
            await page.close()

    percents, timers_left = asyncio.run(session())
    assert len(percents) >= 3 and percents[-1] == 100, percents  # the redraws followed the run to its end
    assert timers_left == {}  # and the page stopped its timer once the run finished
