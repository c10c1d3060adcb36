"""The events finance publishes about its ledger, built through the shared catalog."""
from __future__ import annotations

from uuid import UUID

from erp_shared.events import Envelope, new_event

from .journal import ProposedEntry

JOURNAL_POSTED = "finance.journal_posted.v1"
PUBLISHES = frozenset({JOURNAL_POSTED})  # besides the master-data snapshots built in masterdata.py


def journal_posted(entry_id: UUID, entry_no: str, entry: ProposedEntry, source_event_id: UUID) -> Envelope:
    """Names the event that caused the entry, so a posting can be traced back to its business document."""
    return new_event(JOURNAL_POSTED, {
        "entry_id": entry_id, "entry_no": entry_no, "kind": entry.kind, "source_document": entry.source_document,
        "source_event_id": source_event_id, "entry_date": entry.entry_date,
        "lines": [{"account_code": line.account_code, "debit": line.debit, "credit": line.credit}
                  for line in entry.lines],
    }, subject=str(entry_id))
