"""The append-only, tamper-evident processing log (Logboek Dataverwerkingen).

Public facade: :mod:`.services` (writes), :mod:`.selectors` (reads), :mod:`.verify`
(recompute the chain and the checkpoints), :mod:`.export` (JSON lines in the shape of the
standard). This app imports no other Deelwijzer app: the apps above call it. See DESIGN.md.
"""
