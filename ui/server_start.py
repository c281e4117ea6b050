"""What the server does once as it starts, before its first visitor: import and compute what a first visit needs.

Without it the first visitor of a fresh server waits while Python imports torch and the pages (several seconds, more
on a busy machine) and while the Theory lab evaluates its network. A lecturer starts the server before class; the
class should not pay for its start.
"""
import asyncio
import importlib
import logging
import pkgutil
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager

import ui

log = logging.getLogger(__name__)


def import_every_module() -> None:
    """Import every module of ui/ (and so dropout_core, torch, altair and the rest the pages use)."""
    for module in pkgutil.walk_packages(ui.__path__, prefix="ui."):
        importlib.import_module(module.name)


def warm_theory_lab() -> None:
    """Load the dataset and the Theory lab's network, and compute sections 2 and 3 for their default settings (section
    3 for each of its numbers of passes)."""
    from dropout_core.theory import lab_network
    from dropout_core.training import data
    from ui.theory_lab import average, mc, network
    from ui.theory_lab.controls import DEFAULT_SEED

    if data.find_local_copy(data.candidate_folders()) is None:
        return  # the pages say what is missing and how to get it; nothing downloads before a visitor asks
    dataset = data.load_fashion_mnist()
    model = network.builtin_model(lab_network.BUILTIN_CONFIG, dataset.checksum)
    images, labels = network.test_subset(dataset)
    fingerprint = lab_network.model_fingerprint(model)
    network.thinned_average(fingerprint, dataset.checksum, len(images), average.T_MAX, DEFAULT_SEED, model, images,
                            labels)
    for passes in mc.T_CHOICES:  # a class moving T together would otherwise compute each one at once, in turn
        network.mc_dropout(fingerprint, dataset.checksum, len(images), passes, DEFAULT_SEED, model, images)


def warm_training() -> None:
    """Import what a first training imports: torch builds its first optimizer only after importing its compiler
    (torch._dynamo, about 0.9 CPU-s), which the first visitor to press Start would otherwise wait for."""
    import torch

    torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)


def warm_up() -> None:
    """Size torch's thread pool, import the pages' modules and what a first training needs, read the saved runs
    (Compare, Exercises) and compute the Theory lab's default results."""
    from dropout_core.runtime.hardware import configure_threads, server_threads
    from ui.compare.runs import saved_runs

    configure_threads(server_threads())  # process-wide: sized once, before any page trains
    import_every_module()
    warm_training()
    saved_runs()
    warm_theory_lab()


@asynccontextmanager
async def lifespan(_app):
    """Warm up, then serve. A failed warm-up is logged and the server starts anyway: each page reports its own
    problems (a missing dataset, a damaged file) to the visitor who meets them.

    The warm-up runs on a thread of its own that ends with it, not on asyncio's executor, whose threads live as long
    as the server. A thread that has run torch's parallel work keeps its OpenMP team while it lives, and while a second
    team lives, GNU OpenMP on a machine with no more cores than its threads stops spinning between parallel regions:
    each of a training's elementwise ops then waits for its helper thread to wake. Measured on 2 cores (2026-12-01):
    an in-place multiply of a d2l batch 7 us alone, 17 us beside a second team; a 4-epoch run 3.45 s on a thread
    alone, 3.89 s beside one.
    """
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="warm-up") as executor:
            await asyncio.get_running_loop().run_in_executor(executor, warm_up)
    except Exception:
        log.exception("warming up failed; the server starts anyway")
    yield
