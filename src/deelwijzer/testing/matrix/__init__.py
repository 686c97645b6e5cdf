"""The authorization matrix, used by tests/test_authorization_matrix.py.

Three modules:

- ``world``: ``seed``, the demo partnership with a simulated history (``deelwijzer simulate``)
  and one family added through the services so every object kind exists with distinctive
  texts; ``collect_secrets`` and ``business``, the personal data in the database (read through
  the models' ``_records`` managers and decrypted, as only tests may), each string with the
  objects it belongs to, and per object the professionals that have business with it.
- ``routes``: ``discover_routes``, every URL route with the object kind of its id (``KINDS``).
- ``walk``: the accounts and the ``Walker``, which requests every route with an id as every
  account without business with the object, and every route without an id as every account,
  and reports what came back.
"""

from deelwijzer.testing.matrix.routes import KINDS, NOT_PERSONAL, Route, discover_routes
from deelwijzer.testing.matrix.walk import (
    BODY_KINDS,
    Account,
    Result,
    Walker,
    make_accounts,
    table,
)
from deelwijzer.testing.matrix.world import (
    Obj,
    Secret,
    World,
    business,
    collect_secrets,
    object_counts,
    samples_of,
    seed,
    seed_family,
)

__all__ = [
    "BODY_KINDS", "KINDS", "NOT_PERSONAL", "Account", "Obj", "Result", "Route", "Secret",
    "Walker", "World", "business", "collect_secrets", "discover_routes", "make_accounts",
    "object_counts", "samples_of", "seed", "seed_family", "table",
]
