"""Text to data, and the analysis on it; imports nothing above itself (no layers, UI or CLI).

Base modules: :mod:`errors` (the one hierarchy), :mod:`schema` (table columns and
checks), :mod:`settings` (the one settings object), :mod:`names` (name folding),
:mod:`resources` (packaged data).  Wings: ``gazetteer``, ``text``, ``events``,
``analysis``, ``io``, ``net``, ``store``.
"""
