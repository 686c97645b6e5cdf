"""Writing the planned rows: ``bulk_create`` through each model's ``_records`` manager, in the
order of their foreign keys, with the creation times the plan gave them."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models, transaction

from deelwijzer.cases.models import (
    ActionItem,
    Case,
    Consultation,
    ConsultationParticipant,
    Contribution,
    Involvement,
)
from deelwijzer.datarequests.models import DataRequest, RequestDisclosure
from deelwijzer.demo.scale.region import Region
from deelwijzer.persons.models import (
    Consent,
    ConsentEvent,
    Disclosure,
    DossierItem,
    Household,
    HouseholdMember,
    Informing,
    Justification,
    Person,
    Representative,
)
from deelwijzer.veiligthuis.models import AdviceRequest

# Every table the plan fills, referenced tables first.
WRITE_ORDER: tuple[models.Manager[Any], ...] = (
    Person._records, Household._records, HouseholdMember._records, Representative._records,
    Case._records, Involvement._records, Consultation._records,
    ConsultationParticipant._records, Contribution._records, ActionItem._records,
    DossierItem._records, Consent._records, ConsentEvent._records, Justification._records,
    Informing._records, Disclosure._records, DataRequest._records, AdviceRequest._records)
CHUNK = 2_000  # rows a statement


@contextmanager
def backdated(model: type[models.Model]) -> Iterator[None]:
    """Let bulk_create keep the creation times the generator set (``auto_now_add`` off)."""
    fields = [f for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False)]
    for f in fields:
        f.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for f in fields:
            f.auto_now_add = True  # type: ignore[attr-defined]


def write_rows(r: Region) -> None:
    """The rows of ``r.rows`` (a transaction per chunk), then the consents' givers and the
    disclosures that answered data requests."""
    started = time.monotonic()
    total = 0
    for manager in WRITE_ORDER:
        model = manager.model
        objs = r.rows.get(model, [])
        with backdated(model):
            for at in range(0, len(objs), CHUNK):
                with transaction.atomic():
                    manager.bulk_create(objs[at:at + CHUNK])
        total += len(objs)
        r.summary.rows[model.__name__] = len(objs)
        r.say(f"  rows: {len(objs):>7,} {model._meta.label} ({total:,} in "
              f"{time.monotonic() - started:.1f} s)")
    through = Consent.given_by.through
    links = [through(consent_id=c.pk, person_id=p.pk)
             for c, people in zip(r.rows.get(Consent, []), r.consent_givers, strict=True)
             for p in people]
    request_links = [RequestDisclosure(request=request, disclosure=disclosure)
                     for request, disclosure in r.request_disclosures]
    with transaction.atomic():
        through._default_manager.bulk_create(links, batch_size=CHUNK)  # a link table
        RequestDisclosure._records.bulk_create(request_links, batch_size=CHUNK)
    r.summary.rows["Consent.given_by"] = len(links)
    r.summary.rows["RequestDisclosure"] = len(request_links)
