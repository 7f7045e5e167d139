"""Proofreading page: each block's print text beside its braille, for staff to check a transcription.

    (Document, braille Code) ──build──▶ (the page, its Braille): what ``accessreader proof``
                                          writes and the staff proof page shows
    (Document, Braille) ──render──▶ one self-contained HTML page

The page is a table with a caption and header cells, one row per block: its
id, its language(s) and table(s), the print text (with ``lang`` set so a screen
reader speaks it right) and the Unicode braille.  A character written with a
fallback is marked (``<mark>``) in the print text and listed at the top with
its location; with none, the page says so.  A word rewritten in one script
when the book was read (``Block.repairs``) is followed by what was typed, and
Kazakh in Latin letters (``kk-Latn``) is said to be brailled in Cyrillic.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..language import KAZAKH_LATIN
from ..messages import translate as message
from ..model import Document
from .tables import Code
from .translate import Braille, BrailleBlock, Problem, translate_document

_STYLE = (
    "body{font-family:sans-serif;max-width:80em;margin:auto;padding:1em}"
    "table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;padding:.3em;vertical-align:top;text-align:left}"
    ".brl{font-size:1.4em;line-height:1.6;white-space:pre-wrap}mark{background:#ffd54f;color:#000;outline:2px solid #b71c1c}"
)


def build(document: Document, code: Code, lang: str = "en",
          progress: Callable[[int], None] | None = None) -> tuple[str, Braille]:  # fmt: skip
    """The proof page of ``document`` in braille ``code``, labelled in ``lang``, and the braille it shows.

    ``progress(n)`` hears of each block translated.  The tables are the caller's to check first
    (``convert.prepare``), so that a missing one is refused before any work.
    """
    braille = translate_document(document, code, progress)
    return render(document, braille, lang), braille


def render(document: Document, braille: Braille, lang: str = "en") -> str:
    """The proof page as HTML text, labelled in ``lang`` (kk, ru or en)."""
    t = lambda code, **params: escape(message(code, lang, **params))  # noqa: E731
    title = t("braille_proof_title", title=document.metadata.title)
    texts = {block.id: block.text for _, block in document.blocks()}
    typed = {block.id: {r.end: r.original for r in block.repairs} for _, block in document.blocks()}
    problems = braille.problems
    parts = [
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head><meta charset="utf-8">',
        f"<title>{title}</title><style>{_STYLE}</style></head>\n<body>\n<main>\n<h1>{title}</h1>",
        f"<h2>{t('label_warnings')}</h2>",
    ]
    if problems:
        parts.append("<ul>")
        parts += [f'<li><a href="#{escape(p.block)}">{escape(p.message(lang))}</a></li>' for p in problems]
        parts.append("</ul>")
    else:
        parts.append(f"<p>{t('braille_proof_clean')}</p>")
    parts.append(
        f"<table>\n<caption>{escape(document.metadata.title)}</caption>\n<thead><tr>"
        f'<th scope="col">{t("braille_proof_block")}</th><th scope="col">{t("braille_proof_table")}</th>'
        f'<th scope="col">{t("braille_proof_print")}</th><th scope="col">{t("braille_proof_braille")}</th>'
        "</tr></thead>\n<tbody>"
    )
    for block in braille.blocks:
        notes = (t("braille_proof_original"), t("braille_proof_transliterated"))
        parts.append(_row(block, texts.get(block.id, ""), typed.get(block.id, {}), notes))
    parts.append("</tbody>\n</table>\n</main>\n</body>\n</html>\n")
    return "\n".join(parts)


def _row(block: BrailleBlock, text: str, typed: dict[int, str], notes: tuple[str, str]) -> str:
    label, transliterated = notes
    tables = ", ".join(
        dict.fromkeys(
            f"{run.lang}: {run.table}" + (f" ({transliterated})" if run.lang == KAZAKH_LATIN else "")
            for run in block.runs
        )
    )
    braille = (block.label + "\u2800" if block.label else "") + block.cells
    return (
        f'<tr id="{escape(block.id)}"><th scope="row">{escape(block.id)} ({escape(block.kind)})</th>'
        f"<td>{escape(tables)}</td><td>{_print_text(block, text, typed, label)}</td>"
        f'<td class="brl" lang="{_braille_lang(block)}">{escape(braille)}</td></tr>'
    )


def _print_text(block: BrailleBlock, text: str, typed: dict[int, str], label: str) -> str:
    """The print text, marked; ``typed`` maps the end of each repaired word to its original."""
    marked = {p.offset: p for p in block.problems}
    pieces = []
    for run in block.runs:
        chunk = []
        for offset in range(run.start, run.end):
            char = escape(text[offset])
            problem: Problem | None = marked.get(offset)
            chunk.append(f'<mark title="{escape(problem.message())}">{char}</mark>' if problem else char)
            if offset + 1 in typed:
                chunk.append(f' <ins class="typed">[{label}: {escape(typed[offset + 1])}]</ins>')
        pieces.append(f'<span lang="{escape(run.lang)}">{"".join(chunk)}</span>')
    return "".join(pieces).replace("\n", "<br>")


def _braille_lang(block: BrailleBlock) -> str:
    """The BCP 47 tag for braille in the block's first language (``kk-Brai``)."""
    return f"{block.runs[0].lang.split('-')[0]}-Brai" if block.runs else "und-Brai"
