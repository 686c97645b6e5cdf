"""factory-boy factories shared by the tests. Import only from tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from deelwijzer.accounts.models import Professional, RoleAssignment
from deelwijzer.covenant.models import Partner, PartnerKind, Partnership

TEST_PASSWORD = "correct-horse-battery-staple"  # noqa: S105


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"verband-{n}")
    name = factory.Sequence(lambda n: f"Samenwerkingsverband {n}")
    region = "Kleinstad"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("partnership", "key")

    partnership = factory.SubFactory(PartnershipFactory)
    key = factory.Sequence(lambda n: f"partner-{n}")
    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = PartnerKind.CORE

    class Params:
        shell = factory.Trait(kind=PartnerKind.SHELL)


class ProfessionalFactory(factory.django.DjangoModelFactory):
    """A professional who may log in: recent VOG; add traits for the blocked states."""

    class Meta:
        model = Professional
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"prof{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Jansen{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@partner.example")
    partner = factory.SubFactory(PartnerFactory)
    function = "Jeugdprofessional"
    vog_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=365))
    confidentiality_declaration_date = None
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    class Params:
        vog_expired = factory.Trait(
            vog_date=factory.LazyFunction(
                lambda: timezone.localdate() - dt.timedelta(days=3 * 365 + 2)
            )
        )
        declaration_signed = factory.Trait(
            confidentiality_declaration_date=factory.LazyFunction(
                lambda: timezone.localdate() - dt.timedelta(days=30)
            )
        )

    @factory.post_generation
    def roles(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        for role in extracted or ["professional"]:
            RoleAssignment.objects.get_or_create(professional=self, role=str(role))
        self.save()


def family_consent(*, professional: Any, persons: list[Any], purpose: str, recipient: str,
                   categories: list[str]) -> None:
    """Each person's consent, given as the age rules ask (S6: the representatives on record,
    the child with them, or the person alone), to share ``categories`` with ``recipient``."""
    from deelwijzer.consent import services as consent_services
    from deelwijzer.persons import gateway
    from deelwijzer.persons import selectors as persons_selectors
    from deelwijzer.policy import CaseRole

    for person in persons:
        ground = gateway.index_for(person).purpose_grounds[purpose][professional.partner.key]
        context = gateway.Context(purpose=purpose, ground=ground, case_role=CaseRole.CASE_HOLDER)
        needed = consent_services.consent_givers_required(person)
        representatives = persons_selectors.representatives_of(person)[:1]
        givers = {"representatives": representatives,
                  "child_and_representative": [person, *representatives],
                  "subject": [person]}[needed]
        consent_services.consent_record(
            professional=professional, person=person, given_by=givers, purpose=purpose,
            categories=categories, recipients=[recipient], valid_from=timezone.localdate(),
            context=context)
