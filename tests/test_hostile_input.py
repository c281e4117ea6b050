"""Hostile input and faults: text from a link, an upload or a folder prints as text; CSV cells never run as
formulas; corrupt data, bad environment variables and bad CLI options end in a message, never a traceback."""
import csv
import gzip
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ESCAPABLE, open_page, shown

from dropout_core import cached_runs, train
from dropout_core.runtime import hardware, settings
from dropout_core.training import data as data_module
from dropout_core.training.data import IDX_FILES, DataCorruptError, load_fashion_mnist
from dropout_core.training.records import parse_run_record, records_to_csv, save_record
from dropout_core.training.saved_runs import DEFAULT_DIR, run_path
from ui.safe_text import MAX_CHARS, plain

LINK_PAYLOAD = "[Your session expired, click here](http://evil.example/login) ![x](http://evil.example/p.png)"
MARKUP_PAYLOAD = "[text](http://evil.example) ![x](http://evil.example/p.png) :red[alarm] $x^2$ <b>bold</b> *em*"
# In CommonMark a backslash before ASCII punctuation shows that character; any such character without one may
# start markup (a link, an image, a colour, LaTeX, HTML, emphasis).
UNESCAPED_MARKUP = re.compile(r"(?<!\\)[\[\]()!:$<>*_`]")
DEBIAN = Path("/usr/share/datasets/fashion-mnist")
SMALL_RECORD = run_path(DEFAULT_DIR, "small", "p0.2-0.5", 1)
TINY_ARGS = ["--epochs", "1", "--train-size", "100", "--batch-size", "50", "--hidden", "8", "8", "--device", "cpu"]


def assert_literal(markdown: str, text: str) -> None:
    """markdown displays text character for character, and no markup starts inside the part that shows it."""
    starts, i = [], 0  # where each displayed character starts in markdown
    while i < len(markdown):
        starts.append(i)
        i += 2 if markdown[i] == "\\" and re.match(rf"[{ESCAPABLE}]", markdown[i + 1: i + 2]) else 1
    starts.append(len(markdown))
    where = shown(markdown).find(text)
    assert where >= 0, markdown
    span = markdown[starts[where]: starts[where + len(text)]]
    assert not UNESCAPED_MARKUP.search(span), span


# --- text from a user is shown as text ------------------------------------------------------------------------
def test_plain_escapes_every_markup_and_keeps_one_short_line():
    escaped = plain(MARKUP_PAYLOAD)
    assert_literal(escaped, MARKUP_PAYLOAD)
    unescaped = re.sub(rf"\\([{ESCAPABLE}])", r"\1", escaped + plain(" www.evil.example a@evil.example"))
    assert not re.search(r"://|www\.|@\w", unescaped)  # no bare link (GFM's autolinks) either
    long = plain("a\nb" * 5000)
    assert len(shown(long)) == MAX_CHARS and shown(long).endswith("…") and "\n" not in long


# A control of each page (the language switch on Home, in the sidebar), read from the link on the page's first run.
PAGE_KEYS = {"pages/home.py": "lang", "pages/mask.py": "p", "pages/train.py": "p1", "pages/compare.py": "band",
             "pages/theory.py": "section"}


@pytest.mark.parametrize("page", PAGE_KEYS)
def test_markdown_from_a_link_is_shown_as_text_on_every_page(app, no_data, monkeypatch, page):
    monkeypatch.setenv(settings.CACHED_RUNS, str(DEFAULT_DIR))
    key = PAGE_KEYS[page]
    if page == "pages/home.py":  # the page a link opens first
        app.query_params[key] = LINK_PAYLOAD
        app.run()
    else:
        open_page(app, page, **{key: LINK_PAYLOAD})
    notices = [w.value for w in app.main.warning if f"{key} = " in w.value]
    assert len(notices) == 1, [w.value for w in app.warning]
    assert_literal(notices[0], LINK_PAYLOAD)
    assert not app.sidebar.warning


def test_a_long_link_value_is_shortened(app, no_data):
    open_page(app, "pages/mask.py", p="9" * 10_000)
    (notice,) = [w.value for w in app.warning if "= 9" in w.value]
    assert len(notice) < 400 and "…" in notice


@pytest.mark.parametrize("key", ["h1", "h2", "net", "init", "wd", "train_seed", "device"])
def test_a_bad_value_for_a_collapsed_setting_is_noticed_above_the_page(app, no_data, key):
    open_page(app, "pages/train.py", **{key: "bogus"})
    assert not app.expander[0].warning  # not hidden in the collapsed "Settings"
    elements = [element for element in _walk(app.main) if element.type in ("warning", "title")]
    assert elements[0].type == "warning" and f"{key} = bogus" in shown(elements[0].value)


