"""The two multilayer perceptrons of d2l's Dropout chapter, and seeded weight initialisation for both.

Both nets are 784 -> hidden[0] -> hidden[1] -> 10 with ReLU and dropout after each hidden layer:
- ScratchNet is d2l's from-scratch Net: it applies its noise itself (d2l's dropout_layer by default, or any noise
  of the registry in noise.py), and can draw it from its own torch.Generator;
- concise_net is d2l's nn.Sequential with nn.Dropout, which draws its masks from PyTorch's global generator.
build_model gives both the same initial weights for the same seed, so they can be compared fairly.
"""
import math

import torch
import torch.nn.functional as F
from torch import nn

from ..checks import (
    check_choice,
    check_drop_probability,
    check_int_between,
    is_whole_number,
)
from .noise import DROPOUT, Noise, find_noise

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
    """d2l's from-scratch Net: three linear layers, ReLU, and hand-written noise (dropout) while training."""

    def __init__(self, p1=0.2, p2=0.5, hidden=(256, 256), generator: torch.Generator | None = None,
                 noise: str = DROPOUT):
        """Build the layers; noise comes from generator, or from PyTorch's global one when it is None."""
        super().__init__()
        self.noise = find_noise(noise)
        self.p1 = self.noise.check_p(p1)
        self.p2 = self.noise.check_p(p2)
        h1, h2 = check_hidden(hidden)
        self.generator = generator
        self.lin1 = nn.Linear(NUM_INPUTS, h1)
        self.lin2 = nn.Linear(h1, h2)
        self.lin3 = nn.Linear(h2, NUM_OUTPUTS)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        """Logits for a batch of images (N, 28, 28) or (N, 784)."""
        return noisy_forward((self.lin1, self.lin2, self.lin3), (self.p1, self.p2), self.noise, X,
                             self.generator, self.training)


def noisy_forward(layers, ps, noise: Noise, X: torch.Tensor, generator: torch.Generator | None, training: bool,
                  trace: list | None = None) -> torch.Tensor:
    """The MLP's forward pass with noise after each hidden ReLU (or on the weights that read it, for DropConnect).

    Correct noises act only while training: at inference every unit is kept and nothing rescaled (d2l 5.6.3).
    trace, when given, receives (activations before the noise, after it) for each hidden layer.
    """
    *hidden_layers, output_layer = layers
    H = X.reshape(-1, NUM_INPUTS)
    weight_p = None  # DropConnect: the drop probability of the weights of the layer that reads H next
    for layer, p in zip(hidden_layers, ps):
        H = F.relu(_linear(layer, H, noise, weight_p, generator, training))
        noisy = H if noise.on_weights else noise.apply(H, p, generator, training)
        if trace is not None:
            trace.append((H, noisy))
        H, weight_p = noisy, (p if noise.on_weights else None)
    return _linear(output_layer, H, noise, weight_p, generator, training)


def _linear(layer: nn.Linear, H: torch.Tensor, noise: Noise, weight_p, generator, training: bool) -> torch.Tensor:
    """The layer applied to H, its weights passed through the noise first when weight_p is set (DropConnect)."""
    if weight_p is None:
        return layer(H)
    return F.linear(H, noise.apply(layer.weight, weight_p, generator, training), layer.bias)


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
                mask_generator: torch.Generator | None = None, noise: str = DROPOUT) -> nn.Module:
    """Either net with weights drawn from a generator seeded by seed: the same weights for both implementations.

    The weights are drawn on the CPU, so a seed gives the same initial weights on every device;
    move the model afterwards. mask_generator and noise are for the scratch net only: the concise net is d2l's
    nn.Sequential with nn.Dropout, which draws from the global generator.
    """
    check_choice(implementation, "implementation", NET_IMPLEMENTATIONS)
    if implementation == "concise" and noise != DROPOUT:
        raise ValueError(f"the concise net uses nn.Dropout; noise {noise!r} needs implementation 'scratch'")
    # Built on the meta device, so construction draws nothing from the global generator and allocates nothing.
    with torch.device("meta"):
        if implementation == "scratch":
            model = ScratchNet(p1, p2, hidden, generator=mask_generator, noise=noise)
        else:
            model = concise_net(p1, p2, hidden)
    model = model.to_empty(device="cpu")
    return initialize_weights(model, init, torch.Generator().manual_seed(seed))
