"""Frontline Map: find, geocode and map the places that war reporting names, offline.

``geo`` turns text into data, ``layers`` turns data into maps, ``services`` wires
the two for the entry points ``cli`` (the ``frontline`` command) and ``ui`` (the
Streamlit dashboard).  Imports point down that list, never up.
"""

__version__ = "0.2.0"