def _walk(node):
    """The elements under node, in page order."""
    children = getattr(node, "children", None)
    if children is None:
        yield node
        return
    for child in children.values():
        yield from _walk(child)


# --- uploads and saved-runs folders -------------------------------------------------------------------------
def record_json(**changes) -> bytes:
    """The committed small record with some top-level fields changed."""
    return json.dumps({**json.loads(SMALL_RECORD.read_text()), **changes}).encode()


def upload(app, name: str, content: bytes):
    """Open Compare (prediction prompts off: these tests read what it shows) and put one file in its uploader."""
    open_page(app, "pages/compare.py", predict="false")
    app.file_uploader(key="uploads").set_value((name, content, "application/json")).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.fixture
def saved(no_data, monkeypatch):
    """No Fashion-MNIST; Compare reads the committed saved runs."""
    monkeypatch.setenv(settings.CACHED_RUNS, str(DEFAULT_DIR))


def test_an_uploaded_label_with_markup_is_shown_as_text(app, saved):
    upload(app, "[a](http://evil.example).json", record_json(label=MARKUP_PAYLOAD))
    (message,) = [s.value for s in app.success]
    assert_literal(message, MARKUP_PAYLOAD)
    assert_literal(message, "[a](http://evil.example).json")


def test_a_bad_status_with_markup_is_refused_as_text(app, saved):
    upload(app, "bad.json", record_json(status=MARKUP_PAYLOAD))
    (message,) = [e.value for e in app.error]
    assert_literal(message, "status must be one of finished, stopped, diverged, got '[text](http://evil.example)")


def test_a_number_with_thousands_of_digits_is_a_clear_per_file_error(app, saved):
    content = SMALL_RECORD.read_bytes().replace(b'"seed": 1', b'"seed": ' + b"7" * 5000, 1)
    assert content != SMALL_RECORD.read_bytes()
    upload(app, "huge.json", content)
    (message,) = [e.value for e in app.error]
    assert "number with thousands of digits" in shown(message)
    assert len(app.get("vega_lite_chart")) == 3  # the page goes on working


def test_runs_without_finite_values_do_not_contradict_themselves(app, saved):
    record = json.loads(SMALL_RECORD.read_text())
    for epoch in record["epochs"]:
        epoch.update({name: None for name in epoch if name not in ("epoch", "seconds")})
    record.pop("summary")  # a version-1 record (no summary of its own, so none to contradict its epochs)
    record["version"] = 1
    upload(app, "nulls.json", json.dumps(record).encode())
    line = next(m.value for m in app.markdown if m.value.startswith("- **Your runs"))  # the setting's own line
    assert "none (no run has a finite value)" in line and "no run diverged" in line
    assert "every run diverged" not in line


def test_a_saved_runs_folder_named_like_a_link_is_shown_as_text(app, no_data, tmp_path, monkeypatch):
    name = "[click here](javascript:alert(1))"
    (tmp_path / name).mkdir()
    shutil.copy(SMALL_RECORD, tmp_path / name / SMALL_RECORD.name)
    monkeypatch.setenv(settings.CACHED_RUNS, str(tmp_path))
    open_page(app, "pages/compare.py")
    (caption,) = [c.value for c in app.caption if "Runs found in the folder" in shown(c.value)]
    assert_literal(caption, name)


@pytest.mark.parametrize("label", ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)",
                                   "\tcmd", "\rcmd"])
def test_csv_cells_never_start_a_formula(label):
    record = parse_run_record(record_json(label=label))
    plain_record = parse_run_record(record_json(label="p=0.2 run"))
    rows = list(csv.DictReader(io.StringIO(records_to_csv([record, plain_record]), newline="")))
    labels = {row["label"] for row in rows}
    assert labels == {"'" + label, "p=0.2 run"}
    assert all(not row[column].startswith(("=", "+", "@", "\t", "\r")) for row in rows for column in row)


# --- corrupt Fashion-MNIST ----------------------------------------------------------------------------------
def _raw(stem: str) -> bytes:
    with gzip.open(DEBIAN / f"{stem}.gz") as f:
        return f.read()


def _header(magic: int, *dims: int) -> bytes:
    return bytes([0, 0, magic, len(dims)]) + b"".join(d.to_bytes(4, "big") for d in dims)


