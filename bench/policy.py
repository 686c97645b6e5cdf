"""Decision latency of the policy decision point (issue 3, item 8).

Measures ``deelwijzer.policy.decide`` on a realistic mix of allowed and refused requests:

- on the demo covenant (examples/covenants/toekomstscenario.yaml): ``p50_us``, ``p99_us``;
- on a generated covenant ten times larger (every partner, category, purpose and step cloned
  ten times, the requests spread over all clones): ``p50_us_large`` and
  ``scale_ratio`` = its p50 / the demo p50;
- pycasbin on an equivalent rule set in the same run: an RBAC model whose role links say which
  partner takes part in which purpose, which category and which recipient belong to it, with an
  ABAC matcher for the age rules and the consent (written, active, in force, by the right
  people). One ``enforce`` per requested category, as casbin checks one object at a time:
  ``pycasbin_p50_us`` and ``pycasbin_ratio`` = pycasbin p50 / ours.

Each decision is timed alone with ``time.perf_counter_ns``; the three runs are interleaved in ten
slices so that all see the same load on a shared machine.

    .venv/bin/python bench/policy.py                  # readable figures
    .venv/bin/python bench/policy.py --json           # ... and one JSON object on the last line
    .venv/bin/python bench/policy.py --json > base.json
    .venv/bin/python bench/policy.py --baseline base.json   # exit 1 on a regression > 25%

Targets: p50 <= 20 us, p99 <= 100 us, scale_ratio <= 1.5, pycasbin_ratio >= 3.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import logging
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import casbin  # noqa: E402
import yaml  # noqa: E402

from deelwijzer.covenant.compiled import compile_covenant  # noqa: E402
from deelwijzer.covenant.schema import Covenant  # noqa: E402
from deelwijzer.policy import (  # noqa: E402
    Action,
    Actor,
    CaseRole,
    ConsentRecord,
    CovenantIndex,
    DecisionRequest,
    Justification,
    JustificationKind,
    OnRecord,
    Subject,
    age_on,
    decide,
)

DEMO = ROOT / "examples" / "covenants" / "toekomstscenario.yaml"
TODAY = dt.date(2026, 6, 1)
TARGETS = {"p50_us": 20.0, "p99_us": 100.0, "scale_ratio": 1.5, "pycasbin_ratio": 3.0}
REGRESSION = 1.25  # --baseline: fail when a latency grows by more than 25%
COMPARED = ("p50_us", "p99_us", "p50_us_large")


# --- covenants ---------------------------------------------------------------------------------


def load_demo() -> Covenant:
    return Covenant.model_validate(yaml.safe_load(DEMO.read_text("utf-8")))


def enlarge(covenant: Covenant, factor: int) -> Covenant:
    """The covenant with every partner, category, purpose and step cloned ``factor`` times.

    Clone 0 keeps the original ids; clone k appends "-k<k>" to every id and refers only to its
    own clone, so each clone is a complete copy of the original partnership.
    """

    def ids(values: Iterable[str], k: int) -> list[str]:
        return [clone_id(v, k) for v in values]

    data = covenant.model_dump(mode="json")
    partners, categories, purposes, steps = [], [], [], []
    for k in range(factor):
        for p in data["partners"]:
            partners.append({
                **p,
                "id": clone_id(p["id"], k),
                "special_categories": [
                    {**g, "category": clone_id(g["category"], k)} for g in p["special_categories"]
                ],
            })
        for c in data["data_categories"]:
            categories.append({**c, "id": clone_id(c["id"], k)})
        for p in data["purposes"]:
            purposes.append({
                **p,
                "id": clone_id(p["id"], k),
                "recipients": [
                    {**r, "partner": clone_id(r["partner"], k)} for r in p["recipients"]
                ],
                "categories": ids(p["categories"], k),
                "compatible_with": ids(p["compatible_with"], k),
            })
        for s in data["steps"]:
            steps.append({
                **s,
                "id": clone_id(s["id"], k),
                "purpose": clone_id(s["purpose"], k),
                "record": ids(s["record"], k),
                "share": ids(s["share"], k),
            })
    data.update(partners=partners, data_categories=categories, purposes=purposes, steps=steps)
    return Covenant.model_validate(data)


@cache
def clone_id(value: str, k: int) -> str:
    """One string object per clone id, like the demo's ids: no run pays for hashing a fresh
    string that another run gets from the string's cached hash."""
    return value if k == 0 else sys.intern(f"{value}-k{k}")


