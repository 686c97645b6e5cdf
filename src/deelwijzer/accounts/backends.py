from django.contrib.auth.backends import ModelBackend


class ProfessionalBackend(ModelBackend):
    """Username and password; the access rules (VOG, declaration) are checked at login."""
