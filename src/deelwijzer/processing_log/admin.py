"""Read-only admin for the processing log: view entries and checkpoints, change nothing.

Subject keys are not registered: a key seen is a pseudonym linked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

from deelwijzer.processing_log.models import Checkpoint, LogEntry

if TYPE_CHECKING:
    _EntryAdminBase = admin.ModelAdmin[LogEntry]
    _CheckpointAdminBase = admin.ModelAdmin[Checkpoint]
else:  # the admin classes are not subscriptable at runtime
    _EntryAdminBase = admin.ModelAdmin
    _CheckpointAdminBase = admin.ModelAdmin


class _ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LogEntry)
class LogEntryAdmin(_ReadOnly, _EntryAdminBase):
    list_display = ["seq", "started_at", "action", "activity_id", "actor_partner",
                    "recipient_partner", "allowed", "case_ref"]
    list_filter = ["action"]
    search_fields = ["=subject_pseudonym", "=case_ref", "=recipient_partner"]
    readonly_fields = ("seq", "entry_hash", "document")
    fields = readonly_fields
    show_full_result_count = False


@admin.register(Checkpoint)
class CheckpointAdmin(_ReadOnly, _CheckpointAdminBase):
    list_display = ["number", "seq", "created_at", "key_id"]
    readonly_fields = ("number", "seq", "head_hash", "prev_checkpoint_hash", "created_at",
                       "key_id", "signature")
    fields = readonly_fields
