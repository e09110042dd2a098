"""The ``news.entities`` stage; imports only :mod:`corpuskit_news.text`.

``gazetteer`` (places, given names, cue words), ``spans`` (capitalised word runs),
``name_context`` (words around a name), ``mention`` / ``mention_text`` / ``mention_state``
/ ``mention_cues`` / ``mentions`` (finding and typing mentions), ``namekeys``
(transliteration keys), ``extract`` (a document's entities), ``merge`` (across documents)
and ``stage``.
"""
