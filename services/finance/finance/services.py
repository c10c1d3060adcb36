"""Use cases of the general ledger: posting the entry a business event calls for, once.

They run inside the caller's transaction (the consumer's, with its inbox row), so the entry, its lines, the
AP and AR subledger rows and the journal_posted event commit together or not at all.
"""
from __future__ import annotations

import logging
import uuid

from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from erp_shared.errors import PermanentEventError
from erp_shared.events import Envelope
from erp_shared.messaging.outbox import record_events
from erp_shared.numbering import next_number

from .events import journal_posted
from .journal import ProposedEntry, SubledgerMovement, payables_movements, receivables_movements
from .models import Account, ApLedgerEntry, ArLedgerEntry, JournalEntry, JournalLine, document_counters, outbox
from .posting import DEFAULT_ACCOUNTS, PostingAccounts

log = logging.getLogger(__name__)

ENTRY_PREFIX = "JE"


def post_journal_entry(session: Session, entry: ProposedEntry | None, source: Envelope,
                       accounts: PostingAccounts = DEFAULT_ACCOUNTS) -> uuid.UUID | None:
    """Post `entry`, caused by `source`; returns its id, or None when there is nothing (new) to post."""
    if entry is None:
        log.info("nothing to post", extra={"event_type": source.type, "event_id": str(source.id)})
        return None
    payables = payables_movements(entry, accounts.accounts_payable)
    receivables = receivables_movements(entry, accounts.accounts_receivable)
    posted = _claim_business_key(session, entry, source)
    if posted is None:
        log.info("journal entry already posted; skipped",
                 extra={"kind": entry.kind, "source_document": entry.source_document, "event_id": str(source.id)})
        return None
    entry_id, entry_no = posted
    _require_postable_accounts(session, entry)
    session.execute(insert(JournalLine), [
        {"entry_id": entry_id, "line_no": line_no, "account_code": line.account_code, "debit": line.debit,
         "credit": line.credit, "supplier_id": line.supplier_id, "customer_id": line.customer_id, "memo": line.memo}
        for line_no, line in enumerate(entry.lines, start=1)])
    _mirror_into(session, ApLedgerEntry, "supplier_id", entry_id, entry, payables)
    _mirror_into(session, ArLedgerEntry, "customer_id", entry_id, entry, receivables)
    record_events(session, outbox, journal_posted(entry_id, entry_no, entry, source.id))
    log.info("journal entry posted", extra={"entry_no": entry_no, "kind": entry.kind,
                                            "source_document": entry.source_document})
    return entry_id


def _mirror_into(session: Session, subledger, party_column: str, entry_id: uuid.UUID, entry: ProposedEntry,
                 movements: list[SubledgerMovement]) -> None:
    """Copy the control-account lines into their subledger, keyed by the journal line each one mirrors."""
    if movements:
        session.execute(insert(subledger), [
            {"entry_id": entry_id, "line_no": m.line_no, party_column: m.party_id,
             "document": entry.source_document, "kind": entry.kind, "amount": m.amount,
             "entry_date": entry.entry_date}
            for m in movements])


def _claim_business_key(session: Session, entry: ProposedEntry, source: Envelope) -> tuple[uuid.UUID, str] | None:
    """Insert the entry's header unless (kind, source_document) is already posted. The unique constraint
    decides, so two deliveries racing on replicas cannot both post. The number is taken in a savepoint that a
    duplicate rolls back, so skipping a duplicate leaves no gap in the JE numbers (the year is the posting
    year: numbers follow the order entries reach the books)."""
    savepoint = session.begin_nested()
    entry_no = next_number(session, document_counters, ENTRY_PREFIX)
    entry_id = session.execute(
        pg_insert(JournalEntry).values(
            id=uuid.uuid4(), entry_no=entry_no, entry_date=entry.entry_date, kind=entry.kind,
            source_document=entry.source_document, source_event_id=source.id, source_type=source.type,
            correlation_id=source.correlation_id, description=entry.description, supplier_id=entry.supplier_id,
            customer_id=entry.customer_id)
        .on_conflict_do_nothing(index_elements=["kind", "source_document"])
        .returning(JournalEntry.id)
    ).scalar_one_or_none()
    if entry_id is None:
        savepoint.rollback()
        return None
    savepoint.commit()
    return entry_id, entry_no


def _require_postable_accounts(session: Session, entry: ProposedEntry) -> None:
    """Post only to accounts of the chart that are active. A missing or retired account will not come back
    by retrying, so the event is parked in the dead-letter queue until the chart is fixed and it is replayed."""
    found = {code: active for code, active in session.execute(
        select(Account.code, Account.active).where(Account.code.in_(sorted(entry.account_codes))))}
    missing = sorted(entry.account_codes - set(found))
    if missing:
        raise PermanentEventError(f"{entry.source_document}: account(s) {', '.join(missing)} not in the chart")
    inactive = sorted(code for code, active in found.items() if not active)
    if inactive:
        raise PermanentEventError(f"{entry.source_document}: account(s) {', '.join(inactive)} are inactive")
