"""Score quote attribution against gold annotations, by the rules of FORMAT.md.

`attribution eval GOLD_DIR` prints the figures the project's scorer prints: quote detection
P/R/F1, exact-span F1, speaker accuracy on matched quotes, recall by type and the end-to-end
P/R/F1 (a quote found *and* given the right speaker). A test checks that both agree on the
dev set. Optional gold quotes are neither rewarded nor penalised.
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from pathlib import Path

from .errors import InputError

TRIM = " \t\r\n\"'“”„‟«»‹›‘’‚,.;:!?…-–—()[]"
OVERLAP_MIN = 0.5
NAME_RATIO_MIN = 0.88
_UNKNOWN = {"", "unknown", "i panjohur", "none", "null"}


def load_gold(folder: Path) -> dict[str, dict]:
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    docs = {}
    for path in sorted(p for p in folder.glob("*.json") if not p.name.endswith(".draft.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["_text"] = (folder / doc["text_file"]).read_text(encoding="utf-8")
        docs[Path(doc["text_file"]).stem] = doc
    if not docs:
        raise InputError(f"{folder}: no gold annotations (NAME.json) found")
    return docs


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else 0.0


def _fold_name(name: str) -> str:
    name = unicodedata.normalize("NFKD", name.casefold())
    name = "".join(c for c in name if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in name).split())


def _names(quote: dict) -> list[str]:
    speakers = quote.get("speakers")
    if speakers is None:
        speakers = [quote["speaker"]] if quote.get("speaker") is not None else []
    names = []
    for speaker in speakers:
        if isinstance(speaker, str):
            names.append(speaker)
        elif isinstance(speaker, dict):
            names += [
                speaker[k]
                for k in ("name", "canonical", "label")
                if isinstance(speaker.get(k), str)
            ]
            mention = speaker.get("mention")
            if isinstance(mention, dict) and isinstance(mention.get("text"), str):
                names.append(mention["text"])
            elif isinstance(mention, str):
                names.append(mention)
    return [n for n in names if _fold_name(n) not in _UNKNOWN]


def _speaker_right(gold_quote: dict, gold_doc: dict, quote: dict) -> bool:
    names, wanted = _names(quote), gold_quote.get("speaker")
    if wanted is None:
        return not names
    if not names:
        return False
    for speaker_id in wanted if isinstance(wanted, list) else [wanted]:
        entity = gold_doc["speakers"][speaker_id]
        aliases = [_fold_name(a) for a in (entity["name"], *entity.get("aliases", []))]
        if not any(
            (n := _fold_name(name))
            and any(
                n == a or difflib.SequenceMatcher(None, n, a).ratio() >= NAME_RATIO_MIN
                for a in aliases
            )
            for name in names
        ):
            return False
    return True


def _prf(tp: int, n_sys: int, n_gold: int) -> dict[str, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(gold: dict[str, dict], system: dict[str, list[dict]], *, verbose: bool = False) -> dict:
    counts = dict.fromkeys(("gold", "sys", "match", "exact", "speaker_ok"), 0)
    by_type: dict[str, dict[str, int]] = {}
    notes: list[str] = []
    for doc_id, doc in gold.items():
        text, gold_quotes = doc["_text"], doc["quotes"]
        quotes = [q for q in system.get(doc_id, []) if isinstance(q, dict)]
        g_spans = [trim_span(text, q["start"], q["end"]) for q in gold_quotes]
        s_spans = [trim_span(text, int(q.get("start", 0)), int(q.get("end", 0))) for q in quotes]
        pairs = sorted(
            (
                (not gold_quotes[g].get("optional"), overlap(gs, ss), g, s)
                for g, gs in enumerate(g_spans)
                for s, ss in enumerate(s_spans)
            ),
            reverse=True,
        )
        g_used, s_used, matched = set(), set(), []
        for _, ov, g, s in pairs:
            if ov >= OVERLAP_MIN and g not in g_used and s not in s_used:
                g_used.add(g)
                s_used.add(s)
                matched.append((g, s))
        optional_matched = {s for g, s in matched if gold_quotes[g].get("optional")}
        counts["gold"] += sum(1 for q in gold_quotes if not q.get("optional"))
        counts["sys"] += len(quotes) - len(optional_matched)
        for q in gold_quotes:
            if not q.get("optional"):
                by_type.setdefault(q["type"], {"gold": 0, "match": 0, "speaker_ok": 0})["gold"] += 1
        for g, s in matched:
            q = gold_quotes[g]
            if q.get("optional"):
                continue
            counts["match"] += 1
            by_type[q["type"]]["match"] += 1
            counts["exact"] += g_spans[g] == s_spans[s]
            if _speaker_right(q, doc, quotes[s]):
                counts["speaker_ok"] += 1
                by_type[q["type"]]["speaker_ok"] += 1
            elif verbose:
                a, b = g_spans[g]
                notes.append(
                    f"[speaker] {doc_id}: gold {q.get('speaker')} got {_names(quotes[s])}"
                    f" :: {text[a:b][:60]!r}"
                )
        if verbose:
            for g, q in enumerate(gold_quotes):
                if g not in g_used and not q.get("optional"):
                    a, b = g_spans[g]
                    notes.append(f"[missed] {doc_id} ({q['type']}): {text[a:b][:80]!r}")
            for s in range(len(quotes)):
                if s not in s_used:
                    a, b = s_spans[s]
                    notes.append(f"[spurious] {doc_id}: {text[a:b][:80]!r}")
    return {
        "documents": len(gold),
        "gold_quotes": counts["gold"],
        "system_quotes": counts["sys"],
        "quote_detection": _prf(counts["match"], counts["sys"], counts["gold"]),
        "exact_span": _prf(counts["exact"], counts["sys"], counts["gold"]),
        "speaker_accuracy_on_matched": round(counts["speaker_ok"] / counts["match"], 4)
        if counts["match"]
        else 0.0,
        "end_to_end": _prf(counts["speaker_ok"], counts["sys"], counts["gold"]),
        "recall_by_type": {
            kind: {
                "gold": v["gold"],
                "found": round(v["match"] / v["gold"], 4) if v["gold"] else 0.0,
                "found_with_right_speaker": round(v["speaker_ok"] / v["gold"], 4)
                if v["gold"]
                else 0.0,
            }
            for kind, v in sorted(by_type.items())
        },
        "notes": notes,
    }


def format_report(result: dict) -> str:
    lines = list(result["notes"])
    lines += [f"{key}: {result[key]}" for key in ("documents", "gold_quotes", "system_quotes")]
    for key in ("quote_detection", "exact_span"):
        m = result[key]
        lines.append(f"{key}: P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}")
    lines.append(f"speaker_accuracy_on_matched: {result['speaker_accuracy_on_matched']:.3f}")
    for kind, v in result["recall_by_type"].items():
        lines.append(
            f"recall[{kind}]: {v['found']:.3f} (with right speaker "
            f"{v['found_with_right_speaker']:.3f}, n={v['gold']})"
        )
    e = result["end_to_end"]
    lines.append(f"end_to_end: P={e['precision']:.3f} R={e['recall']:.3f} F1={e['f1']:.3f}")
    return "\n".join(lines)
