"""P5: the team coordinator's monitoring view: counts and stages per case, never content
(001 privacyprotocol art. 4.3)."""
