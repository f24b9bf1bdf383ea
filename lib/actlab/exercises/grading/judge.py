"""Judging in the grader's own process: the learner's recorded calls go through the very check of
the exercise set, ``question.check``, on the visible cases and on hidden ones.

The grader never compares anything itself. It turns the record the learner's kernel sent
(:mod:`.probe`) into a :class:`Replay`, a stand-in for the learner's function that the checking core
recognises (:class:`~actlab.exercises.checking.running.Recorded`): for each call, instead of running
code, it gives back what the learner's function returned or raised, the warnings it emitted, the
Python steps it took, its local variables, and it changes the arguments in place as the learner's
function did. So a graded answer gets exactly the feedback the live ``check`` gives.

Hidden cases: each question's ``random_case(rng)`` draws new inputs; :func:`hidden_cases` draws
:data:`HIDDEN_CASES` of them with a generator seeded by the grading run's seed and the question, so
every notebook of a run meets the same hidden cases and ``--seed`` reproduces a run.
"""

import builtins
import copy
import hashlib
import inspect
import json
import sys

import numpy as np

from actlab.exercises.checking import running
from actlab.exercises.grading import wire

#: How many random cases each question adds when grading.
HIDDEN_CASES = 3


class ReplyError(ValueError):
    """The kernel's record is not in the form :mod:`.probe` writes."""


def hidden_cases(question, seed, count=HIDDEN_CASES):
    """``count`` random cases for ``question`` (none if it has no ``random_case``)."""
    draw = getattr(question, "random_case", None)
    if draw is None:
        return []
    salt = int.from_bytes(hashlib.sha256(question.path.encode()).digest()[:4], "big")
    rng = np.random.default_rng([seed, salt])
    cases = []
    for _ in range(count):
        case = draw(rng)
        if not case.note:
            case.note = "drawn at random for grading"
        cases.append(case)
    return cases


def with_cases(question, hidden):
    """A copy of ``question`` that checks ``hidden`` after its own cases."""
    graded = copy.copy(question)
    graded.cases = list(question.cases) + list(hidden)
    return graded


def request(question):
    """The probe's request for ``question`` (already holding its hidden cases): every case, the
    large ``vectorised`` one with its Python steps counted."""
    calls = [[wire.encode(case.args), False] for case in question.cases]
    if question.vectorised is not None:
        calls.append([wire.encode(question.vectorised.args), True])
    return json.dumps({"function": question.function, "calls": calls}, separators=(",", ":"))


# --------------------------------------------------------------------------------------------------
# The replay
# --------------------------------------------------------------------------------------------------

class _Default:
    """A parameter's default value, shown as the learner's code wrote it."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


_KINDS = {int(kind): kind for kind in (
    inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD,
    inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.KEYWORD_ONLY,
    inspect.Parameter.VAR_KEYWORD)}


def _signature(data):
    if data is None:
        return None
    try:
        return inspect.Signature([
            inspect.Parameter(name, _KINDS[kind],
                              default=inspect.Parameter.empty if default is None
                              else _Default(str(default)))
            for name, kind, default in data])
    except (KeyError, TypeError, ValueError) as err:
        raise ReplyError(f"bad signature {data!r}") from err


class _Message(Exception):
    """Its text is the recorded message, whatever the base class does with its arguments."""

    def __str__(self):
        return str(self.args[0]) if self.args else ""


_ERROR_TYPES = {}


def _standin_type(module, qualname, bases):
    """A class named like the learner's exception, deriving from the first built-in exception among
    ``bases`` that can serve (so ``isinstance(error, ValueError)`` holds as it did)."""
    key = (module, qualname, tuple(bases))
    if key not in _ERROR_TYPES:
        for base in [getattr(builtins, b, None) for b in bases] + [Exception]:
            if not (isinstance(base, type) and issubclass(base, Exception)):
                continue
            try:
                kind = type(qualname.rpartition(".")[2] or "Exception", (_Message, base),
                            {"__module__": module, "__qualname__": qualname})
                kind("probe")
            except TypeError:   # a layout or a constructor that does not fit: try the next base
                continue
            _ERROR_TYPES[key] = kind
            break
    return _ERROR_TYPES[key]


def _known_type(module, qualname):
    """The very exception class, for Python's and numpy's own exceptions (looked up among the
    modules already loaded here, never imported); None for any other."""
    if module != "builtins" and module != "numpy" and not module.startswith("numpy."):
        return None
    kind = builtins if module == "builtins" else sys.modules.get(module)
    for name in qualname.split("."):
        kind = vars(kind).get(name) if kind is not None else None
    return kind if isinstance(kind, type) and issubclass(kind, Exception) else None


def _text_or_none(value):
    if value is not None and not isinstance(value, str):
        raise ReplyError(f"expected text, got {type(value).__name__}")
    return value


def _error(data):
    """The learner's exception, rebuilt: of its very class when that is Python's or numpy's and its
    arguments are data, else of a stand-in class of the same name; carrying where it happened."""
    if data is None:
        return None
    try:
        module, qualname, message = str(data["module"]), str(data["type"]), str(data["message"])
        bases = [str(b) for b in data["bases"]]
        args = wire.decode(data["args"])
        where = running.Where(_text_or_none(data["line"]), _text_or_none(data["expression"]),
                              _text_or_none(data["operation"]))
    except (KeyError, TypeError) as err:
        raise ReplyError(f"bad error record: {err}") from err
    error, kind = None, _known_type(module, qualname)
    if kind is not None and isinstance(args, tuple):
        try:
            error = kind(*args)
        except Exception:
            error = None
        if error is not None and str(error) != message:
            error = None
    if error is None:
        error = _standin_type(module, qualname, bases)(message)
    error.recorded_where = where
    return error


def _restore(given, after):
    """Change the argument ``given`` in place into ``after``, as the learner's function did."""
    if isinstance(given, np.ndarray) and isinstance(after, np.ndarray):
        try:
            if given.shape != after.shape:
                given.resize(after.shape, refcheck=False)
            np.copyto(given, after, casting="unsafe")
        except (ValueError, TypeError):
            pass
    elif isinstance(given, list) and isinstance(after, list):
        given[:] = after
    elif isinstance(given, dict) and isinstance(after, dict):
        given.clear()
        given.update(after)


