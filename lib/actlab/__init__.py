"""actlab — the helper library of the course "Activation Functions, Hands-On".

>>> import actlab
>>> actlab.names()[:4]
['binary_step', 'identity', 'sigmoid', 'tanh']
>>> actlab.get("sigmoid").grad(0.0)
np.float64(0.25)
"""

from .activations import (Activation, binary_step, elu, gelu, get, identity, leaky_relu, mish,
                          names, relu, selu, sigmoid, silu, softplus, swish, tanh)
from .probabilities import log_softmax, logsumexp, softmax, softmax_jacobian

__version__ = "0.1.0"

__all__ = ["Activation", "binary_step", "elu", "gelu", "get", "identity", "leaky_relu",
           "log_softmax", "logsumexp", "mish", "names", "relu", "selu", "sigmoid", "silu",
           "softmax", "softmax_jacobian", "softplus", "swish", "tanh"]