# --- the workload --------------------------------------------------------------------------------

CHILD, MOTHER = "kind", "moeder"
ANSWERS = {q: f"antwoord {q}" for q in "abcdefgh"}


def born(age: int) -> dt.date:
    return dt.date(TODAY.year - age, 3, 15)


def templates() -> list[tuple[str, DecisionRequest]]:
    """Realistic requests on the demo covenant's ids: about 60% allowed, 40% refused."""
    holder = Actor("prof-1", "jeugdbescherming", frozenset({"professional"}), True, False,
                   CaseRole.CASE_HOLDER)
    content = replace(holder, professional_id="prof-2", partner="ggz-zijlstroom",
                      case_role=CaseRole.CONTENT)
    consent = ConsentRecord(
        "c-1", CHILD, frozenset({CHILD, MOTHER}), "hulp-en-ondersteuning",
        frozenset({"identiteit", "gezondheid", "hulpverlening", "school", "bekend-bij"}),
        frozenset({"ggz-zijlstroom", "cjg-aldermeer", "gemeente-aldermeer"}),
        dt.date(2026, 1, 1), None, None, True, True,
    )
    weighing = Justification(
        JustificationKind.CONFLICT_OF_DUTIES, ANSWERS, "aandachtsfunctionaris", "weigert",
        frozenset({"ggz-zijlstroom", "woningcorporatie"}),
        frozenset({"identiteit", "gezondheid", "bekend-bij"}), None, dt.date(2026, 6, 15),
    )
    base = DecisionRequest(
        actor=holder, action=Action.DISCLOSE, subject=Subject(CHILD, born(13), (MOTHER,)),
        categories=frozenset({"identiteit", "gezondheid"}), purpose="hulp-en-ondersteuning",
        step="plan", ground="6.1.e", recipient="ggz-zijlstroom",
        on_record=OnRecord(consents=(consent,)), today=TODAY,
    )
    no_consent = OnRecord()
    return [
        ("disclose with consent, 13", base),
        ("disclose with consent, 17", replace(base, subject=Subject(CHILD, born(17), (MOTHER,)))),
        ("disclose with consent, 8", replace(
            base, subject=Subject(CHILD, born(8), (MOTHER,)),
            on_record=OnRecord(consents=(replace(consent, given_by=frozenset({MOTHER})),)))),
        ("disclose, three categories", replace(
            base, recipient="cjg-aldermeer",
            categories=frozenset({"identiteit", "school", "hulpverlening"}))),
        ("record in the step", replace(base, action=Action.RECORD, recipient=None,
                                       categories=frozenset({"identiteit", "hulpverlening"}),
                                       on_record=no_consent)),
        ("view by a content partner", replace(base, actor=content, ground="6.1.b",
                                              action=Action.VIEW, recipient=None)),
        ("disclose on a weighing", replace(base, on_record=OnRecord(justification=weighing))),
        ("disclose on a legal duty", replace(
            base, purpose="veiligheid", step="analyse", recipient="rvdk",
            categories=frozenset({"aard-zorgen", "veiligheidstaxatie"}),
            on_record=OnRecord(legal_duty="Jeugdwet art. 7.3.11 lid 4"))),
        ("known-to-partner only", replace(
            base, recipient="woningcorporatie", categories=frozenset({"bekend-bij"}),
            on_record=OnRecord(justification=replace(weighing, answers={"b": "x", "c": "x",
                                                                        "d": "x", "e": "x"})))),
        ("copy by the dossier holder", replace(base, action=Action.COPY_TO_OWN_DOSSIER,
                                               recipient=None, dossier_holder="jeugdbescherming",
                                               on_record=no_consent)),
        ("compatible origin purpose", replace(
            base, on_record=OnRecord(consents=(consent,), origin_purpose="veiligheid"))),
        ("refused: no consent", replace(base, on_record=no_consent)),
        ("refused: consent withdrawn", replace(
            base, on_record=OnRecord(consents=(replace(consent, withdrawn_on=TODAY),)))),
        ("refused: 12-year-old not asked", replace(
            base, subject=Subject(CHILD, born(12), (MOTHER,)),
            on_record=OnRecord(consents=(replace(consent, given_by=frozenset({MOTHER})),)))),
        ("refused: recipient outside the purpose", replace(base, recipient="politie")),
        ("refused: not shared in the step", replace(base, categories=frozenset({"bsn"}))),
        ("refused: not involved", replace(base, actor=replace(holder, case_role=None),
                                          action=Action.VIEW, recipient=None)),
        ("refused: unknown purpose", replace(base, purpose="fraudebestrijding")),
    ]


