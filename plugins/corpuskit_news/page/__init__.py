"""Page analysis and the ``news.boilerplate`` stage; imports only :mod:`corpuskit_news.text`.

``lines`` (per-line signals), ``bylines``, ``headline``, ``comments`` (reader threads),
``article`` (the segmenter: which lines are the article), ``boilerplate_record`` (the
``meta["boilerplate"]`` contract) and ``boilerplate`` (the stage).
"""
