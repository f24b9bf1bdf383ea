"""The course's one training engine: dense layers, backpropagation, losses, initialisers,
optimisers, training with per-layer records, and gradient checking — in plain numpy.

=================== ===================================================================
module              what it holds
=================== ===================================================================
``layers``          :class:`Dense`: forward and backward side by side; PReLU; your own activation
``model``           :class:`Network`: layers in sequence, the output function, backpropagation
``losses``          mean squared error, binary and softmax cross-entropy from the scores
``initialisers``    Xavier/Glorot, He/Kaiming, LeCun, PyTorch's default, N(0, σ²), zeros
``optimisers``      SGD, momentum, Adam; clipping by the global norm
``training``        :func:`train` and its :class:`History`
``records``         :func:`layer_statistics`: saturation, dead units, gradient norms per layer
``gradient_check``  :func:`gradient_check`: backpropagation against finite differences
``expressivity``    lesson 02: linear layers collapse; ReLU pieces approximate a curve
``landscape``       lesson 03: the loss along one weight, and where a step unit makes it jump
=================== ===================================================================

>>> from actlab.datasets import logic_gate
>>> X, y = logic_gate("xor")
>>> net = Network.build([2, 4, 1], "relu", output="sigmoid", seed=0)
>>> history = train(net, X, y, optimizer="adam", learning_rate=0.05, epochs=200, batch_size=4)
>>> net.predict(X).round().ravel().tolist()
[0.0, 1.0, 1.0, 0.0]
"""

from actlab.network.expressivity import collapse, fit_relu_pieces
from actlab.network.gradient_check import GradientCheck, gradient_check
from actlab.network.initialisers import Initialiser, get_initialiser, initialiser_names
from actlab.network.landscape import WeightSweep, loss_along_weight
from actlab.network.layers import Dense, OwnActivation, PReLU
from actlab.network.losses import (Loss, binary_cross_entropy, get_loss, mean_squared_error,
                                   softmax_cross_entropy)
from actlab.network.model import LayerGradients, Network, Trace
from actlab.network.optimisers import SGD, Adam, Momentum, clip_by_global_norm, get_optimizer
from actlab.network.records import LayerStatistics, layer_statistics
from actlab.network.training import History, train

__all__ = ["Adam", "Dense", "GradientCheck", "History", "Initialiser", "LayerGradients",
           "LayerStatistics", "Loss", "Momentum", "Network", "OwnActivation", "PReLU", "SGD",
           "Trace", "WeightSweep", "binary_cross_entropy", "clip_by_global_norm", "collapse",
           "fit_relu_pieces", "get_initialiser", "get_loss", "get_optimizer", "gradient_check",
           "initialiser_names", "layer_statistics", "loss_along_weight", "mean_squared_error",
           "softmax_cross_entropy", "train"]