def spread(requests: list[tuple[str, DecisionRequest]], clones: int, count: int,
           seed: int = 7) -> list[DecisionRequest]:
    """``count`` requests cycling through the templates, each moved to a random clone."""
    rng = random.Random(seed)  # noqa: S311 (a reproducible workload, not a secret)
    result = []
    for n in range(count):
        _, request = requests[n % len(requests)]
        result.append(to_clone(request, rng.randrange(clones)))
    return result


def to_clone(request: DecisionRequest, k: int) -> DecisionRequest:
    """The request on clone ``k``, built anew (also for clone 0): every timed request is its own
    object, as when a service builds it, in both runs alike."""

    def c(value: str | None) -> str | None:
        return None if value is None else clone_id(value, k)

    record = request.on_record
    return replace(
        request,
        actor=replace(request.actor, partner=clone_id(request.actor.partner, k)),
        categories=frozenset(clone_id(x, k) for x in request.categories),
        purpose=clone_id(request.purpose, k),
        step=c(request.step),
        recipient=c(request.recipient),
        dossier_holder=c(request.dossier_holder),
        on_record=replace(
            record,
            consents=tuple(
                replace(x, purpose=clone_id(x.purpose, k),
                        categories=frozenset(clone_id(y, k) for y in x.categories),
                        recipients=frozenset(clone_id(y, k) for y in x.recipients))
                for x in record.consents
            ),
            justification=None if record.justification is None else replace(
                record.justification,
                recipients=frozenset(clone_id(y, k) for y in record.justification.recipients),
                categories=frozenset(clone_id(y, k) for y in record.justification.categories),
            ),
            origin_purpose=c(record.origin_purpose),
            contributor=c(record.contributor),
        ),
    )


# --- measuring -----------------------------------------------------------------------------------


def timed(call: Callable[[Any], object], items: list[Any]) -> list[int]:
    """Nanoseconds per call, each call timed on its own."""
    gc.collect()
    gc.freeze()
    clock = time.perf_counter_ns
    samples: list[int] = []
    append = samples.append
    for item in items:
        start = clock()
        call(item)
        append(clock() - start)
    gc.unfreeze()
    return samples


def interleaved(
    runs: list[tuple[Callable[[Any], object], list[Any]]], rounds: int
) -> list[list[int]]:
    """Time each (call, items) in ``rounds`` interleaved slices, so that all see the same load
    on a shared machine; after a warm-up of each."""
    for call, items in runs:
        for item in items[:1000]:
            call(item)
    samples: list[list[int]] = [[] for _ in runs]
    for n in range(rounds):
        for (call, items), found in zip(runs, samples, strict=True):
            found.extend(timed(call, items[n::rounds]))
    return samples


def percentile(samples: list[int], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] / 1000.0


# --- pycasbin on the equivalent rule set ---------------------------------------------------------

