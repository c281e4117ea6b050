"""The two d2l nets: structure, dropout only while training, seeded initialisation shared by both."""
import math

import pytest
import torch
from torch import nn

from dropout_core.training.models import (
    NORMAL_INIT_STD,
    ScratchNet,
    build_model,
    check_hidden,
    concise_net,
    linear_layers,
)

HIDDEN = (64, 32)


def images(n=8, seed=0):
    """A batch of fake images in [0, 1), shaped like Fashion-MNIST's."""
    return torch.rand(n, 28, 28, generator=torch.Generator().manual_seed(seed))


def weights(model):
    """The model's linear weights and biases, input side first."""
    return [tensor for layer in linear_layers(model) for tensor in (layer.weight, layer.bias)]


def test_concise_net_is_d2l_sequential():
    net = concise_net(0.2, 0.5, HIDDEN)
    kinds = [type(module) for module in net]
    assert kinds == [nn.Flatten, nn.Linear, nn.ReLU, nn.Dropout, nn.Linear, nn.ReLU, nn.Dropout, nn.Linear]
    assert (net[3].p, net[6].p) == (0.2, 0.5)
    assert [(layer.in_features, layer.out_features) for layer in linear_layers(net)] == [(784, 64), (64, 32), (32, 10)]


def test_scratch_net_shapes_and_flattening():
    net = ScratchNet(0.2, 0.5, HIDDEN)
    assert net(images()).shape == (8, 10)
    net.eval()
    assert torch.equal(net(images()), net(images().reshape(8, 784)))


def test_scratch_dropout_only_while_training():
    net = ScratchNet(0.5, 0.5, HIDDEN, generator=torch.Generator().manual_seed(1))
    X = images()
    net.eval()
    assert torch.equal(net(X), net(X))  # eval mode: no randomness at all
    expected = net.lin3(torch.relu(net.lin2(torch.relu(net.lin1(X.reshape(-1, 784))))))
    assert torch.equal(net(X), expected)  # and no rescaling either
    net.train()
    assert not torch.equal(net(X), expected)
    assert not hasattr(net, "is_training")  # nn.Module's own flag decides, no shadow attribute


def test_scratch_masks_come_from_its_generator():
    X = images()
    outputs = [ScratchNet(0.5, 0.5, HIDDEN, generator=torch.Generator().manual_seed(seed)) for seed in (3, 3, 4)]
    for net in outputs[1:]:
        net.load_state_dict(outputs[0].state_dict())
    same, same_again, other = (net(X) for net in outputs)
    assert torch.equal(same, same_again)
    assert not torch.equal(same, other)


@pytest.mark.parametrize("init", ["normal", "default"])
def test_build_model_gives_both_implementations_the_same_weights(init):
    scratch = build_model("scratch", 0.2, 0.5, HIDDEN, init, seed=7)
    concise = build_model("concise", 0.2, 0.5, HIDDEN, init, seed=7)
    other_seed = build_model("scratch", 0.2, 0.5, HIDDEN, init, seed=8)
    for a, b, c in zip(weights(scratch), weights(concise), weights(other_seed)):
        assert torch.equal(a, b)
        assert a.shape == c.shape
    assert not torch.equal(weights(scratch)[0], weights(other_seed)[0])


def test_normal_init_is_d2l_concise():
    model = build_model("concise", 0.2, 0.5, (256, 256), "normal", seed=0)
    first = linear_layers(model)[0].weight
    # 200,704 draws of N(0, 0.01^2): the sample std has standard error 0.01 / sqrt(2 n) = 1.6e-5, the mean
    # 0.01 / sqrt(n) = 2.2e-5. Allow 6 standard errors.
    assert abs(first.std().item() - NORMAL_INIT_STD) < 6 * NORMAL_INIT_STD / math.sqrt(2 * first.numel())
    assert abs(first.mean().item()) < 6 * NORMAL_INIT_STD / math.sqrt(first.numel())
    assert all(torch.count_nonzero(layer.bias) == 0 for layer in linear_layers(model))


def test_default_init_is_pytorch_rule():
    model = build_model("scratch", 0.2, 0.5, HIDDEN, "default", seed=0)
    for layer in linear_layers(model):
        bound = 1 / math.sqrt(layer.in_features)  # kaiming_uniform_(a=sqrt(5)) and the bias rule both give this
        for tensor in (layer.weight, layer.bias):
            assert tensor.abs().max() <= bound
            # the largest of n uniform draws falls below (1 - 10/n) * bound with probability (1 - 10/n)^n < e^-10
            assert tensor.abs().max() > (1 - 10 / tensor.numel()) * bound


def test_build_model_leaves_the_global_generator_alone():
    before = torch.get_rng_state()
    build_model("concise", 0.2, 0.5, HIDDEN, "default", seed=0)
    assert torch.equal(torch.get_rng_state(), before)


@pytest.mark.parametrize("p1, p2", [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0)])
def test_scratch_and_concise_agree_where_masks_cannot_differ(p1, p2):
    scratch = build_model("scratch", p1, p2, HIDDEN, "default", seed=0)
    concise = build_model("concise", p1, p2, HIDDEN, "default", seed=0)
    X = images()
    assert torch.equal(scratch(X), concise(X))  # training mode: p = 0 keeps all, p = 1 drops all
    scratch(X).sum().backward()
    concise(X).sum().backward()
    for a, b in zip(weights(scratch), weights(concise)):
        assert a.grad is None and torch.count_nonzero(b.grad) == 0 or torch.equal(a.grad, b.grad)


def test_scratch_and_concise_agree_in_eval_mode():
    scratch = build_model("scratch", 0.5, 0.5, HIDDEN, "normal", seed=0).eval()
    concise = build_model("concise", 0.5, 0.5, HIDDEN, "normal", seed=0).eval()
    assert torch.equal(scratch(images()), concise(images()))


@pytest.mark.parametrize("hidden", [(0, 5), (5, 4097), (5,), (5, 5, 5), (5, 2.5), "55", (True, 5)])
def test_bad_hidden_sizes_rejected(hidden):
    with pytest.raises(ValueError, match="hidden"):
        check_hidden(hidden)


def test_bad_model_options_rejected():
    with pytest.raises(ValueError, match="dropout probability"):
        ScratchNet(p1=1.5)
    with pytest.raises(ValueError, match="dropout probability"):
        concise_net(p2=-0.1)
    with pytest.raises(ValueError, match="implementation"):
        build_model("keras", 0.2, 0.5, HIDDEN, "normal", seed=0)
    with pytest.raises(ValueError, match="init"):
        build_model("scratch", 0.2, 0.5, HIDDEN, "xavier", seed=0)
