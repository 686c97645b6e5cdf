"""The processing log: the views of the cases over their lifetimes (case pages, dossier items,
contributions, minutes, action lists, as the services log them) until the requested number of
lines, merged in time order with the processing the rows imply, and appended by
``processing_log.services.log_append_many`` in batches, several a transaction."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from deelwijzer.demo.scale.region import Region
from deelwijzer.demo.scale.sizes import TooFewLogLines
from deelwijzer.demo.scale.state import CaseState, ItemState, Prof
from deelwijzer.policy import Action
from deelwijzer.processing_log.services import LogRecord, log_append_many

GROUP = 50_000  # log lines a transaction
SQLITE_CACHE_KIB = 256 * 1024  # the page cache while the log is written (the subject index)


def view(r: Region, case: CaseState, at: float, into: list[LogRecord]) -> None:
    """One page or API read of the case by someone involved, as the services log it."""
    rng = r.rng
    invs = case.involved(at)
    if not invs:
        return
    reader = case.director if rng.random() < 0.4 else rng.choice(invs).prof
    assert reader is not None
    roll = rng.random()
    items = [i for i in case.items if i.at <= at]
    meetings = [m for m in case.meetings if m.at <= at]
    if roll < 0.45 or not items:
        # case_view: names, relations and representatives as the step shows them.
        visible = r.index.step_visible.get(case.step_at(at), frozenset())
        categories = ["identiteit"]
        if "gezinssamenstelling" in visible:
            categories.append("gezinssamenstelling")
        if case.reps and "gezag-en-maatregelen" in visible:
            categories.append("gezag-en-maatregelen")
        r.process("case_view", case.members, prof=reader, action=Action.VIEW,
                  categories=categories, ctx=r.context(case, reader, at), at=at,
                  into=into)
    elif roll < 0.8 or not meetings:
        # Mostly the owner's side opens an item, or a partner it was disclosed to; now
        # and then someone else tries (K5 refuses without the owner's disclosure).
        item = rng.choice(items)
        given = [recipient for w, recipient in item.disclosed if w <= at]
        side = rng.random()
        if side < 0.75:
            reader = case.director if case.director.partner == item.owner and \
                rng.random() < 0.5 else item.recorder
        elif side < 0.95 and given:
            receivers = [i.prof for i in invs if i.prof is not None and i.partner in given]
            reader = rng.choice(receivers) if receivers else item.recorder
        open_item(r, case, item, reader, at, into, permission=reader.partner in given)
    else:
        meeting = rng.choice(meetings)
        contributions = [c for c in meeting.contributions if c[0] <= at]
        if contributions and rng.random() < 0.6:
            _w, _row, author, said, purpose, permission = rng.choice(contributions)
            reach(r, "contribution_view", case, reader, author, said, purpose,
                  permission, at, into)
        elif meeting.minutes_by is not None and rng.random() < 0.6:
            reach(r, "minutes_view", case, reader, meeting.minutes_by,
                  meeting.minutes_categories, meeting.minutes_purpose, True, at, into)
        elif meeting.action_owners:
            owner = rng.choice(meeting.action_owners)
            viewer = owner.prof if owner.prof is not None and rng.random() < 0.6 \
                else case.director
            if viewer is None:
                return
            own = viewer is not case.director
            r.case_work("actions_view", case, viewer, at, action=Action.VIEW,
                        author=viewer.pk if own else None, into=into)


def open_item(r: Region, case: CaseState, item: ItemState, reader: Prof, at: float,
              into: list[LogRecord], *, permission: bool = False) -> None:
    """``dossier_item_view`` by the reader (``permission``: the owner disclosed it to the
    reader's partner)."""
    r.process("item_view", [item.person], prof=reader, action=Action.VIEW,
              categories=item.categories, ctx=r.context(case, reader, at, purpose=item.purpose),
              at=at, into=into, permission=permission, contributor=item.owner,
              author=item.recorder.pk, origin=item.purpose or None,
              police_origin=item.police_purpose or None)


def reach(r: Region, kind: str, case: CaseState, reader: Prof, author: Prof,
          categories: tuple[str, ...], purpose: str, permission: bool, at: float,
          into: list[LogRecord]) -> None:
    """``cases.services._reach``: another partner's data is first that partner's
    disclosure to the reader's partner (when the reader may see it), then the view."""
    police = author.partner in r.index.police_partners
    origin = purpose or None
    ctx = r.context(case, reader, at)
    viewing: dict[str, Any] = {
        "categories": categories, "ctx": ctx, "at": at, "contributor": author.partner,
        "author": author.pk, "permission": permission, "origin": origin,
        "police_origin": origin if police else None}
    disclosed = author.partner != reader.partner and all(
        r.ask(prof=reader, person=p, action=Action.VIEW, **viewing).allowed
        for p in case.members)
    if disclosed:  # noqa: SIM102 - the disclosure first, as the service asks it
        if not r.process(
                f"{kind}_disclose", case.members, prof=author, action=Action.DISCLOSE,
                categories=categories, ctx=r.context(case, author, at, purpose), at=at,
                recipient=reader.partner, origin=origin,
                police_origin=origin if police else None, into=into):
            return  # the service raises: no view
    r.process(kind, case.members, prof=reader, action=Action.VIEW, into=into, **viewing)


def write_log(r: Region, cases: list[CaseState]) -> None:
    """The implied processing and the views, in time order, in batches."""
    rng = r.rng
    target = r.size.log_lines
    structural = sorted(r.records, key=started)
    r.records = []
    filler = target - len(structural)
    windows = 48
    width = r.span / windows
    # Each case's share of the views: its open time in each window.
    weights: list[list[tuple[CaseState, float, float, float]]] = [[] for _ in range(windows)]
    totals = [0.0] * windows
    for case in cases:
        a, b = case.opened, case.end
        for w in range(int(a // width), min(windows, int(b // width) + 1)):
            lo, hi = max(a, w * width), min(b, (w + 1) * width)
            if hi > lo:
                weight = (hi - lo) * (1 + len(case.members) / 4)
                weights[w].append((case, lo, hi, weight))
                totals[w] += weight
    grand = sum(totals) or 1.0
    appended = 0
    pending: list[LogRecord] = []
    begun = last = time.monotonic()
    starts = [rec.started_at.timestamp() for rec in structural if rec.started_at]
    done_filler = 0
    cumulative = 0.0
    for w in range(windows):
        cumulative += totals[w]
        want = filler if w == windows - 1 else round(filler * cumulative / grand)
        made: list[LogRecord] = []
        entries = weights[w]
        if entries:
            cum = list(itertools.accumulate(e[3] for e in entries))
            while done_filler + len(made) < want:
                case, lo, hi, _weight = entries[bisect.bisect_left(
                    cum, rng.random() * cum[-1])]
                before = len(made)
                view(r, case, rng.uniform(lo, hi), made)
                if done_filler + len(made) > want:
                    del made[before:]
                    if not one_line_view(r, entries, made):
                        break  # none here: a later window makes up for it
        if w == windows - 1 and done_filler + len(made) != want:
            raise TooFewLogLines("no dossier item to view for the last log lines")
        done_filler += len(made)
        # Merge with the implied processing of this window, in time order.
        upto = bisect.bisect_right(starts, r.wall((w + 1) * width)) \
            if w < windows - 1 else len(structural)
        window = structural[:upto]
        del structural[:upto]
        del starts[:upto]
        window.extend(made)
        window.sort(key=started)
        pending.extend(window)
        if len(pending) < GROUP and w < windows - 1:
            continue
        # Several batches a transaction: each commit writes every index page it touched,
        # and the subject index is touched all over (pseudonyms are random).
        with transaction.atomic():
            while pending:
                chunk, pending = pending[:r.batch], pending[r.batch:]
                log_append_many(chunk)
                appended += len(chunk)
                r.summary.lines.update(f"{rec.action}:{rec.status}" for rec in chunk)
                if time.monotonic() - last > 3 or appended == target:
                    last = time.monotonic()
                    rate = appended / max(last - begun, 1e-9)
                    r.say(f"  log: {appended:,}/{target:,} lines ({rate:,.0f}/s)")


def one_line_view(r: Region, entries: list[tuple[CaseState, float, float, float]],
                  made: list[LogRecord]) -> bool:
    """Top up by exactly one line: an item opened by its own recorder."""
    for case, lo, hi, _weight in r.rng.sample(entries, k=len(entries)):
        items = [i for i in case.items if i.at <= hi]
        if not items:
            continue
        item = r.rng.choice(items)
        at = r.rng.uniform(max(lo, item.at), hi)
        open_item(r, case, item, item.recorder, at, made)
        return True
    return False


def started(record: LogRecord) -> dt.datetime:
    return record.started_at or timezone.now()


@contextmanager


def large_cache() -> Iterator[None]:
    """On SQLite, a page cache that holds the log's indexes while it grows (this connection,
    for the run); the default 2 MB spills dirty pages to the WAL over and over."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size={int(before)}")
