"""The parts of grading that need no kernel: the data-only encoding, judging a recorded function as
the live check judges it, the hidden cases, and the graded release."""

import asyncio
import concurrent.futures
import inspect
import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from exercise_helpers import ROOT, exercise_sets

from actlab.exercises import ex00, ex01, ex02, release, student_version
from actlab.exercises.checking import Case, Question, returns_like
from actlab.exercises.grading import batch, judge, probe, wire

QUESTIONS = [pytest.param(q, id=q.path) for module, _, _ in exercise_sets()
             for q in module.questions]


# -- the encoding ----------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    None, True, 3, -2.5, float("nan"), float("inf"), 1 + 2j, "text", Ellipsis,
    np.arange(6.0).reshape(2, 3), np.array([1, 2], dtype=np.int8), np.array([True, False]),
    np.zeros((0, 3), dtype=np.float32), np.array(2.0), np.asarray([[1.0, 2.0]]).T,
    np.float32(0.5), np.int64(7), np.bool_(True), np.array(["a", "bc"]),
    (1, [2.0, (np.ones(2),)], {"W": np.eye(2), 3: "x"}), [], (), {},
])
def test_values_travel_unchanged(value):
    back = wire.loads(wire.dumps(value))
    assert type(back) is type(value)
    if isinstance(value, (np.ndarray, np.generic)):
        assert back.dtype == value.dtype and np.shape(back) == np.shape(value)
        assert np.array_equal(back, value)
    elif isinstance(value, float) and np.isnan(value):
        assert np.isnan(back)
    else:
        assert repr(back) == repr(value)


def test_other_objects_travel_as_their_name_and_repr_only():
    class Polynomial:
        def __repr__(self):
            return "Polynomial(1, 2)"

    back = wire.loads(wire.dumps([Polynomial(), print, np.array([None, 1.5], dtype=object)]))
    assert isinstance(back[0], wire.Opaque) and repr(back[0]) == "Polynomial(1, 2)"
    assert type(back[0]).__name__ == "Polynomial"
    assert type(back[1]).__qualname__ == "builtin_function_or_method"
    assert back[2].dtype == object and back[2][0] is None and back[2][1] == 1.5


@pytest.mark.parametrize("data, words", [
    ({"array": {"dtype": "O", "shape": [1], "data": "AAAAAAAAAAA="}}, "does not travel"),
    ({"array": {"dtype": "<f8", "shape": [2], "data": "AAAAAAAAAAA="}}, "does not fill"),
    ({"array": {"dtype": "<f8", "shape": [10**12], "data": ""}}, "does not fill"),
    ({"array": {"dtype": "<f8", "shape": [1], "data": "not base64!"}}, "not base64"),
    ({"array": {"dtype": "f8,i4", "shape": [1], "data": ""}}, "does not travel"),
    ({"pickle": "gASVAAAA"}, "unknown"),
    ({"dict": [[{"list": []}, 1]]}, "bad dict key"),
    ({"tuple": [1], "list": [2]}, "not an encoded value"),
])
def test_forged_data_is_refused(data, words):
    with pytest.raises(wire.WireError, match=words):
        wire.decode(data)


def test_deep_nesting_is_cut_short_both_ways():
    deep = []
    for _ in range(200):
        deep = [deep]
    encoded = wire.encode(deep)
    assert isinstance(wire.decode(encoded), list)
    with pytest.raises(wire.WireError):
        wire.loads("[" * 100_000 + "]" * 100_000)


# -- judging a recorded function as the live check does -------------------------------------------

def _recorded(question, fn, namespace=None):
    """The grader's verdict on ``fn``, recorded by the probe in this process instead of a kernel."""
    namespace = dict(namespace or {})
    namespace[question.function] = fn
    return judge.judge(question, probe.record(namespace, judge.request(question)))


def relu_loop(x):
    out = np.empty_like(x)
    for index, value in np.ndenumerate(x):
        out[index] = value if value > 0 else 0
    return out


def relu_in_place(x):
    x[x < 0] = 0
    return x


def relu_python_max(x):
    return max(x, 0)


def relu_log(x):
    return np.maximum(x, 0) + 0 * np.log(np.abs(x))


def relu_blank(x):
    """Not written yet."""


def relu_exits(x):
    raise SystemExit(3)


def weighted_sum_two(X, w):
    return X @ w


def collapsed_elementwise(W1, W2):
    return W1 * W2


def _tuple_reference(x):
    """Two values."""
    total, scaled = x.sum(), 2 * x
    return total, {"scaled": scaled}


