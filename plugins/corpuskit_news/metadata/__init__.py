"""The ``news.metadata`` stage; imports :mod:`corpuskit_news.page` and :mod:`corpuskit_news.text`.

``stage`` (title, author, date, ...), ``publisher`` and ``pagenames`` (the outlet),
``language`` (py3langid).
"""
