"""The ``news.quotes`` stage; imports :mod:`corpuskit_news.entities` (the gazetteer) and :mod:`corpuskit_news.text`.

``marks`` (quotation marks and their spans) and ``stage`` (speakers).
"""
