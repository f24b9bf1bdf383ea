"""Running the learner's code safely: one call with its exceptions, RuntimeWarnings, Python steps and
local variables caught, and where in the learner's own code an error happened."""

import dataclasses
import dis
import functools
import inspect
import linecache
import sys
import traceback
import types
import warnings
from pathlib import Path

import numpy as np

#: A vectorised answer runs a few dozen Python steps whatever the input size; a Python loop over the
#: ``vectorised`` case (which should have at least 10 000 elements) runs at least one per element.
LOOP_STEP_LIMIT = 1000

_EMPTY_BODIES = ([("LOAD_CONST", None), ("RETURN_VALUE", None)],   # Python 3.11
                 [("RETURN_CONST", None)])                         # Python 3.12+


@functools.lru_cache(maxsize=1024)
def instructions(code):
    """The bytecode instructions of ``code`` (cached: disassembling is the slow part of a check)."""
    return tuple(dis.get_instructions(code))


def is_empty_stub(fn):
    """True when ``fn``'s body is only ``pass``, ``...``, comments and/or a docstring, i.e. the
    learner has not written anything yet (its bytecode just returns None)."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return False
    ops = [(op.opname, op.argval) for op in instructions(code)
           if op.opname not in ("RESUME", "NOP")]
    return ops in _EMPTY_BODIES


@dataclasses.dataclass
class Call:
    """What one call of a function did."""

    value: object = None
    error: Exception | None = None
    warnings: list = dataclasses.field(default_factory=list)
    steps: int | None = None
    locals: dict = dataclasses.field(default_factory=dict)


class Recorded:
    """A learner's function that ran in another process, standing in for it as data.

    The grader (:mod:`actlab.exercises.grading`) runs the learner's function in the learner's kernel
    and brings back what each call did; ``question.check(recorded)`` then judges those calls exactly
    as it judges a live function. Where the check would run or inspect the function, it asks
    :meth:`call` and :meth:`borrowed` instead.
    """

    def call(self, args, count_steps=False):
        """The :class:`Call` recorded for ``args``, after changing ``args`` in place as it did."""
        raise NotImplementedError

    def borrowed(self, own_names):
        """What :func:`borrowed_globals` found for the function, for these names."""
        raise NotImplementedError

    def __call__(self, *args):
        ran = self.call(args)
        if ran.error is not None:
            raise ran.error
        return ran.value


@dataclasses.dataclass(frozen=True)
class Where:
    """Where an exception raised in another process happened in the learner's code, as
    :func:`learner_line`, :func:`failing_expression` and :func:`operation` found it there. A
    :class:`Recorded` function's exception carries it as ``error.recorded_where``: it has no
    traceback to read it from here."""

    line: str | None = None
    expression: str | None = None
    operation: str | None = None


def _recorded_where(error):
    return getattr(error, "recorded_where", None)


def call(fn, args, count_steps=False):
    """Call ``fn(*args)`` and return a :class:`Call`; never raises (except BaseExceptions such as
    KeyboardInterrupt).

    With ``count_steps``, the Python steps (calls and lines) are counted with ``sys.settrace``;
    otherwise the local variables of ``fn`` as it returned (or raised) are kept, seen by a
    ``sys.setprofile`` hook, so a diagnosis can look at the numbers the learner chose.
    """
    if isinstance(fn, Recorded):   # it ran elsewhere (grading): nothing runs here
        return fn.call(args, count_steps)
    steps = 0
    code = getattr(fn, "__code__", None)
    kept = {}

    def trace_line(frame, event, arg):
        nonlocal steps
        steps += 1
        return trace_line

    def trace_call(frame, event, arg):
        nonlocal steps
        steps += 1
        return trace_line

    def keep_locals(frame, event, arg):
        nonlocal kept
        if event == "return" and frame.f_code is code:   # the outermost call returns last
            kept = dict(frame.f_locals)

    outcome = Call()
    previous_trace, previous_profile = sys.gettrace(), sys.getprofile()
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
        warnings.simplefilter("always")
        if count_steps:
            sys.settrace(trace_call)
        elif code is not None:
            sys.setprofile(keep_locals)
        try:
            outcome.value = fn(*args)
        except Exception as exc:  # the learner's exception is feedback, not a crash
            outcome.error = exc
        finally:
            if count_steps:
                sys.settrace(previous_trace)
            elif code is not None:
                sys.setprofile(previous_profile)
    outcome.warnings = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    outcome.steps = steps if count_steps else None
    outcome.locals = kept
    return outcome


# --------------------------------------------------------------------------------------------------
# Where an error happened
# --------------------------------------------------------------------------------------------------

def _folder(module_file):
    return str(Path(module_file).resolve().parent)


_NUMPY_AND_PYTHON = (_folder(np.__file__), _folder(inspect.__file__))
#: Frames in these folders are not the learner's: numpy, Python's own library, the exercise sets.
NOT_LEARNER = _NUMPY_AND_PYTHON + (str(Path(__file__).resolve().parent.parent),)
#: The wrong formulas of the exercise sets run in their modules; only numpy, Python and this package
#: are not theirs.
NOT_FORMULA = _NUMPY_AND_PYTHON + (str(Path(__file__).resolve().parent),)

_OPERATORS = {"+": "add", "-": "subtract", "*": "multiply", "/": "divide", "//": "floor_divide",
              "%": "remainder", "**": "power", "@": "matmul", "&": "bitwise_and",
              "|": "bitwise_or", "^": "bitwise_xor", "<<": "left_shift", ">>": "right_shift",
              "<": "less", "<=": "less_equal", ">": "greater", ">=": "greater_equal",
              "==": "equal", "!=": "not_equal",
              "[]": "index"}                # Python 3.14 and later: a[i] is BINARY_OP "[]"
_SAME_OPERATION = {"true_divide": "divide", "dot": "dot", "amax": "max", "amin": "min"}


@functools.lru_cache(maxsize=256)
def _resolved(filename):
    try:
        return str(Path(filename).resolve())
    except (OSError, ValueError):
        return filename


def _outside(filename, folders):
    return not _resolved(filename).startswith(folders)


def failure_site(error, skip=NOT_LEARNER):
    """``(code, instruction offset)`` of the innermost traceback frame of ``error`` outside the
    folders ``skip``, or None: the place in the learner's (or a formula's) code that failed."""
    site = None
    tb = getattr(error, "__traceback__", None)
    while tb is not None:
        if _outside(tb.tb_frame.f_code.co_filename, skip):
            site = (tb.tb_frame.f_code, tb.tb_lasti)
        tb = tb.tb_next
    return site


def _instruction(site):
    code, offset = site
    return next((i for i in instructions(code) if i.offset == offset), None), code


def _callee(code, call):
    """The name of the function a CALL instruction calls (``np.multiply(a, b)`` → "multiply"):
    the last name loaded by the instructions whose source starts where the call's does."""
    start = call.positions
    if start is None or start.col_offset is None:
        return None
    name, end = None, -1
    for ins in instructions(code):
        if ins.offset >= call.offset:
            break
        pos = ins.positions
        if (ins.opname in ("LOAD_ATTR", "LOAD_METHOD", "LOAD_GLOBAL", "LOAD_NAME", "LOAD_FAST",
                           "LOAD_DEREF") and pos is not None and pos.lineno == start.lineno
                and pos.col_offset == start.col_offset and end < pos.end_col_offset
                and (pos.end_lineno, pos.end_col_offset) < (start.end_lineno, start.end_col_offset)):
            name, end = ins.argval, pos.end_col_offset
    return name


