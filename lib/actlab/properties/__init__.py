r"""Properties of an activation, *measured* numerically — for the library's activations and for any
function a learner writes.

Nothing here reads what the library declares, so the two can be compared (lesson 09).

================ =====================================================================
module           what it holds
================ =====================================================================
``measured``     lesson 07's numbers: E[f(Z)] and Var f(Z), the minimum, the largest slope,
                 monotonicity, smoothness at a point, the range, the cost, :func:`properties`
``verdict``      :func:`probe` (any callable made safe to evaluate) and :class:`Verdict`
``checkers``     lesson 09's checkers: non-linearity, range, continuity, differentiability,
                 smoothness order, monotonicity, zero-centring, saturation, identity near 0,
                 largest slope, cost — each a verdict with its evidence
``table``        every checker on one function (:func:`classify`), on many
                 (:func:`property_table`), and declared against measured
================ =====================================================================

>>> from actlab import gelu
>>> round(minimum(gelu).value, 4), round(minimum(gelu).where, 3)
(-0.17, -0.752)
>>> round(check_differentiability("selu").evidence[0]["f′(x−)"], 4)
1.7581
"""

from actlab.properties.checkers import (CHECKERS, check, check_continuity, check_cost,
                                        check_differentiability, check_identity_near_0,
                                        check_largest_slope, check_monotonicity,
                                        check_nonlinearity, check_range, check_saturation,
                                        check_smoothness, check_zero_centred, kinks_found)
from actlab.properties.measured import (Extremum, Monotonicity, Properties, as_function,
                                        cost_per_million, gaussian_moments, largest_slope,
                                        minimum, monotonicity, output_range, properties,
                                        smoothness_at)
from actlab.properties.table import (TABLE_PROPERTIES, Report, classify, declared_vs_measured,
                                     format_comparison, property_table)
from actlab.properties.verdict import CheckError, Verdict, probe

__all__ = ["Extremum", "Monotonicity", "Properties", "as_function", "cost_per_million",
           "gaussian_moments", "largest_slope", "minimum", "monotonicity", "output_range",
           "properties", "smoothness_at",
           "CHECKERS", "CheckError", "Report", "TABLE_PROPERTIES", "Verdict", "check",
           "check_continuity", "check_cost", "check_differentiability", "check_identity_near_0",
           "check_largest_slope", "check_monotonicity", "check_nonlinearity", "check_range",
           "check_saturation", "check_smoothness", "check_zero_centred", "classify",
           "declared_vs_measured", "format_comparison", "kinks_found", "probe", "property_table"]
