"""French text, used by every stage: normalisation, the word counter, the lexicon.

- ``normalize``: ``normalize_text`` (Unicode, spaces, apostrophes), ``fold`` (case and
  accents) and ``match_tokens`` (the tokens quotes and transcripts are compared on);
- ``words``: ``count_words``, the one word count behind every ``n_words`` column;
- ``lexicon``: French word lists (civil titles, function words, fillers, negations,
  hedges, speech verbs) shared by the article reader, the aligner and the taggers.
"""