def operation(error, skip=NOT_LEARNER):
    """The operation that raised ``error`` in the code outside ``skip``, as a numpy-like name:
    ``a * b`` and ``np.multiply(a, b)`` are both "multiply", ``a @ b`` is "matmul", a call of
    ``np.dot`` is "dot". None when it cannot be told (no traceback, no position information)."""
    if _recorded_where(error) is not None:
        return error.recorded_where.operation
    site = failure_site(error, skip)
    if site is None:
        return None
    ins, code = _instruction(site)
    if ins is None:
        return None
    if ins.opname in ("BINARY_OP", "COMPARE_OP"):
        symbol = ins.argrepr if ins.argrepr in _OPERATORS else ins.argrepr.rstrip("=")
        return _OPERATORS.get(symbol, symbol)
    if ins.opname.startswith("CALL") or ins.opname == "PRECALL":
        name = _callee(code, ins)
        return _SAME_OPERATION.get(name, name)
    if ins.opname in ("BINARY_SUBSCR", "STORE_SUBSCR"):
        return "index"
    return ins.opname.lower()


def failing_expression(error):
    """The source text of the learner's expression that raised ``error`` (e.g. ``W1 * W2``), or
    None when its source is not available."""
    if _recorded_where(error) is not None:
        return error.recorded_where.expression
    site = failure_site(error)
    if site is None:
        return None
    ins, code = _instruction(site)
    pos = ins.positions if ins is not None else None
    if pos is None or pos.lineno is None or pos.lineno != pos.end_lineno or pos.col_offset is None:
        return None
    line = linecache.getline(code.co_filename, pos.lineno).encode()
    return line[pos.col_offset:pos.end_col_offset].decode(errors="replace").strip() or None


def learner_line(error):
    """The source line of the learner's code where ``error`` was raised, or None."""
    if _recorded_where(error) is not None:
        return error.recorded_where.line
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if _outside(frame.filename, NOT_LEARNER) and frame.line:
            line = frame.line.strip()
    return line


# --------------------------------------------------------------------------------------------------
# Global variables a function reads
# --------------------------------------------------------------------------------------------------

def global_reads(fn):
    """The names ``fn`` (and the functions and comprehensions defined inside it) reads as global
    variables, in the order they first appear."""
    code = getattr(fn, "__code__", None)
    names, pending = {}, [code] if code is not None else []
    while pending:
        current = pending.pop(0)
        for ins in instructions(current):
            if ins.opname in ("LOAD_GLOBAL", "LOAD_NAME"):
                names.setdefault(ins.argval, None)
        pending.extend(c for c in current.co_consts if isinstance(c, types.CodeType))
    return list(names)


def borrowed_globals(fn, own_names):
    """The data ``fn`` reads from global variables named like one of ``own_names`` (the parameters
    and local variables of the reference solution): ``{name: value}``.

    In a notebook every cell shares one namespace, so a learner who forgets to set ``w`` inside a
    function silently gets the ``w`` of an earlier task. Modules, functions and classes are not
    data and never reported.
    """
    if isinstance(fn, Recorded):
        return fn.borrowed(own_names)
    namespace = getattr(fn, "__globals__", {})
    borrowed = {}
    for name in global_reads(fn):
        if name in own_names and name in namespace:
            value = namespace[name]
            if not (callable(value) or isinstance(value, types.ModuleType)):
                borrowed[name] = value
    return borrowed
