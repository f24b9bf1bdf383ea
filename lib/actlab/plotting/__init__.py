"""One look for the whole course, and its standard plots, by topic.

Call :func:`use_course_style` once at the top of a notebook. Every drawing function takes an optional
``ax=`` and returns the Axes (or Figure) it drew on, so a lesson can compose them.

============== =====================================================================
module         what it draws
============== =====================================================================
``style``      the course style and the colour-blind-safe palette (Okabe & Ito)
``curves``     an activation and its derivative; the gallery of every activation
``perceptron`` 2-D data, decision boundaries, training errors, the neuron diagram
``networks``   a small network's output over the plane; ReLU-piece fits
============== =====================================================================
"""

from actlab.plotting.curves import plot_activation, plot_gallery
from actlab.plotting.networks import plot_fit_error, plot_network_output, plot_relu_fit
from actlab.plotting.perceptron import (draw_neuron, line_equation, plot_dataset,
                                        plot_decision_boundary, plot_errors_per_epoch)
from actlab.plotting.style import (CLASS_COLOURS, CLASS_MARKERS, COURSE_STYLE, DERIVATIVE_COLOUR,
                                   FUNCTION_COLOUR, PALETTE, WRONG_COLOUR, use_course_style)

__all__ = ["CLASS_COLOURS", "CLASS_MARKERS", "COURSE_STYLE", "DERIVATIVE_COLOUR", "FUNCTION_COLOUR",
           "PALETTE", "WRONG_COLOUR", "draw_neuron", "line_equation", "plot_activation",
           "plot_dataset", "plot_decision_boundary", "plot_errors_per_epoch", "plot_fit_error",
           "plot_gallery", "plot_network_output", "plot_relu_fit", "use_course_style"]