_TUPLE_QUESTION = Question(
    "q9", _tuple_reference, cases=[Case(np.array([1.0, 2.0])), Case(np.array([[1.0], [3.0]]))],
    hint="", diagnoses=[returns_like(lambda x: (x.sum(), {"scaled": x}), "Not doubled.")])


@pytest.mark.parametrize("question, answer", [
    (ex00.q2, ex00.relu), (ex00.q2, relu_loop), (ex00.q2, relu_in_place),
    (ex00.q2, relu_python_max), (ex00.q2, relu_log), (ex00.q2, relu_blank),
    (ex00.q2, None), (ex00.q2, 5), (ex00.q2, lambda x: list(x)),
    (ex00.q1, weighted_sum_two), (ex00.q1, lambda X, w, b: X @ w),
    (ex00.q3, lambda X, W, b: X @ W.T + b), (ex02.q1, collapsed_elementwise),
    (ex01.q4, lambda w, X, y, eta: w), (_TUPLE_QUESTION, _tuple_reference),
    (_TUPLE_QUESTION, lambda x: (x.sum(), {"scaled": x})),
    (_TUPLE_QUESTION, lambda x: (x.sum(), {"other": x})),
], ids=lambda v: getattr(v, "__name__", None) or getattr(v, "path", None) or repr(v))
def test_a_recorded_answer_gets_the_live_checks_verdict_and_feedback(question, answer):
    live, graded = question.check(answer), _recorded(question, answer)
    assert (graded.status, graded.problem, graded.message) == (live.status, live.problem,
                                                               live.message)


def test_system_exit_in_an_answer_is_its_error():
    result = _recorded(ex00.q2, relu_exits)
    assert result.status == "wrong" and "Your function raised SystemExit: 3" in result.message


def test_globals_the_answer_borrows_reach_the_judgement():
    namespace = {"np": np, "w": np.array([1.0, 1.0]), "b": 1.5}
    exec("def nand_perceptron(X):\n    return np.where(X @ w + b >= 0, 1, 0)\n", namespace)
    live = ex01.q3.check(namespace["nand_perceptron"])
    graded = _recorded(ex01.q3, namespace["nand_perceptron"], namespace)
    assert (graded.status, graded.message) == (live.status, live.message)
    assert "`w`" in graded.message or "w =" in graded.message


def test_a_missing_function_is_none():
    assert judge.judge(ex00.q2, probe.record({}, judge.request(ex00.q2))) is None


@pytest.mark.parametrize("record, words", [
    ("not json", "not JSON"),
    ("[1, 2]", "not a JSON object"),
    (json.dumps({"signature": None, "globals": {"dict": []}, "calls": []}), "one call per case"),
])
def test_a_record_the_probe_cannot_have_written_is_refused(record, words):
    with pytest.raises(judge.ReplyError, match=words):
        judge.judge(ex00.q2, record)


def test_an_exception_of_a_foreign_class_is_a_stand_in_never_that_class():
    record = json.loads(probe.record({"relu": relu_python_max}, judge.request(ex00.q2)))
    for call in record["calls"]:
        call["error"].update(module="subprocess", type="CalledProcessError",
                             bases=["SystemExit", "BaseException", "object"])
    result = judge.judge(ex00.q2, json.dumps(record))
    assert result.status == "wrong" and "raised CalledProcessError" in result.message


# -- hidden cases ----------------------------------------------------------------------------------

@pytest.mark.parametrize("question", QUESTIONS)
def test_every_question_draws_hidden_cases_the_reference_passes(question):
    assert question.random_case is not None, f"{question.path} has no random_case"
    for seed in range(20):
        graded = judge.with_cases(question, judge.hidden_cases(question, seed))
        result = graded.check(question.reference)
        assert result.passed, result
        assert len(graded.cases) == len(question.cases) + judge.HIDDEN_CASES


@pytest.mark.parametrize("question", QUESTIONS)
def test_hidden_cases_depend_on_the_seed_only(question):
    def drawn(seed):
        return [wire.dumps(case.args) for case in judge.hidden_cases(question, seed)]

    assert drawn(7) == drawn(7)
    assert drawn(7) != drawn(8)
    visible = {wire.dumps(case.args) for case in question.cases}
    assert not visible & set(drawn(7))


@pytest.mark.parametrize("question", QUESTIONS)
def test_an_answer_that_knows_only_the_visible_cases_fails_the_hidden_ones(question):
    shown = question.cases + ([question.vectorised] if question.vectorised else [])
    known = {release.case_key(case.args): question.reference(*case.args) for case in shown}

    def memorised(*args):
        return known[release.case_key(args)]

    assert question.check(memorised).passed
    graded = judge.with_cases(question, judge.hidden_cases(question, 1))
    result = _recorded(graded, memorised)
    assert result.status == "wrong" and "KeyError" in result.message


