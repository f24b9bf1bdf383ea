"""What the grader runs in a learner's kernel: call the learner's function on the cases, and record
what each call did, as data (:mod:`.wire`).

Nothing here judges: the kernel belongs to the learner, whose code can change anything in it, so
whatever this module reports is treated as a claim about the learner's function and judged in the
grader's own process (:mod:`.judge`). A forged record can only describe a function; to earn marks it
must describe right answers on inputs the learner never saw.

The grader asks with an expression such as
``__import__("actlab.exercises.grading.probe", fromlist=["_"]).record(globals(), request)`` and
reads the JSON text it returns from the reply to that very request.
"""

import copy
import inspect
import json

from actlab.exercises.checking import running
from actlab.exercises.grading import wire


def defined(namespace, names):
    """The names among the JSON list ``names`` that are bound to callables in ``namespace``, as a
    JSON list."""
    return json.dumps([name for name in json.loads(names) if callable(namespace.get(name))])


def _text(thing):
    try:
        return str(thing)
    except Exception:
        return "<unprintable>"


def _safely(describe, error):
    try:
        return describe(error)
    except Exception:
        return None


def _error(error):
    """An exception as data: its type, the built-in exceptions it derives from, its message and
    arguments, and where in the learner's code it happened."""
    if error is None:
        return None
    kind = type(error)
    try:
        args = wire.encode(tuple(error.args))
    except Exception:
        args = wire.encode(())
    return {"type": _text(kind.__qualname__), "module": _text(kind.__module__),
            "bases": [c.__name__ for c in kind.__mro__ if c.__module__ == "builtins"],
            "message": _text(error), "args": args,
            "line": _safely(running.learner_line, error),
            "expression": _safely(running.failing_expression, error),
            "operation": _safely(running.operation, error)}


def _signature(fn):
    """The parameters of ``fn``: ``[name, kind, repr of the default or None]`` each, or None."""
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return None
    return [[p.name, int(p.kind), None if p.default is p.empty else _text(repr(p.default))[:80]]
            for p in parameters]


def _call(fn, args, count_steps):
    given = copy.deepcopy(args)
    try:
        ran = running.call(fn, given, count_steps)
    except KeyboardInterrupt:   # the grader's interrupt after its timeout: give up on this question
        raise
    except BaseException as exc:   # SystemExit and the like count as the answer's error
        ran = running.Call(error=exc)
    return {"value": wire.encode(ran.value), "error": _error(ran.error),
            "warnings": [_text(w) for w in ran.warnings], "steps": ran.steps,
            "locals": wire.encode(dict(ran.locals)), "after": wire.encode(tuple(given))}


def record(namespace, request):
    """Run the learner's function on the cases of ``request`` and return the record, a JSON text.

    ``request`` is a JSON text ``{"function": name, "calls": [[encoded args, count_steps], ...]}``.
    The record is ``{"missing": true}`` when no such name exists, ``{"value": ...}`` for a name
    bound to something that is not a function, ``{"empty": true}`` for a function whose body is
    still empty, and otherwise the function's ``signature``, the data it reads from global variables
    (``globals``), and for each call its ``value``, ``error``, ``warnings``, ``steps``, local
    variables and arguments ``after`` the call.
    """
    request = json.loads(request)
    name = request["function"]
    if name not in namespace:
        return json.dumps({"missing": True})
    fn = namespace[name]
    if not callable(fn):
        return json.dumps({"value": wire.encode(fn)})
    if running.is_empty_stub(fn):
        return json.dumps({"empty": True})
    reads = running.global_reads(fn)
    answer = {"signature": _signature(fn),
              "globals": wire.encode(running.borrowed_globals(fn, set(reads))),
              "calls": []}
    for args, count_steps in request["calls"]:
        answer["calls"].append(_call(fn, wire.decode(args), bool(count_steps)))
    return json.dumps(answer, separators=(",", ":"))