CASBIN_MODEL = """
[request_definition]
r = partner, purpose, cat, recipient, subj

[policy_definition]
p = purpose

[role_definition]
g = _, _
g2 = _, _
g3 = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = r.purpose == p.purpose && g(r.partner, p.purpose) && g2(r.cat, p.purpose) \
&& g3(r.recipient, p.purpose) && r.subj.consent_ok && r.subj.purpose == r.purpose \
&& ((r.subj.age < r.subj.below && r.subj.by_rep) \
|| (r.subj.age >= r.subj.below && r.subj.age < r.subj.alone && r.subj.by_rep && r.subj.by_child) \
|| (r.subj.age >= r.subj.alone && r.subj.by_child))
"""


@dataclass
class CasbinSubject:
    """The request attributes casbin's ABAC matcher reads (r.subj.*)."""

    age: int
    below: int
    alone: int
    by_rep: bool
    by_child: bool
    consent_ok: bool
    purpose: str


def casbin_enforcer(covenant: Covenant) -> casbin.Enforcer:
    lines = [f"p, {p.id}" for p in covenant.purposes]
    for p in covenant.purposes:
        lines += [f"g, {r.partner}, {p.id}" for r in p.recipients]
        lines += [f"g2, {c}, {p.id}" for c in p.categories]
        lines += [f"g3, {r.partner}, {p.id}" for r in p.recipients]
    with tempfile.TemporaryDirectory() as folder:
        model, policy = Path(folder) / "model.conf", Path(folder) / "policy.csv"
        model.write_text(CASBIN_MODEL)
        policy.write_text("\n".join(lines) + "\n")
        enforcer = casbin.Enforcer(str(model), str(policy))
    return enforcer


def casbin_decide(
    enforcer: casbin.Enforcer, index: CovenantIndex
) -> Callable[[DecisionRequest], bool]:
    """One decision as casbin makes it: the consent attributes, then one enforce per category."""

    def decide_with_casbin(request: DecisionRequest) -> bool:
        subject = request.subject
        recipient = request.recipient or request.actor.partner
        consent = next(
            (c for c in request.on_record.consents
             if c.subject_id == subject.subject_id and c.written and c.active_act
             and c.valid_from <= request.today and c.withdrawn_on is None
             and request.categories <= c.categories and recipient in c.recipients),
            None,
        )
        subj = CasbinSubject(
            age=age_on(subject.birth_date, request.today),
            below=index.representatives_only_below,
            alone=index.child_alone_from,
            by_rep=consent is not None and not consent.given_by.isdisjoint(subject.representatives),
            by_child=consent is not None and subject.subject_id in consent.given_by,
            consent_ok=consent is not None,
            purpose=consent.purpose if consent is not None else "",
        )
        return all(
            enforcer.enforce(request.actor.partner, request.purpose, category, recipient, subj)
            for category in request.categories
        )

    return decide_with_casbin


# --- the run -------------------------------------------------------------------------------------


def run(count: int, casbin_count: int) -> dict[str, Any]:
    demo = load_demo()
    index = compile_covenant(demo, demo.version)
    large_covenant = enlarge(demo, 10)
    large = compile_covenant(large_covenant, demo.version + "-x10")
    requests = templates()

    ours = spread(requests, 1, count)
    allowed = sum(decide(index, r).allowed for _, r in requests)
    for k in (1, 9):  # the clones of the large covenant decide as the demo does
        for name, r in requests:
            if decide(large, to_clone(r, k)).allowed != decide(index, r).allowed:
                raise SystemExit(f"clone {k} decides {name!r} differently")

    logging.getLogger("casbin").setLevel(logging.WARNING)
    enforcer = casbin_enforcer(demo)
    with_casbin = casbin_decide(enforcer, index)
    agree = sum(with_casbin(r) == decide(index, r).allowed for _, r in requests)
    samples, samples_large, samples_casbin = interleaved(
        [
            (lambda r: decide(index, r), ours),
            (lambda r: decide(large, r), spread(requests, 10, count)),
            (with_casbin, spread(requests, 1, casbin_count)),
        ],
        rounds=10,
    )

    p50, p99 = percentile(samples, 0.50), percentile(samples, 0.99)
    p50_large = percentile(samples_large, 0.50)
    p50_casbin = percentile(samples_casbin, 0.50)
    return {
        "p50_us": round(p50, 2),
        "p99_us": round(p99, 2),
        "p50_us_large": round(p50_large, 2),
        "p99_us_large": round(percentile(samples_large, 0.99), 2),
        "scale_ratio": round(p50_large / p50, 3),
        "pycasbin_p50_us": round(p50_casbin, 2),
        "pycasbin_ratio": round(p50_casbin / p50, 2),
        "decisions": count,
        "pycasbin_decisions": casbin_count,
        "pycasbin_agreement": round(agree / len(requests), 2),
        "pycasbin_version": metadata.version("casbin"),
        "allowed_share": round(allowed / len(requests), 2),
        "demo_size": size(demo),
        "large_size": size(large_covenant),
        "python": platform.python_version(),
    }