# -- the graded release ----------------------------------------------------------------------------

def test_stripping_keeps_signature_and_docstring_and_drops_the_body():
    source = textwrap.dedent('''\
        def relu(x):
            """ReLU."""
            y = x.copy()
            return np.maximum(y, 0)


        def helper(x):
            return x
        ''')
    stripped = release.strip_references(source, {"relu"})
    assert 'def relu(x):\n    """ReLU."""\n    raise NotImplementedError' in stripped
    assert "np.maximum" not in stripped and "def helper(x):\n    return x" in stripped
    assert stripped.rstrip().endswith("use_recorded(questions)")


@pytest.fixture(scope="module")
def graded_release(tmp_path_factory):
    target = tmp_path_factory.mktemp("release") / "course"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        assert student_version.main(["--graded-release", str(target)]) == 0
    return target


def test_a_release_is_written_to_a_new_folder_only(graded_release, capsys):
    with pytest.raises(SystemExit):
        student_version.main(["--graded-release", str(graded_release)])
    assert "already exists" in capsys.readouterr().err


def test_the_release_holds_no_solution(graded_release):
    assert not (graded_release / "exercises" / "solutions").exists()
    assert sorted(p.name for p in (graded_release / "exercises").glob("*.ipynb")) == sorted(
        p.name for _, _, p in exercise_sets())
    for module, _, _ in exercise_sets():
        text = (graded_release / "lib" / "actlab" / "exercises"
                / f"{module.__name__.rsplit('.', 1)[1]}.py").read_text()
        for question in module.questions:
            body = question.solution_code.split('"""')[-1].strip()
            assert body not in text, f"{question.path}: the reference's body is in the release"
    assert not list(graded_release.rglob("__pycache__"))


_IN_RELEASE = """
import importlib, json, sys
import numpy as np
out = {"file": importlib.import_module("actlab").__file__, "questions": {}}
for name, source in json.loads(sys.stdin.read()).items():
    set_name, q_name = name.split(".")
    question = getattr(importlib.import_module(f"actlab.exercises.{set_name}"), q_name)
    actlab = importlib.import_module("actlab")     # what the notebooks' first cell imports
    namespace = {"np": np, "actlab": actlab, **{n: getattr(actlab, n) for n in actlab.__all__}}
    exec(source, namespace)
    out["questions"][name] = _verdicts(question, namespace[question.function])
out["solution"] = str(importlib.import_module("actlab.exercises.ex00").q2.solution())
try:
    importlib.import_module("actlab.exercises.ex00").q2.reference(np.array([123.0]))
except LookupError as err:
    out["reference"] = str(err)
print(json.dumps(out))
"""


def _verdicts(question, solution):
    """What ``check`` says of the solution, of every wrong formula of the question's diagnoses and
    of the untouched stub."""
    def stub(*args):
        raise NotImplementedError

    answers = [solution, stub] + [d.formula for d in question.diagnoses if hasattr(d, "formula")]
    return [[r.status, r.message] for r in map(question.check, answers)]


def test_in_the_release_checks_give_the_same_feedback_and_withhold_solutions(graded_release):
    questions = {q.path: q for q in (param.values[0] for param in QUESTIONS)}
    script = textwrap.dedent(inspect.getsource(_verdicts)) + _IN_RELEASE
    env = dict(os.environ, PYTHONPATH=str(graded_release / "lib"))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                          cwd=graded_release, check=True,
                          input=json.dumps({path: q.solution_code for path, q in questions.items()}))
    out = json.loads(done.stdout)
    assert out["file"].startswith(str(graded_release))
    for path, question in questions.items():
        assert out["questions"][path] == _verdicts(question, question.reference), path
    assert "does not include the solutions" in out["solution"]
    assert "own cases only" in out["reference"]


def test_grading_runs_where_an_event_loop_already_runs():
    """In a Jupyter kernel, or beside Playwright's sync API, a new loop cannot start in the thread."""
    async def answer():
        return [42]

    async def caller():
        return batch._run_in_a_loop_of_its_own(answer)

    def in_a_running_loop():  # in a thread of its own: this one may already run a loop
        return asyncio.run(caller())

    assert batch._run_in_a_loop_of_its_own(answer) == [42]
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(in_a_running_loop).result() == [42]
