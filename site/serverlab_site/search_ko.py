"""Search for the Korean edition: Sphinx has no Korean splitter, so Korean words are indexed as syllable bigrams.

Korean glues particles to words (루프는, 루프를, 루프에서), so Sphinx's default splitter, which cuts at spaces,
indexes "루프는" and a search for "루프" finds nothing. Indexing every pair of adjacent Hangul syllables
(루프는 -> 루프, 프는) makes any word of two or more syllables findable inside its inflected forms, the usual
n-gram answer for CJK text without a morphological analyser; a one-syllable word (큐, 락) is kept as it is.
Latin words (uvicorn, SIGTERM) are indexed whole, lower-cased, as in the English edition. The page's
JavaScript splits a query the same way (`js_splitter_code`), so a query's bigrams meet the index's.
"""

from __future__ import annotations

import re

from sphinx.search import SearchLanguage

HANGUL_RUN = re.compile("[\uac00-\ud7a3]+")
WORD = re.compile(r"\w+")


def korean_terms(word: str) -> list[str]:
    """One \\w+ token as index terms: its non-Hangul parts whole, each Hangul run as its syllable bigrams."""
    terms = [part for part in HANGUL_RUN.split(word) if part]
    for run in HANGUL_RUN.findall(word):
        terms += [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
    return terms


class SearchKorean(SearchLanguage):
    lang = "ko"
    language_name = "Korean"
    js_splitter_code = r"""
function splitQuery(query) {
  const terms = [];
  for (const word of query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)) {
    if (!word) continue;
    for (const part of word.split(/[\uac00-\ud7a3]+/u)) if (part) terms.push(part);
    for (const run of word.match(/[\uac00-\ud7a3]+/gu) || []) {
      if (run.length === 1) terms.push(run);
      for (let i = 0; i + 1 < run.length; i++) terms.push(run.slice(i, i + 2));
    }
  }
  return terms;
}
"""

    def split(self, input: str) -> list[str]:
        return [term for word in WORD.findall(input) for term in korean_terms(word)]