LABELS, IMAGES = IDX_FILES["test_labels"], IDX_FILES["test_images"]
# kind: (file, its new content from the real one (uncompressed), words the message must hold)
CORRUPTIONS = {
    "truncated": (LABELS, lambda raw: raw[:-100], "cut short: 9900 of the 10000 values"),
    "trailing data": (LABELS, lambda raw: raw + b"\0", "goes on after the 10000 values"),
    "wrong magic": (IMAGES, lambda raw: b"\0\0\x0d" + raw[3:], "does not start like an IDX file"),
    "one label too few": (LABELS, lambda raw: _header(8, 9999) + raw[8:-1], "shape (9999,), Fashion-MNIST's is "
                                                                             "(10000,)"),
    "ndim 255": (LABELS, lambda raw: _header(8, *[10_000] * 255), "255 dimensions, Fashion-MNIST's has 1"),
    "terabytes": (IMAGES, lambda raw: _header(8, 2**32 - 1, 2**32 - 1, 2**32 - 1), "shape (4294967295,"),
    "label 200": (LABELS, lambda raw: raw[:-1] + bytes([200]), "holds the label 200"),
    "not gzip": (LABELS + ".gz", lambda raw: raw, "cannot be read"),
    "truncated gzip": (LABELS + ".gz", lambda raw: gzip.compress(raw)[:-2000], "cannot be read"),
}


def corrupt_folder(folder: Path, kind: str) -> Path:
    """The real Fashion-MNIST in folder (gzipped, linked), with one file damaged as kind says."""
    stem_or_name, damage, _ = CORRUPTIONS[kind]
    folder.mkdir()
    stem = stem_or_name.removesuffix(".gz")
    for other in IDX_FILES.values():
        if other != stem:
            (folder / f"{other}.gz").symlink_to(DEBIAN / f"{other}.gz")
    content = damage(_raw(stem))
    if stem_or_name.endswith(".gz"):
        (folder / f"{stem}.gz").write_bytes(content)  # a .gz whose bytes are what damage made
    else:
        (folder / stem).write_bytes(content)
    return folder


needs_debian = pytest.mark.skipif(not DEBIAN.is_dir(), reason="Debian's dataset-fashion-mnist is not installed")


@needs_debian
@pytest.mark.parametrize("kind", CORRUPTIONS)
def test_corrupt_data_names_the_file_and_the_problem(tmp_path, monkeypatch, kind):
    monkeypatch.setattr(data_module, "_cache", {})
    folder = corrupt_folder(tmp_path / "corrupt", kind)
    with pytest.raises(DataCorruptError) as error:
        load_fashion_mnist(folder, allow_download=False)
    message = str(error.value)
    assert CORRUPTIONS[kind][0].removesuffix(".gz") in message and CORRUPTIONS[kind][2] in message
    assert "To fix it" in message


@needs_debian
@pytest.mark.parametrize("page, link", [("pages/train.py", {}), ("pages/mask.py", {"input": "image"}),
                                        ("pages/theory.py", {"section": "average"})])
def test_pages_show_a_notice_for_corrupt_data(app, no_data, tmp_path, monkeypatch, page, link):
    monkeypatch.setenv(settings.DATA, str(corrupt_folder(tmp_path / "corrupt", "label 200")))
    open_page(app, page, **link)  # asserts no exception
    notices = [shown(n.value) for n in [*app.error, *app.warning, *app.code]]
    assert any(LABELS in notice and "holds the label 200" in notice for notice in notices), notices


# --- environment variables ----------------------------------------------------------------------------------
BAD_SETTINGS = [
    (settings.THREADS, "abc"), (settings.THREADS, "100000"), (settings.THREADS, "-1"), (settings.THREADS, "0"),
    (settings.THREADS, "1.5"), (settings.TRAINING_SLOTS, "0"), (settings.TRAINING_SLOTS, "-1"),
    (settings.TRAINING_SLOTS, "abc"), (settings.TRAINING_SLOTS, "65"), (settings.OFFLINE, "maybe"),
    (settings.DATA, "/no/such/folder"), (settings.CACHED_RUNS, str(SMALL_RECORD)),
]


@pytest.mark.parametrize("name, text", BAD_SETTINGS)
def test_a_bad_setting_is_named_with_its_range_and_the_default_used(monkeypatch, name, text):
    for other in settings.SETTINGS:
        monkeypatch.delenv(other, raising=False)
    default = settings.value(name)
    monkeypatch.setenv(name, text)
    (problem,) = settings.problems()
    # The value is quoted, shortened with "…" when long (a checkout's path may be): its start is always there.
    quoted, rest = problem.split(" is not allowed: use ", 1)
    assert quoted.startswith(f"{name}='") and rest
    assert text.startswith(quoted[len(name) + 2:].rstrip("'").rstrip("…"))
    assert settings.value(name) == default