class _Call:
    """One recorded call, decoded."""

    def __init__(self, data):
        try:
            self.value = wire.decode(data["value"])
            self.error = _error(data["error"])
            self.warnings = [str(w) for w in data["warnings"]]
            self.steps = data["steps"]
            self.locals = wire.decode(data["locals"])
            self.after = wire.decode(data["after"])
        except (KeyError, TypeError) as err:
            raise ReplyError(f"bad call record: {err}") from err
        if not (self.steps is None or type(self.steps) is int) \
                or not isinstance(data["warnings"], list) \
                or not isinstance(self.locals, dict) or not isinstance(self.after, tuple):
            raise ReplyError("bad call record")


class Replay(running.Recorded):
    """The learner's function as its kernel recorded it: called with the arguments of a case, it
    gives back what the learner's function did on that case."""

    def __init__(self, name, record, question):
        self.__name__ = self.__qualname__ = name
        self.__signature__ = _signature(record.get("signature"))
        calls = record.get("calls")
        plan = list(question.cases) + ([question.vectorised] if question.vectorised else [])
        if not isinstance(calls, list) or len(calls) != len(plan):
            raise ReplyError("the record does not have one call per case")
        self._calls = {wire.dumps(case.args): _Call(data) for case, data in zip(plan, calls)}
        self._globals = wire.decode(record.get("globals", {"dict": []}))
        if not isinstance(self._globals, dict):
            raise ReplyError("bad globals record")

    def call(self, args, count_steps=False):
        recorded = self._calls.get(wire.dumps(args))
        if recorded is None:
            raise LookupError("the grader recorded no call with these arguments")
        for given, after in zip(args, recorded.after):
            _restore(given, after)
        return running.Call(value=copy.deepcopy(recorded.value), error=recorded.error,
                            warnings=list(recorded.warnings),
                            steps=recorded.steps if count_steps else None,
                            locals=dict(recorded.locals))

    def borrowed(self, own_names):
        return {name: value for name, value in self._globals.items() if name in own_names}


def _blank(*args):
    """Stands for a learner's function whose body is still empty."""


def judge(question, record_text):
    """``question.check`` (with its hidden cases already added) of the learner's function, given the
    probe's record of it; None when the notebook does not define the function. Raises
    :class:`ReplyError` for a record the probe cannot have written."""
    try:
        record = json.loads(record_text)
    except (ValueError, RecursionError) as err:
        raise ReplyError(f"not JSON: {err}") from err
    if not isinstance(record, dict):
        raise ReplyError("the record is not a JSON object")
    if record.get("missing"):
        return None
    if "value" in record:
        return question.check(wire.decode(record["value"]))
    if record.get("empty"):
        return question.check(_blank)
    return question.check(Replay(question.function, record, question))
