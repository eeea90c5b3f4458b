"""Reading a new French article: its text, sentences, figures, periods, metric and stater.

The heavy libraries (spaCy's French pipeline, trafilatura, dateparser) are imported here only,
and only when a function needs them: the explorer, ``query`` and ``latest`` never load them.
Arrows: cli -> extract -> core; ui -> extract (the review screen).
"""