@pytest.mark.parametrize("name, text, expected", [
    (settings.THREADS, " 1 ", 1), (settings.TRAINING_SLOTS, "64", 64), (settings.OFFLINE, "TRUE", True),
    (settings.OFFLINE, "0", False), (settings.OFFLINE, "", False),
    (settings.CACHED_RUNS, str(DEFAULT_DIR), DEFAULT_DIR),
])
def test_good_settings_are_read(monkeypatch, name, text, expected):
    monkeypatch.setenv(name, text)
    assert settings.value(name) == expected and not [p for p in settings.problems() if name in p]


@pytest.mark.parametrize("depend, text, cores, expected", [
    (False, None, 2, 2), (False, None, 8, 8), (False, None, 1, 1),  # trainings share every core
    (True, None, 2, 1), (True, None, 8, 7), (True, None, 1, 1),  # else one is left for the server's reruns
    (False, "2", 8, 2), (True, " 3 ", 8, 3),  # a variable set says how many
    (False, "abc", 4, 4), (True, "0", 4, 3),  # a bad one is reported (above) and the server's default applies
])
def test_the_server_threads_default_to_what_its_trainings_can_share(monkeypatch, depend, text, cores, expected):
    if text is None:
        monkeypatch.delenv(settings.THREADS, raising=False)
    else:
        monkeypatch.setenv(settings.THREADS, text)
    monkeypatch.setattr(hardware, "usable_cores", lambda: cores)
    monkeypatch.setattr(hardware, "runs_depend_on_threads", lambda: depend)
    assert hardware.server_threads() == expected
    assert settings.is_set(settings.THREADS) == (text is not None and text.strip() in ("2", "3"))


def test_the_app_shows_a_bad_setting_and_keeps_working(app, no_data, monkeypatch):
    monkeypatch.setenv(settings.TRAINING_SLOTS, "abc")
    open_page(app, "pages/mask.py")
    (message,) = [shown(e.value) for e in app.error]
    assert settings.TRAINING_SLOTS in message and "from 1 to 64" in message
    assert [title.value for title in app.title] == ["Mask explorer"]  # the page itself still draws


# --- the command lines --------------------------------------------------------------------------------------
def no_training(*args, **kwargs):
    pytest.fail("the data was loaded although an option was bad")


@pytest.mark.parametrize("options, message", [
    (["--lr", "1e39"], "lr (learning rate) must be a number in (0, 1e+06]"),
    (["--weight-decay", "1e308"], "weight_decay must be a number in [0, 10]"),
    (["--seed", "-5"], "seed must be an integer in [0, 2**62)"),
])
def test_cli_refuses_out_of_range_options_before_loading_data(monkeypatch, capsys, options, message):
    monkeypatch.setattr(train, "load_fashion_mnist", no_training)
    with pytest.raises(SystemExit) as exit_:
        train.main([*TINY_ARGS, *options])
    assert exit_.value.code == 2 and message in capsys.readouterr().err


def test_both_clis_share_one_seed_rule(monkeypatch, capsys):
    monkeypatch.setattr(cached_runs, "load_fashion_mnist", no_training)
    with pytest.raises(SystemExit) as exit_:
        cached_runs.main(["--seed", "-5"])
    assert exit_.value.code == 2 and "seed must be an integer in [0, 2**62)" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["missing folder", "proc", "a folder"])
def test_cli_checks_the_output_path_before_training(monkeypatch, capsys, tmp_path, where):
    path = {"missing folder": tmp_path / "nope" / "run.json", "proc": Path("/proc/run.json"),
            "a folder": tmp_path}[where]
    monkeypatch.setattr(train, "load_fashion_mnist", no_training)
    with pytest.raises(SystemExit) as exit_:
        train.main([*TINY_ARGS, "--json", str(path)])
    assert exit_.value.code == 2 and "run record" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []  # no temporary file left


def test_a_failed_save_leaves_no_temporary_file(tmp_path):
    (tmp_path / "run.json").mkdir()  # a folder where the file should go: the final rename fails
    with pytest.raises(OSError):
        save_record(parse_run_record(SMALL_RECORD.read_bytes()), tmp_path / "run.json")
    assert [p.name for p in tmp_path.iterdir()] == ["run.json"]


@pytest.mark.parametrize("cli", [train, cached_runs])
def test_clis_refuse_a_bad_environment_variable(monkeypatch, capsys, cli):
    monkeypatch.setenv(settings.THREADS, "abc")
    monkeypatch.setattr(cli, "load_fashion_mnist", no_training)
    with pytest.raises(SystemExit) as exit_:
        cli.main([])
    assert exit_.value.code == 2 and f"{settings.THREADS}='abc' is not allowed" in capsys.readouterr().err
