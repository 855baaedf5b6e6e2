"""The stable, documented JSON shapes of claims, sources, evidence and history events.

``claims list --format json`` and friends print these; scripts and spreadsheets rely on the keys,
so add keys freely but never rename or remove one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claims.moments import day, timestamp
from claims.vocabulary import VERDICTS

if TYPE_CHECKING:
    from claims.extract import Candidate
    from claims.models import Claim, ClaimEvent, Editor, EditorEvent, Evidence, Source, SourceEvent

Record = dict[str, Any]
VERDICT_VALUES = frozenset(status.value for status in VERDICTS)


def claim_record(claim: Claim | Any, entities: list[Record] | None = None) -> Record:
    """A claim as a model or as a Core row with the claims table's columns; a row needs its
    ENTITIES given (``[{"name": ..., "label": ...}]``)."""
    verdict = claim.status in VERDICT_VALUES
    return {
        "id": claim.id,
        "text": claim.text,
        "status": claim.status,
        "kind": claim.kind,
        "source_id": claim.source_id,
        "claimant": claim.claimant,
        "sentence": claim.sentence,
        "start": claim.start_offset,
        "end": claim.end_offset,
        "score": claim.score,
        "entities": entities
        if entities is not None
        else [{"name": entity.name, "label": entity.label} for entity in claim.entities],
        "created_at": timestamp(claim.created_at),
        "updated_at": timestamp(claim.updated_at),
        "version": claim.version,
        "assignee": claim.assignee,
        # A verdict is published once signed off, a draft until then (as Claim.is_published says).
        "published": verdict and claim.signed_off_at is not None,
        "draft": verdict and claim.signed_off_at is None,
        "signed_off_by": claim.signed_off_by,
        "signed_off_at": timestamp(claim.signed_off_at),
        "merged_into": claim.merged_into,
    }


def claim_detail_record(claim: Claim) -> Record:
    return claim_record(claim) | {
        "source": source_record(claim.source) if claim.source else None,
        "evidence": [evidence_record(item) for item in claim.evidence],
        "history": [event_record(event) for event in claim.events],
    }


def evidence_record(evidence: Evidence | Any) -> Record:
    return {
        "id": evidence.id,
        "claim_id": evidence.claim_id,
        "url": evidence.url,
        "stance": evidence.stance,
        "quote": evidence.quote,
        "editor": evidence.editor,
        "created_at": timestamp(evidence.created_at),
        "withdrawn_at": timestamp(evidence.withdrawn_at),
        "withdrawn_by": evidence.withdrawn_by,
    }


def event_record(event: ClaimEvent | Any) -> Record:
    return {
        "id": event.id,
        "claim_id": event.claim_id,
        "kind": event.kind,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "editor": event.editor,
        "note": event.note,
        "evidence_id": event.evidence_id,
        "old_text": event.old_text,
        "new_text": event.new_text,
        "assignee": event.assignee,
        "field": event.field,
        "claimant": event.claimant,
        "claim_kind": event.claim_kind,
        "merged_into": event.merged_into,
        "factcheck_id": event.factcheck_id,
        "undoes": event.undoes,
        "part_of": event.part_of,
        "created_at": timestamp(event.created_at),
    }


def editor_record(editor: Editor) -> Record:
    return {
        "name": editor.name,
        "role": editor.role,
        "added_by": editor.added_by,
        "created_at": timestamp(editor.created_at),
    }


def source_event_record(event: SourceEvent) -> Record:
    return {
        "id": event.id,
        "field": event.field,
        "old_value": event.old_value,
        "new_value": event.new_value,
        "editor": event.editor,
        "note": event.note,
        "created_at": timestamp(event.created_at),
    }


def editor_event_record(event: EditorEvent) -> Record:
    return {
        "id": event.id,
        "name": event.name,
        "old_role": event.old_role,
        "role": event.role,
        "by": event.by,
        "created_at": timestamp(event.created_at),
    }


def source_record(source: Source | Any) -> Record:
    return {
        "id": source.id,
        "title": source.title,
        "outlet": source.outlet,
        "url": source.url,
        "canonical_url": source.canonical_url,
        "published": day(source.published),
        "author": source.author,
        "language": source.language,
        "content_hash": source.content_hash,
        "created_at": timestamp(source.created_at),
    }


def candidate_record(candidate: Candidate) -> Record:
    """What `claims extract` found in a sentence, stored or not."""
    return {
        "text": candidate.text,
        "kind": candidate.kind,
        "score": round(candidate.score, 4),
        "kept": candidate.kept,
        "claimant": candidate.claimant,
        "sentence": candidate.sentence,
        "start": candidate.start,
        "end": candidate.end,
        "entities": [{"name": entity.name, "label": entity.label} for entity in candidate.entities],
        "reasons": list(candidate.reasons),
    }
