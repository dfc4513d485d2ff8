"""Frontline Map dashboard: ``streamlit run app.py``.

Only the entry: the dashboard lives in ``frontline_map.ui``.  Streamlit serves
``static/`` beside this script, so the offline map assets are installed there.
"""
from pathlib import Path

from frontline_map.ui.app import main

main(static_dir=Path(__file__).resolve().parent / "static")
