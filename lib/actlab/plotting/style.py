"""One look for the whole course: the style and the colour-blind-safe palette.

Call :func:`use_course_style` once at the top of a notebook.
"""

import matplotlib.pyplot as plt
from cycler import cycler

# Okabe & Ito's colour-blind-safe palette (blue, orange, green, vermillion, purple, sky, yellow, black).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
FUNCTION_COLOUR, DERIVATIVE_COLOUR = PALETTE[0], PALETTE[3]

COURSE_STYLE = {
    "axes.prop_cycle": cycler(color=PALETTE),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 90,
    "figure.constrained_layout.use": True,
    "lines.linewidth": 2.0,
    "image.cmap": "cividis",
}


def use_course_style():
    """Apply the course's matplotlib style (palette, grid, sizes) to every later figure."""
    plt.rcParams.update(COURSE_STYLE)


# Two-dimensional data: class 0 is drawn as blue circles, class 1 as orange squares (shape and
# colour both tell them apart); a misclassified point gets a vermillion ring.
CLASS_COLOURS = (PALETTE[0], PALETTE[1])
CLASS_MARKERS = ("o", "s")
WRONG_COLOUR = PALETTE[3]
SHADE_ALPHA = 0.18
