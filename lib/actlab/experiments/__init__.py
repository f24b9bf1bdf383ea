"""Experiments too large for a lesson's 10 seconds: each module runs its full grid as a script
(``python -m actlab.experiments.<name>``) and writes a small results file next to itself, which the
lesson plots and partly recomputes live, and a test recomputes a random sample of exactly.

================ ==========================================================================
module           experiment
================ ==========================================================================
``dying_relu``   lesson 06: dead ReLU units on the digits by initialisation, learning rate and
                 activation; born-dead networks; how depth makes inputs alike
``vanishing``    lesson 10: per-layer gradient norms and activation statistics by activation,
                 initialisation and depth; normalisation and residual connections
``choosing``     lesson 11: every activation trained shallow and deep on the digits and three
                 toy sets, over seeds; the early-stopping trap of a deep sigmoid network
================ ==========================================================================
"""
