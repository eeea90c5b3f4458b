"""How a result is said: numbers, values, dates, periods, citations and messages, in French or
English. Pure Python, no Textual; used by the explorer, the command line and the exports alike.

The core computes (values, dates, ids, kinds); this package words what it computed. Each rule
lives in one function (see ``formats``), and every message goes through the gettext catalogue of
``language``.
"""
