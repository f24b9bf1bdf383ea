"""How many threads numpy's matrix products may use.

The course's networks are small: a product of 32 × 64 by 64 × 32 is over before a second BLAS thread
has started, and on a busy machine (a laptop with a browser open, a shared 2-core server) waiting for
a free core can make a training epoch or a slider move several times slower. Training and the
widgets therefore run their products on one thread.
"""

import functools

from threadpoolctl import ThreadpoolController

__all__ = ["one_blas_thread"]


@functools.cache
def _controller():
    return ThreadpoolController()


def one_blas_thread():
    """A context in which BLAS (numpy's matrix products) uses one thread; on leaving it, as before.

    >>> import numpy as np
    >>> with one_blas_thread():
    ...     (np.ones((2, 3)) @ np.ones((3, 2))).tolist()
    [[3.0, 3.0], [3.0, 3.0]]
    """
    return _controller().limit(limits=1, user_api="blas")
