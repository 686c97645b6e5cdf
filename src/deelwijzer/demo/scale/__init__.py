"""A region at scale, in bulk: ``deelwijzer simulate --scale region`` (and smaller sizes).

``simulate --events N`` runs every processing through the services; at the size of a real
region (10,000 persons, 3,000 cases, 1,000,000 processing-log lines) that would take hours. This
package builds the same data in bulk instead, as a faithful equivalent of the services:

- every processing asks the real decision point (``deelwijzer.policy.decide``) with the request
  the gateway would build (actor, case role, subject with its representatives, the consents,
  weighing and informing on record at that moment, contributor, author, origin purpose), so
  allowed and refused lines carry the rule ids and reason codes the services would log, and a
  row exists only where its processing was allowed (a refused disclosure leaves no
  ``Disclosure``, as ``dossier_item_disclose`` would): ``region``;
- the rows are the services' rows: persons with households and representatives, cases with the
  director's and the initiator's involvements and several partners' professionals (``people``),
  steps taken in order, consultations with participants, contributions, minutes (who recorded
  them, under which purpose), action items, dossier items (``plan``), consents (some withdrawn)
  with their history, weighings, informing records, data requests with their answers
  (``sharing``), Veilig Thuis advice; every text that the services encrypt at rest is encrypted
  with the same ``persons.crypto``;
- the log lines are appended by ``processing_log.services.log_append_many`` in batches, so the
  hash chain, pseudonyms and subject keys are the log's own and ``deelwijzer log verify``
  passes. One line per data subject per processing, like ``gateway.process``; the processing
  implied by the rows, then views (case pages, items, contributions, minutes, action lists) over
  the cases' lifetimes until the requested number of lines, in time order (``log``).

Rows are written with ``bulk_create`` (creation times set to when they happened; ``rows``),
then the log in time order, each batch its own transaction. This package writes personal-data
tables without the gateway: it is a loader of demo data, refused outside the demo settings
(``DEELWIJZER_ALLOW_DEMO``, checked by the simulate command). Its modules import the
personal-data models and write through their ``_records`` managers as services do: the one
exception, made explicit and limited to this package's modules, to the import-linter contract
"Personal data only through services and selectors" (pyproject.toml) and to the source check
``deelwijzer.testing.gateway.source_violations`` (``ALLOWED_PACKAGES``).

Not generated: K8 remarks and reactions, reports to Veilig Thuis, copies into an own dossier,
exports and erasures, anonymous consultations.
"""

from __future__ import annotations

import time

from django.db import transaction

from deelwijzer.demo.scale import log, people, plan, rows
from deelwijzer.demo.scale.region import Region
from deelwijzer.demo.scale.sizes import SIZES, AlreadyScaled, Size, TooFewLogLines, size_for
from deelwijzer.demo.scale.state import Say, Summary

__all__ = ["SIZES", "AlreadyScaled", "Size", "Summary", "TooFewLogLines", "build_region",
           "size_for"]


def build_region(size: Size, *, seed: int = 2026, say: Say | None = None) -> Summary:
    """Build a region of ``size`` in bulk (see the package docstring): plan every row and its
    processing in memory (nothing stays behind when the plan does not fit), write the rows,
    then the log."""
    began = time.monotonic()
    r = Region(size, seed=seed, say=say)
    r.setup()
    first, last = r.summary.window or (None, None)
    r.say(f"Region at scale: {size.persons:,} persons, {size.cases:,} cases, "
          f"{size.log_lines:,} log lines, {size.per_partner} professionals a "
          f"core partner; dated {first} to {last}")
    with transaction.atomic():  # nothing stays behind when the plan does not fit
        people.hire(r)
        r.say(f"  professionals: {r.summary.rows['Professional']:,} created")
        cases = plan.plan(r)
        r.summary.seconds["plan"] = time.monotonic() - began
        if len(r.records) > size.log_lines:
            raise TooFewLogLines(
                f"these cases imply {len(r.records):,} log lines; ask for at least that "
                "many (--log-lines)")
    r.say(f"  planned: {len(r.records):,} log lines of implied processing in "
          f"{r.summary.seconds['plan']:.1f} s")
    mark = time.monotonic()
    rows.write_rows(r)
    r.summary.seconds["rows"] = time.monotonic() - mark
    mark = time.monotonic()
    with log.large_cache():
        log.write_log(r, cases)
    r.summary.seconds["log"] = time.monotonic() - mark
    r.summary.seconds["total"] = time.monotonic() - began
    return r.summary
