"""A visitor without a browser: it speaks the page's websocket protocol, so a load benchmark measures the server alone.

In a lecture hall every student's browser draws on the student's own machine; on a benchmark's 2 cores twenty
Chromium pages take more CPU than the server they visit. A ProtocolPage sends what Streamlit's frontend sends when a
control moves (a rerun carrying the widget's new state, the page's query string and its script hash), answers the
server's fragment timers as the frontend does, and times a change from the moment it is sent until the server says
the run ended (every element of the answer has been sent by then). It keeps the latest elements the server sent:
widgets by label, exceptions, the progress bar's text. Unlike a browser it names no cached messages, so the server
sends every element in full: the figures it gives are, if anything, on the slow side.
Uses Streamlit's own protobuf messages and the `websockets` client Streamlit itself installs.
"""
import asyncio
import socket
import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

# A change made outside a fragment ends with a full run (an early finish is followed by the run that replaced it);
# a fragment's timed run, which can end meanwhile, is not its answer. A change inside a fragment is not timed here.
RUN_ENDED = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR)
QUICKACK = getattr(socket, "TCP_QUICKACK", None)  # Linux only


class ProtocolError(Exception):
    """The page did not answer in time, or has no such control."""


class ProtocolPage:
    """One visitor's session: a websocket to the server and what the server last drew."""

    def __init__(self, connection, url: str, path: str):
        self.socket, self.url = connection, url + path
        self.page_name, _, self.query_string = path.strip("/").partition("?")
        self.page_script_hash = ""
        self.widgets: dict[str, tuple[str, object]] = {}  # label (or radio option) -> (element type, element)
        self.states: dict[str, WidgetState] = {}  # the widgets this visitor has moved, as the frontend resends them
        self.exceptions: list[str] = []
        self.progress_text = ""
        self.run_ended = asyncio.Event()
        self.timers: dict[str, asyncio.Task] = {}  # fragment id -> the task answering its run_every
        self.announced: set[str] = set()  # the fragments whose timers the current full run asked for
        self.reader = asyncio.create_task(self.read())

    @classmethod
    async def open(cls, url: str, path: str, timeout_s: float) -> "ProtocolPage":
        """Connect to the server at url and run the page at path ("/mask?predict=false")."""
        connection = await websockets.connect(url.replace("http", "ws", 1) + "/_stcore/stream",
                                              subprotocols=["streamlit"], max_size=None, open_timeout=timeout_s)
        page = cls(connection, url, path)
        await page.rerun(timeout_s)
        return page

    async def close(self) -> None:
        """Stop the timers and the reader, and close the websocket (the server ends the session)."""
        for task in (*self.timers.values(), self.reader):
            task.cancel()
        await self.socket.close()

    async def read(self) -> None:
        """Take in every message the server sends."""
        async for frame in self.socket:
            # Acknowledge at once, as the browser's answers show it does. Streamlit's server socket lacks
            # TCP_NODELAY (it is made with protocol 0, and asyncio sets the option only for IPPROTO_TCP), so its
            # next small frames wait for this side's acknowledgement; a delayed one added 40 ms to every run.
            if QUICKACK is not None:
                self.socket.transport.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, QUICKACK, 1)
            message = ForwardMsg()
            message.ParseFromString(frame)
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                self.keep(message.delta.new_element)
            elif kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "navigation":
                self.page_script_hash = message.navigation.page_script_hash
            elif kind == "auto_rerun":
                timer = message.auto_rerun
                self.announced.add(timer.fragment_id)
                if timer.fragment_id not in self.timers:
                    self.timers[timer.fragment_id] = asyncio.create_task(
                        self.answer_timer(timer.fragment_id, timer.interval))
            elif kind == "stop_auto_rerun":
                self.stop_timers(set(message.stop_auto_rerun.fragment_ids) or set(self.timers))
            elif kind == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    # A full run ended: as the frontend does, keep only the timers this run asked for.
                    self.stop_timers(set(self.timers) - self.announced)
                if message.script_finished != ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                    self.announced.clear()  # an interrupted run's requests count no more: its rerun makes its own
                if message.script_finished in RUN_ENDED:
                    self.run_ended.set()

    def stop_timers(self, fragment_ids: set[str]) -> None:
        """Stop answering these fragments' timers."""
        for fragment_id in fragment_ids & set(self.timers):
            self.timers.pop(fragment_id).cancel()

    def keep(self, element) -> None:
        """Remember a widget by its label (a radio's options each by its own) and the value the page set for it, an
        exception, the progress text."""
        element_type = element.WhichOneof("type")
        widget = getattr(element, element_type)
        if element_type == "exception":
            self.exceptions.append(f"{widget.type}: {widget.message}")
        elif element_type == "progress":
            self.progress_text = widget.text
        elif getattr(widget, "id", "") and getattr(widget, "label", ""):
            for name in widget.options if element_type == "radio" else [widget.label]:
                self.widgets[name] = (element_type, widget)
            state = set_state(element_type, widget) if getattr(widget, "set_value", False) else None
            if state is not None:  # the frontend keeps a value the page set, and sends it back with every rerun
                self.states[widget.id] = state

    async def answer_timer(self, fragment_id: str, interval_s: float) -> None:
        """Rerun a fragment every interval, as the frontend does for st.fragment(run_every=...)."""
        while True:
            await asyncio.sleep(interval_s)
            await self.send(fragment_id=fragment_id)

    async def send(self, trigger: WidgetState | None = None, fragment_id: str = "") -> None:
        """A rerun request with the widgets' states, as the frontend sends it."""
        message = BackMsg()
        request = message.rerun_script
        request.query_string = self.query_string
        request.page_name = self.page_name
        request.page_script_hash = self.page_script_hash
        request.fragment_id = fragment_id
        request.is_auto_rerun = bool(fragment_id)
        request.context_info.timezone, request.context_info.locale = "UTC", "en-US"
        request.context_info.url = self.url
        request.widget_states.widgets.extend([*self.states.values(), *([trigger] if trigger else [])])
        await self.socket.send(message.SerializeToString())

    async def rerun(self, timeout_s: float, trigger: WidgetState | None = None) -> float:
        """Send a rerun and wait until the server ends it; its seconds."""
        self.run_ended.clear()
        started = time.perf_counter()
        await self.send(trigger)
        ended = asyncio.create_task(self.run_ended.wait())
        await asyncio.wait((ended, self.reader), timeout=timeout_s, return_when=asyncio.FIRST_COMPLETED)
        if not ended.done():
            ended.cancel()
            if self.reader.done():  # the websocket closed, or a message could not be read
                raise ProtocolError(f"the connection ended: {self.reader.exception() or 'closed'}")
            raise ProtocolError(f"no answer within {timeout_s:.0f} s")
        return time.perf_counter() - started

    def widget(self, name: str):
        """(element type, element) of the control labelled name (for a radio: one of its options)."""
        if name not in self.widgets:
            raise ProtocolError(f"no control {name!r} on the page")
        return self.widgets[name]

    async def click(self, name: str, timeout_s: float) -> float:
        """Click the button labelled name; seconds until the run ends."""
        _, button = self.widget(name)
        return await self.rerun(timeout_s, WidgetState(id=button.id, trigger_value=True))

    async def move(self, role: str, name: str, key: str, timeout_s: float) -> float:
        """What a visitor's key press or click does to a control (see class_load.Action); seconds until the run ends.

        A slider moves one step (one option of a select slider) left or right, a radio picks the option `name`, a
        switch flips.
        """
        if role == "button":
            return await self.click(name, timeout_s)
        element_type, widget = self.widget(name)
        current = self.states.get(widget.id) or default_state(element_type, widget)
        state = WidgetState(id=widget.id)
        if role == "radio":
            state.string_value = name
        elif role == "switch":
            state.bool_value = not current.bool_value
        elif role == "slider" and widget.options:  # a select slider: its state is the option's text
            options = list(widget.options)
            at = options.index(current.string_array_value.data[0]) + (1 if key == "ArrowRight" else -1)
            state.string_array_value.data.append(options[min(max(at, 0), len(options) - 1)])
        elif role == "slider":
            value = current.double_array_value.data[0] + (widget.step if key == "ArrowRight" else -widget.step)
            # Rounded as the browser's slider rounds it: 0.2 - 0.05 is 0.15, not 0.15000000000000002.
            state.double_array_value.data.append(round(min(max(value, widget.min), widget.max), 10))
        else:
            raise ProtocolError(f"cannot move a {role}")
        self.states[widget.id] = state
        return await self.rerun(timeout_s)


def set_state(element_type: str, widget) -> WidgetState | None:
    """The state of a checkbox, radio or slider whose value the page set (None for other widgets)."""
    state = WidgetState(id=widget.id)
    if element_type == "checkbox":
        state.bool_value = widget.value
    elif element_type == "radio":
        state.string_value = widget.raw_value
    elif element_type == "slider" and widget.options:
        state.string_array_value.data.extend(widget.raw_value)
    elif element_type == "slider":
        state.double_array_value.data.extend(widget.value)
    else:
        return None
    return state


def default_state(element_type: str, widget) -> WidgetState:
    """The state of a checkbox or slider at its default, as the frontend starts it."""
    state = WidgetState(id=widget.id)
    if element_type == "checkbox":
        state.bool_value = widget.default
    elif element_type == "slider" and widget.options:
        state.string_array_value.data.append(widget.options[int(widget.default[0])])
    elif element_type == "slider":
        state.double_array_value.data.extend(widget.default)
    return state
