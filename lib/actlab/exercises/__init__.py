"""Exercise sets with instant feedback: ``from actlab.exercises import ex00``, then ``ex00.q1.check(f)``.

Each lesson NN has a module ``exNN`` whose questions ``q1, q2, ...`` are built with
:mod:`actlab.exercises.checking`; :mod:`actlab.exercises.student_version` makes the student notebooks
from the solution notebooks, and :mod:`actlab.exercises.release` a graded release without the
solutions; :mod:`actlab.exercises.grade` grades submitted notebooks (how:
:mod:`actlab.exercises.grading`).
"""
