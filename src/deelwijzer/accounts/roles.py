"""Roles (P5) and what follows from them. No Django import: the policy reads these too."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    PROFESSIONAL = "professional"
    CASE_DIRECTOR = "case_director"  # casusregisseur
    CHAIR = "chair"  # voorzitter
    TEAM_COORDINATOR = "team_coordinator"  # teamcoördinator: monitoring summary only
    PRIVACY_OFFICER = "privacy_officer"
    PARTNER_ADMIN = "partner_admin"
    SYSTEM_ADMIN = "system_admin"


# Roles that may see personal data (of clients, or of professionals) need a second factor.
# The team coordinator sees counts and stages only (001 protocol 4.3).
SEES_PERSONAL_DATA: frozenset[Role] = frozenset(Role) - {Role.TEAM_COORDINATOR}

VOG_MAX_AGE_YEARS = 3  # P2, 001 protocol 6.3
