"""Grading that a learner cannot fool: the machinery behind ``python -m actlab.exercises.grade``.

The learner's notebook runs in its own kernel, but nothing is judged there: that kernel belongs to
the learner, whose code can patch the checks, bind names to anything or print anything. Only the
learner's *functions* are called there, on the exercise's cases and on hidden random ones; what they
did comes back as data; the comparison, the feedback and the score are worked out in the grader's
own process by the exercise set's own checks.

One concept a module:

- :mod:`.wire`: the data-only encoding of values between the kernel and the grader (no pickle);
- :mod:`.sandbox`: the kernel command, an IPython kernel with its memory capped;
- :mod:`.kernel`: running a submission's cells in such a kernel and asking it questions, with
  timeouts, reading only the replies to the grader's own requests;
- :mod:`.probe`: what runs in the kernel: the learner's function called on the cases, recorded;
- :mod:`.judge`: the hidden cases, and ``question.check`` of the recorded calls in the grader;
- :mod:`.batch`: a batch of submissions, several kernels at once, each failure a 0 with its reason.

The kernels load the library of a graded release (:mod:`actlab.exercises.release`), in which the
reference solutions are not.
"""
