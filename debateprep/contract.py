"""The JSON contract (`debateprep.analysis/1`) that other tools read.

Keep it stable: add fields, never rename or remove them without bumping the
schema version.
"""

from __future__ import annotations

import json

from .models import Analysis, Document

SCHEMA = "debateprep.analysis/1"


def source_to_dict(document: Document) -> dict:
    """The essay's metadata, as every JSON output reports it."""
    return {
        "path": document.path, "title": document.title, "subtitle": document.subtitle,
        "section": document.section, "date": document.date, "byline": document.byline,
        "words": document.words,
    }


def analysis_to_dict(analysis: Analysis) -> dict:
    return {
        "schema": SCHEMA,
        "source": source_to_dict(analysis.document),
        "claims": [
            {
                "id": claim.id, "text": claim.sentence.text, "ref": claim.sentence.ref,
                "paragraph": claim.sentence.paragraph, "sentence": claim.sentence.index,
                "start": claim.sentence.start, "end": claim.sentence.end,
                "role": claim.role, "stance": claim.stance,
                "schemes": list(analysis.schemes_by_claim.get(claim.id, ())),
                "salience": claim.salience,
                "speaker": claim.speaker, "quoted": claim.quoted, "why": list(claim.cues),
            }
            for claim in analysis.claims
        ],
        "prompts": [
            {
                "id": prompt.id, "claim": prompt.claim.id, "side": prompt.side,
                "scheme": prompt.scheme, "rule": prompt.rule, "text": prompt.text,
                "score": prompt.score,
            }
            for prompt in analysis.prompts
        ],
    }


def analysis_to_json(analysis: Analysis) -> str:
    return json.dumps(analysis_to_dict(analysis), ensure_ascii=False, indent=2) + "\n"
