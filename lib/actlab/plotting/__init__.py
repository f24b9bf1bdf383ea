"""One look for the whole course, and its standard plots, by topic.

Call :func:`use_course_style` once at the top of a notebook. Every drawing function takes an optional
``ax=`` and returns the Axes (or Figure) it drew on, so a lesson can compose them.

================= ==================================================================
module            what it draws
================= ==================================================================
``style``         the course style and the colour-blind-safe palette (Okabe & Ito)
``curves``        an activation and its derivative; the gallery of every activation
``perceptron``    2-D data, decision boundaries, training errors, the neuron diagram
``networks``      a small network's hidden units and its output over the plane; ReLU-piece fits
``steps``         lesson 03: the loss along one weight of a step network, a step unit's line, hidden
                  lines, training runs, σ(kx) approaching the step
``logistic``      lesson 04: a logistic model's probabilities over the plane; ∂L/∂z of squared error
                  against cross-entropy
``saturation``    lesson 04: σ′ on a log scale, a layer's pre-activations in the saturated zones, the
                  share saturated against the weight spread
``descent``       lesson 04: the path of two weights over their loss; weight-gradient norms per layer
``layers``        inside a deep network: every layer's histogram of outputs; a statistic against depth
``relu``          lesson 06: the cost of activations, dead units per layer, born-dead networks, the
                  cosine of two inputs through random ReLU layers
``family``        lesson 07: the ReLU family and smooth units overlaid, GELU as an expected gate, its
                  approximations' errors, PReLU's learned slopes, the cost of each unit
``probabilities`` lesson 08: distributions as bars, entropy against temperature, the softmax
                  Jacobian, how hard two losses push a wrong answer
``properties``    lesson 09: a checker's evidence drawn on the function; the property grid
``gradients``     lesson 10: per-layer gradient norms and activation statistics, by activation and
                  initialisation, from the results file
``choosing``      lesson 11: accuracy spreads over seeds, validation curves, the patience trap,
                  decision regions of every activation, cost and dead units
================= ==================================================================
"""

from actlab.plotting.choosing import (plot_accuracy_spread, plot_cost_and_dead, plot_patience,
                                      plot_regions, plot_regions_gallery, plot_val_curves)
from actlab.plotting.curves import plot_activation, plot_gallery
from actlab.plotting.descent import plot_gradient_norms, plot_weight_path, same_direction
from actlab.plotting.family import (plot_approximation_errors, plot_cost, plot_family,
                                    plot_gelu_gate, plot_learned_slopes)
from actlab.plotting.gradients import plot_gradient_grid
from actlab.plotting.layers import layer_histograms, plot_layer_histograms, plot_per_layer
from actlab.plotting.logistic import plot_probability_map, plot_score_gradients, score_gradients
from actlab.plotting.networks import (ACTIVE_COLOUR, plot_fit_error, plot_hidden_units,
                                      plot_network_output, plot_relu_fit)
from actlab.plotting.perceptron import (draw_neuron, line_equation, plot_dataset,
                                        plot_decision_boundary, plot_errors_per_epoch,
                                        plot_learned_boundaries)
from actlab.plotting.probabilities import (entropy, plot_distributions,
                                           plot_entropy_against_temperature, plot_jacobian,
                                           plot_wrong_answer_gradients)
from actlab.plotting.properties import plot_evidence, plot_property_grid
from actlab.plotting.relu import (plot_born_dead, plot_cosine_by_depth, plot_dead_per_layer,
                                  plot_evaluation_cost)
from actlab.plotting.saturation import (SIGMOID_SATURATION_EDGE, plot_pre_activations,
                                        plot_saturated_fraction, plot_slope_decay)
from actlab.plotting.steps import (plot_accuracy_runs, plot_hidden_lines, plot_loss_along_weight,
                                   plot_steepening_sigmoids, plot_step_unit)
from actlab.plotting.style import (CLASS_COLOURS, CLASS_MARKERS, COURSE_STYLE, DERIVATIVE_COLOUR,
                                   FUNCTION_COLOUR, PALETTE, WRONG_COLOUR, use_course_style)

__all__ = ["CLASS_COLOURS", "CLASS_MARKERS", "COURSE_STYLE", "DERIVATIVE_COLOUR", "FUNCTION_COLOUR",
           "PALETTE", "WRONG_COLOUR", "draw_neuron", "line_equation", "plot_activation",
           "plot_dataset", "plot_decision_boundary", "plot_errors_per_epoch", "plot_fit_error",
           "plot_gallery", "plot_network_output", "plot_relu_fit", "use_course_style",
           "ACTIVE_COLOUR", "plot_hidden_units", "plot_learned_boundaries",
           "plot_accuracy_runs", "plot_hidden_lines", "plot_loss_along_weight",
           "plot_steepening_sigmoids", "plot_step_unit",
           "SIGMOID_SATURATION_EDGE", "plot_gradient_norms", "plot_pre_activations",
           "plot_probability_map", "plot_saturated_fraction", "plot_score_gradients",
           "plot_slope_decay", "plot_weight_path", "same_direction", "score_gradients",
           "layer_histograms", "plot_layer_histograms", "plot_per_layer",
           "plot_born_dead", "plot_cosine_by_depth", "plot_dead_per_layer", "plot_evaluation_cost",
           "plot_approximation_errors", "plot_cost", "plot_family", "plot_gelu_gate",
           "plot_learned_slopes",
           "entropy", "plot_distributions", "plot_entropy_against_temperature", "plot_jacobian",
           "plot_wrong_answer_gradients",
           "plot_evidence", "plot_property_grid",
           "plot_gradient_grid",
           "plot_accuracy_spread", "plot_cost_and_dead", "plot_patience", "plot_regions",
           "plot_regions_gallery", "plot_val_curves"]
