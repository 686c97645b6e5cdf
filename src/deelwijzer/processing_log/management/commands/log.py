"""``deelwijzer log SUBCOMMAND ...``: verify, export and sign the processing log.

    deelwijzer log verify [--lang nl|en]
    deelwijzer log export [--output FILE] [--since WHEN] [--until WHEN] [--lang nl|en]
    deelwijzer log checkpoint [--lang nl|en]

Exit status: 0 when all is well, 1 when the log does not verify, 2 when the command could not
do its work (no database, no table, no signing key); never a traceback. Subcommands are
methods of a :class:`deelwijzer.subcommands.CommandGroup`.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import datetime, time, timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from deelwijzer.processing_log.export import write_jsonl
from deelwijzer.processing_log.keys import SigningKeyUnavailable
from deelwijzer.processing_log.services import checkpoint_create
from deelwijzer.processing_log.verify import VerifyResult, verify_log
from deelwijzer.subcommands import CommandGroup, argument, subcommand

LANGUAGES = ("nl", "en")
LANG = argument("--lang", choices=LANGUAGES, default="nl", help="language of the messages")

TEXT = {
    "nl": {
        "verified": "{count} logregels geverifieerd tot en met controlepunt {checkpoint} "
        "(logregel {checkpoint_seq})",
        "verified_no_checkpoint": "{count} logregels geverifieerd; er is nog geen controlepunt",
        "unsigned": "{count} logregels na het laatste controlepunt zijn nog niet ondertekend "
        "(deelwijzer log checkpoint)",
        "empty": "het logboek is leeg: niets te verifiëren",
        "failed": "het logboek klopt niet: {what}",
        "changed": "logregel {seq} is gewijzigd",
        "missing": "logregel {seq} ontbreekt",
        "missing_range": "logregels {seq} tot en met {other} ontbreken",
        "reordered": "logregel {seq} staat niet op zijn plaats",
        "reordered_other": "logregel {seq} staat niet op zijn plaats: het is logregel {other}",
        "inserted": "logregel {seq} is ingevoegd",
        "inserted_copy": "logregel {seq} is ingevoegd: een kopie van logregel {other}",
        "checkpoint_signature": "controlepunt {checkpoint} is niet geldig ondertekend "
        "(bij logregel {seq})",
        "checkpoint_mismatch": "controlepunt {checkpoint} past niet bij logregel {seq}: de "
        "logregels tot en met {seq} zijn herschreven",
        "schema": "de tabel van het logboek is veranderd ({problem})",
        "first_ok": "de {count} logregels ervoor kloppen",
        "warning": "waarschuwing: {warning}",
        "exported": "{count} logregels geëxporteerd naar {output}",
        "bad_time": "onbekend tijdstip {value!r}: gebruik JJJJ-MM-DD of JJJJ-MM-DDTuu:mm",
        "checkpoint": "controlepunt {number} aangemaakt: logregels tot en met {seq} "
        "ondertekend met sleutel {key_id}",
        "no_key": "kan geen controlepunt ondertekenen: {error}",
        "internal": "het logboek kan niet worden gelezen: {error}",
        "bad_processes": "--processes: een aantal van 1 of meer, niet {value}",
    },
    "en": {
        "verified": "{count} entries verified up to checkpoint {checkpoint} "
        "(entry {checkpoint_seq})",
        "verified_no_checkpoint": "{count} entries verified; there is no checkpoint yet",
        "unsigned": "{count} entries after the last checkpoint are not signed yet "
        "(deelwijzer log checkpoint)",
        "empty": "the log is empty: nothing to verify",
        "failed": "the log does not verify: {what}",
        "changed": "entry {seq} was changed",
        "missing": "entry {seq} is missing",
        "missing_range": "entries {seq} to {other} are missing",
        "reordered": "entry {seq} is out of order",
        "reordered_other": "entry {seq} is out of order: it is entry {other}",
        "inserted": "entry {seq} was inserted",
        "inserted_copy": "entry {seq} was inserted: a copy of entry {other}",
        "checkpoint_signature": "checkpoint {checkpoint} is not validly signed (at entry {seq})",
        "checkpoint_mismatch": "checkpoint {checkpoint} does not match entry {seq}: the "
        "entries up to {seq} were rewritten",
        "schema": "the log's table was altered ({problem})",
        "first_ok": "the {count} entries before it verify",
        "warning": "warning: {warning}",
        "exported": "{count} entries exported to {output}",
        "bad_time": "unknown time {value!r}: use YYYY-MM-DD or YYYY-MM-DDThh:mm",
        "checkpoint": "checkpoint {number} created: entries up to {seq} signed with key "
        "{key_id}",
        "no_key": "cannot sign a checkpoint: {error}",
        "internal": "the log cannot be read: {error}",
        "bad_processes": "--processes: a number of 1 or more, not {value}",
    },
}


def describe(result: VerifyResult, lang: str) -> str:
    """What went wrong, in one sentence of the chosen language."""
    text = TEXT[lang]
    kind = result.kind or "changed"
    seq, other = result.entry_seq, result.other_seq
    if kind == "missing" and other is not None and seq is not None and other > seq:
        key = "missing_range"
    elif kind == "reordered" and other is not None:
        key = "reordered_other"
    elif kind == "inserted" and other is not None and "copy" in (result.problem or ""):
        key = "inserted_copy"
    else:
        key = kind if kind in text else "changed"
    what = text[key].format(
        seq=seq, other=other, checkpoint=result.problem_checkpoint, problem=result.problem
    )
    if lang == "en" and result.problem and key not in ("schema",):
        what = f"{what} ({result.problem})"
    return text["failed"].format(what=what)


def _when(value: str | None, *, end: bool) -> datetime | None:
    """A time given on the command line: a date (its start; for --until the next day's start)
    or a date and time; without a zone, in the settings' time zone."""
    if not value:
        return None
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise ValueError(value)
        moment = datetime.combine(day, time.min)
        if end:
            moment = moment + timedelta(days=1)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class Command(CommandGroup):
    help = "Work with the processing log (verify, export, checkpoint)."
    requires_system_checks: list[str] = []  # must run even when other checks fail

    def _internal(self, lang: str, error: BaseException) -> int:
        message = f"{type(error).__name__}: {error}".strip().splitlines()[0]
        self.stderr.write(TEXT[lang]["internal"].format(error=message))
        return 2

    # --- subcommands --------------------------------------------------------------------------

    @subcommand(
        argument("--processes", type=int, metavar="N",
                 help="hash a large log in N processes side by side (default: one per CPU; "
                      "1: in this process only)"),
        LANG,
    )
    def verify(self, *, processes: int | None = None, lang: str = "nl", **options: Any) -> int:
        """Recompute the hash chain and the checkpoints; name the first entry that does not fit.

        Exit status 0 with the number of entries verified and the checkpoint they are signed up
        to; 1 naming the first entry that does not fit and how (changed, missing, reordered,
        inserted, a checkpoint signed wrongly or not matching the chain); 2 when the log cannot
        be read. A large log is hashed in several processes at once; when something does not fit,
        one process looks again and names it.
        """
        text = TEXT[lang]
        if processes is not None and processes < 1:
            self.stderr.write(text["bad_processes"].format(value=processes))
            return 2
        try:
            result = verify_log(processes=processes)
        except Exception as error:  # a verifier never shows a traceback
            return self._internal(lang, error)
        for warning in result.warnings:
            self.stderr.write(text["warning"].format(warning=warning))
        if not result.ok:
            self.stdout.write(describe(result, lang), self.style.ERROR)
            if result.count:
                self.stdout.write(f"  {text['first_ok'].format(count=result.count)}")
            return 1
        if result.count == 0:
            self.stdout.write(text["empty"], self.style.SUCCESS)
            return 0
        if result.checkpoint is None:
            self.stdout.write(
                text["verified_no_checkpoint"].format(count=result.count), self.style.SUCCESS
            )
        else:
            self.stdout.write(
                text["verified"].format(
                    count=result.count, checkpoint=result.checkpoint,
                    checkpoint_seq=result.checkpoint_seq,
                ),
                self.style.SUCCESS,
            )
        unsigned = result.count - (result.checkpoint_seq or 0)
        if unsigned:
            self.stdout.write(f"  {text['unsigned'].format(count=unsigned)}")
        return 0

    @subcommand(
        argument("--output", "-o", metavar="FILE", help="write here instead of to stdout"),
        argument("--since", metavar="WHEN",
                 help="only processing that started at or after this date (and time)"),
        argument("--until", metavar="WHEN",
                 help="only processing that started before this time (a date: up to its end)"),
        LANG,
    )
    def export(
        self, *, output: str | None = None, since: str | None = None, until: str | None = None,
        lang: str = "nl", **options: Any,
    ) -> int:
        """Write the log as JSON lines in the shape of Logboek Dataverwerkingen.

        One JSON object per line: trace_id, span_id, parent_span_id, name, status, start_time,
        end_time, resource and attributes (dpl.core.processing_activity_id,
        dpl.core.data_subject_id as the pseudonym, and deelwijzer.* for the rest).
        """
        text = TEXT[lang]
        try:
            start, end = _when(since, end=False), _when(until, end=True)
        except ValueError as error:
            self.stderr.write(text["bad_time"].format(value=str(error)))
            return 2
        try:
            target: Any = (
                open(output, "w", encoding="utf-8")  # noqa: SIM115
                if output else nullcontext(_Stdout(self))
            )
            with target as out:
                count = write_jsonl(out, since=start, until=end)
        except BrokenPipeError:  # the reader went away (| head): not an error
            return 0
        except Exception as error:  # no traceback: a database or file error
            return self._internal(lang, error)
        if output:
            self.stderr.write(text["exported"].format(count=count, output=output))
        return 0

    @subcommand(LANG)
    def checkpoint(self, *, lang: str = "nl", **options: Any) -> int:
        """Sign the log as it is now (Ed25519): a checkpoint later verifications check against.

        The key comes from DEELWIJZER_LOG_SIGNING_KEY or DEELWIJZER_LOG_SIGNING_KEY_FILE (in
        development a generated key in var/). Nothing appended since the last checkpoint:
        that checkpoint is shown again.
        """
        text = TEXT[lang]
        try:
            made = checkpoint_create()
        except SigningKeyUnavailable as error:
            self.stderr.write(text["no_key"].format(error=error))
            return 2
        except Exception as error:
            return self._internal(lang, error)
        self.stdout.write(
            text["checkpoint"].format(number=made.number, seq=made.seq, key_id=made.key_id),
            self.style.SUCCESS,
        )
        return 0


class _Stdout:
    """The command's stdout as a plain text sink (no added line endings)."""

    def __init__(self, command: BaseCommand) -> None:
        self.command = command

    def write(self, text: str) -> int:
        self.command.stdout.write(text, ending="")
        return len(text)
