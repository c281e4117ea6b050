"""The two multilayer perceptrons of d2l's Dropout chapter, and seeded weight initialisation for both.

Both nets are 784 -> hidden[0] -> hidden[1] -> 10 with ReLU and dropout after each hidden layer:
- ScratchNet is d2l's from-scratch Net: it calls dropout_layer itself, only while self.training is True,
  and can draw its masks from its own torch.Generator;
- concise_net is d2l's nn.Sequential with nn.Dropout, which draws its masks from PyTorch's global generator.
build_model gives both the same initial weights for the same seed, so they can be compared fairly.
"""
import math

import torch
from torch import nn

from ..checks import (
    check_choice,
    check_drop_probability,
    check_int_between,
    is_whole_number,
)
from ..masks.functions import dropout_layer

NUM_INPUTS = 28 * 28
NUM_OUTPUTS = 10
MAX_HIDDEN = 4096
NET_IMPLEMENTATIONS = ("scratch", "concise")  # d2l 5.6.3 (from scratch) and 5.6.4 (concise)
INITS = ("normal", "default")
NORMAL_INIT_STD = 0.01  # d2l's concise chapter: nn.init.normal_(m.weight, std=0.01)


def check_hidden(hidden) -> tuple[int, int]:
    """Return hidden as a pair of ints, or raise ValueError unless it is two sizes in 1..MAX_HIDDEN."""
    if isinstance(hidden, (str, bytes)) or not hasattr(hidden, "__len__") or len(hidden) != 2:
        raise ValueError(f"hidden must be two layer sizes, e.g. (256, 256); got {hidden!r}")
    for size in hidden:
        if not is_whole_number(size):
            raise ValueError(f"hidden layer sizes must be whole numbers, got {size!r}")
        check_int_between(size, "hidden layer sizes", 1, MAX_HIDDEN)
    return int(hidden[0]), int(hidden[1])


class ScratchNet(nn.Module):
    """d2l's from-scratch Net: three linear layers, ReLU, and hand-written dropout while training."""

    def __init__(self, p1=0.2, p2=0.5, hidden=(256, 256), generator: torch.Generator | None = None):
        """Build the layers; masks come from generator, or from PyTorch's global one when it is None."""
        super().__init__()
        self.p1 = check_drop_probability(p1)
        self.p2 = check_drop_probability(p2)
        h1, h2 = check_hidden(hidden)
        self.generator = generator
        self.lin1 = nn.Linear(NUM_INPUTS, h1)
        self.lin2 = nn.Linear(h1, h2)
        self.lin3 = nn.Linear(h2, NUM_OUTPUTS)
        self.relu = nn.ReLU()

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        """Logits for a batch of images (N, 28, 28) or (N, 784)."""
        H1 = self.relu(self.lin1(X.reshape(-1, NUM_INPUTS)))
        if self.training:  # dropout only while training; at inference every unit is kept and nothing rescaled
            H1 = dropout_layer(H1, self.p1, self.generator)
        H2 = self.relu(self.lin2(H1))
        if self.training:
            H2 = dropout_layer(H2, self.p2, self.generator)
        return self.lin3(H2)


def concise_net(p1=0.2, p2=0.5, hidden=(256, 256)) -> nn.Sequential:
    """d2l's concise model: nn.Sequential with nn.Dropout after each hidden ReLU."""
    p1, p2 = check_drop_probability(p1), check_drop_probability(p2)
    h1, h2 = check_hidden(hidden)
    return nn.Sequential(
        nn.Flatten(),
        nn.Linear(NUM_INPUTS, h1), nn.ReLU(), nn.Dropout(p1),
        nn.Linear(h1, h2), nn.ReLU(), nn.Dropout(p2),
        nn.Linear(h2, NUM_OUTPUTS),
    )


def linear_layers(model: nn.Module) -> list[nn.Linear]:
    """The model's nn.Linear layers, input side first."""
    return [module for module in model.modules() if isinstance(module, nn.Linear)]


@torch.no_grad()
def initialize_weights(model: nn.Module, init: str, generator: torch.Generator) -> nn.Module:
    """Initialise every linear layer from generator: "normal" (d2l concise) or "default" (PyTorch's own rule)."""
    check_choice(init, "init", INITS)
    for layer in linear_layers(model):
        if init == "normal":
            layer.weight.normal_(0.0, NORMAL_INIT_STD, generator=generator)
            layer.bias.zero_()
        else:
            # nn.Linear.reset_parameters, with an explicit generator instead of the global one.
            nn.init.kaiming_uniform_(layer.weight, a=math.sqrt(5), generator=generator)
            bound = 1.0 / math.sqrt(layer.in_features)
            layer.bias.uniform_(-bound, bound, generator=generator)
    return model


def build_model(implementation: str, p1, p2, hidden, init: str, seed: int,
                mask_generator: torch.Generator | None = None) -> nn.Module:
    """Either net with weights drawn from a generator seeded by seed: the same weights for both implementations.

    The weights are drawn on the CPU, so a seed gives the same initial weights on every device;
    move the model afterwards. mask_generator is used by the scratch net only (nn.Dropout cannot take one).
    """
    check_choice(implementation, "implementation", NET_IMPLEMENTATIONS)
    # Built on the meta device, so construction draws nothing from the global generator and allocates nothing.
    with torch.device("meta"):
        if implementation == "scratch":
            model = ScratchNet(p1, p2, hidden, generator=mask_generator)
        else:
            model = concise_net(p1, p2, hidden)
    model = model.to_empty(device="cpu")
    return initialize_weights(model, init, torch.Generator().manual_seed(seed))