def size(covenant: Covenant) -> dict[str, int]:
    return {"partners": len(covenant.partners), "categories": len(covenant.data_categories),
            "purposes": len(covenant.purposes), "steps": len(covenant.steps)}


def report(result: dict[str, Any]) -> None:
    def mark(key: str, good: bool) -> str:
        return f"(target {'>=' if key == 'pycasbin_ratio' else '<='} {TARGETS[key]}: "\
               f"{'ok' if good else 'MISSED'})"

    demo, large = result["demo_size"], result["large_size"]
    print(f"deelwijzer.policy.decide, {result['decisions']} decisions per covenant, "
          f"{result['allowed_share']:.0%} of the request mix allowed (Python {result['python']})")
    print(f"  demo covenant ({demo['partners']} partners, {demo['purposes']} purposes, "
          f"{demo['categories']} categories, {demo['steps']} steps)")
    print(f"    p50 {result['p50_us']:8.2f} us  {mark('p50_us', result['p50_us'] <= 20)}")
    print(f"    p99 {result['p99_us']:8.2f} us  {mark('p99_us', result['p99_us'] <= 100)}")
    print(f"  covenant x10 ({large['partners']} partners, {large['purposes']} purposes, "
          f"{large['categories']} categories, {large['steps']} steps)")
    print(f"    p50 {result['p50_us_large']:8.2f} us, p99 {result['p99_us_large']:.2f} us")
    print(f"    scale ratio {result['scale_ratio']:.3f}  "
          f"{mark('scale_ratio', result['scale_ratio'] <= 1.5)}")
    print(f"  pycasbin {result['pycasbin_version']} ({result['pycasbin_decisions']} decisions, "
          f"one enforce per category; agrees with ours on {result['pycasbin_agreement']:.0%} of "
          "the mix: it models only the consent basis, so it refuses what a weighing, a legal "
          "duty or the absence of secrecy allows)")
    print(f"    p50 {result['pycasbin_p50_us']:8.2f} us; ratio pycasbin/ours "
          f"{result['pycasbin_ratio']:.1f}  "
          f"{mark('pycasbin_ratio', result['pycasbin_ratio'] >= 3)}")


def compare(result: dict[str, Any], baseline_file: Path) -> list[str]:
    lines = [ln for ln in baseline_file.read_text("utf-8").splitlines() if ln.strip()]
    baseline = json.loads(lines[-1])
    regressions = []
    for key in COMPARED:
        old, new = baseline.get(key), result[key]
        if old and new > old * REGRESSION:
            regressions.append(f"{key}: {new} us against {old} us (+{(new / old - 1):.0%})")
    return regressions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument("--baseline", type=Path, help="saved --json output to compare with")
    parser.add_argument("--decisions", type=int, default=30_000)
    parser.add_argument("--casbin-decisions", type=int, default=3_000)
    args = parser.parse_args(argv)
    result = run(args.decisions, args.casbin_decisions)
    report(result)
    status = 0
    if args.baseline is not None:
        regressions = compare(result, args.baseline)
        for line in regressions:
            print(f"REGRESSION > 25%: {line}")
        if not regressions:
            print(f"no regression against {args.baseline}")
        status = 1 if regressions else 0
    if args.json:
        print(json.dumps(result, sort_keys=True))
    return status


if __name__ == "__main__":
    sys.exit(main())
