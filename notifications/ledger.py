"""The consent ledger as a chain of receipts, one chain per person.

Each record carries its place in the person's chain (`sequence`), the hash of the record before it
and its own hash over the fields that say what was decided: who (by id), which purpose and
wording (its version and a hash of its words), given or withdrawn, how, recorded by whom (by id),
when. The start of the hash is printed on the receipt, so the person holds it too. A change to any of those, a record
taken out or one slipped in breaks the chain, and `verify_consent_chains` says where.

Names are not in the hash: `on_behalf_by` (the person who decided for someone) is personal data
that erasure must be able to blank, through the one path the database trigger allows (ADR 0019).
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC

from django.db import connection, transaction

from accounts.models import User

from .models import ConsentRecord, ContactPreferenceRecord

GENESIS = "0" * 64


def chain_hash(record: ConsentRecord, previous: str) -> str:
    fields = {
        "person": record.person_id,
        "sequence": record.sequence,
        "purpose": record.purpose,
        "wording": record.wording_id,
        # The words themselves, so a wording changed in the database changes no receipt unseen.
        "wording_version": record.wording.version,
        "wording_text": hashlib.sha256(record.wording.text.encode()).hexdigest(),
        "decision": record.decision,
        "method": record.method,
        "recorded_by": record.recorded_by_id,
        "recorded_at": record.recorded_at.astimezone(UTC).isoformat(),
        "previous": previous,
    }
    return hashlib.sha256(json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def chain_lock(person_id: int) -> None:
    """Decisions about one person are recorded one at a time: the lock is their account row, taken
    without blocking rows that merely refer to it (history rows naming them, say)."""
    User.objects.select_for_update(no_key=True).filter(pk=person_id).first()


def chain_link(record: ConsentRecord) -> None:
    """Give a new record its place at the end of its person's chain. The caller holds
    `chain_lock`, so two decisions at once cannot take the same place."""
    last = ConsentRecord.objects.filter(person_id=record.person_id).order_by("-sequence").first()
    record.sequence = 1 if last is None else last.sequence + 1
    record.previous_hash = GENESIS if last is None else last.row_hash
    record.row_hash = chain_hash(record, record.previous_hash)


@dataclass(frozen=True)
class Break:
    person_id: int
    sequence: int
    why: str

    def __str__(self) -> str:
        return f"person {self.person_id}, record {self.sequence}: {self.why}"


def chain_breaks(records: Iterable[ConsentRecord]) -> list[Break]:
    """Every place where the chains of these records (ordered by person, then sequence) do not hold."""
    breaks = []
    person, expected_sequence, previous = None, 1, GENESIS
    for record in records:
        if record.person_id != person:
            person, expected_sequence, previous = record.person_id, 1, GENESIS
        if record.sequence != expected_sequence:
            breaks.append(_break(record, f"expected record {expected_sequence}: one is missing or out of place"))
        if record.previous_hash != previous:
            breaks.append(_break(record, "does not follow from the record before it"))
        if record.row_hash != chain_hash(record, record.previous_hash):
            breaks.append(_break(record, "its contents have been changed since it was written"))
        expected_sequence, previous = record.sequence + 1, record.row_hash
    return breaks


def _break(record: ConsentRecord, why: str) -> Break:
    return Break(person_id=record.person_id, sequence=record.sequence, why=why)


def chains_verify(person_ids: Iterable[int] | None = None) -> tuple[int, list[Break]]:
    """How many records were checked, and every break found, for everyone or for some people."""
    records = ConsentRecord.objects.select_related("wording").order_by("person_id", "sequence", "id")
    if person_ids is not None:
        records = records.filter(person_id__in=list(person_ids))
    checked = records.count()
    return checked, chain_breaks(records.iterator(chunk_size=2000))


def ledgers_blank_names_for(person) -> int:
    """Erasure's one way into the ledgers: blank the name of whoever decided for the person, and
    nothing else. The database trigger lets this through only with the setting below in force for
    this transaction, and only when every other field is left as it was."""
    changed = 0
    # SET LOCAL lasts for a transaction: outside one it would do nothing and the trigger would refuse.
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL notifications.ledger_erasure = 'on'")
        for model in (ConsentRecord, ContactPreferenceRecord):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(
                f"UPDATE {table} SET on_behalf_by = '' WHERE person_id = %s AND on_behalf_by <> ''",  # noqa: S608
                [person.pk],
            )
            changed += cursor.rowcount
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL notifications.ledger_erasure = 'off'")
    return changed
