"""One line of `reader compare --batch`: `{"id", "a", "b"}` in, the comparison's JSON out.

Texts are compared as given (no cleaning, no title extraction); a side may be one sentence.
"""

from __future__ import annotations

from reader.compare.comparison import compare_texts
from reader.errors import UserError


def compare_batch_line(obj: dict) -> dict:
    """`{"id": ..., **Comparison.to_json()}`; a line without two strings is the user's to fix."""
    a, b = obj.get("a"), obj.get("b")
    if not isinstance(a, str) or not isinstance(b, str):
        raise UserError(f'Batch line {obj.get("id", "?")} needs "a" and "b" as strings.')
    return {"id": obj.get("id"), **compare_texts(a, b).to_json()}


def is_paraphrase(result: dict) -> bool:
    """The single-sentence decision a batch result carries: aligned at all, same or similar."""
    return any(p["kind"] in ("same", "similar") for p in result.get("pairs", ()))
