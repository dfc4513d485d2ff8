"""Frontline Map dashboard: `streamlit run app.py`.

A thin script: it reads the demo corpus and the user's articles, calls geo/
to parse them and layers/ to draw them, and shows errors as messages.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.documents import Document, read_bytes, read_document
from geo.errors import InputError
from geo.gazetteer import Gazetteer, load_gazetteer
from geo.pipeline import parse_records, records_to_gdf
from layers import places
from layers.assets import install_static
from layers.mapview import MapView, build_map

ROOT = Path(__file__).resolve().parent
DEMO = ROOT / "data" / "demo"
TABLE_COLUMNS = ["doc", "surface", "name", "kind", "admin1", "country", "confidence", "sentence"]


@st.cache_resource
def gazetteer() -> Gazetteer:
    install_static(ROOT / "static")
    return load_gazetteer()


@st.cache_data
def parse(name: str, text: str) -> list[dict]:
    rows, _ = parse_records(text, gazetteer(), doc=name)
    return rows


def demo_documents() -> list[Document]:
    return [read_document(str(p)) for p in sorted(DEMO.glob("*.txt"))]


def uploaded_documents() -> tuple[list[Document], list[str]]:
    docs, errors = [], []
    files = st.sidebar.file_uploader("Add articles (.txt, .md, .html)", type=["txt", "md", "html", "htm"],
                                     accept_multiple_files=True)
    for f in files or []:
        try:
            docs.append(read_bytes(f.getvalue(), name=Path(f.name).stem, path=Path(f.name)))
        except InputError as exc:
            errors.append(str(exc))
    pasted = st.sidebar.text_area("…or paste an article")
    if pasted.strip():
        docs.append(Document("pasted", pasted))
    return docs, errors


def main() -> None:
    st.set_page_config(page_title="Frontline Map", layout="wide")
    st.title("Frontline Map")
    with st.spinner("Loading the offline gazetteer (first start builds it, ~15 s)…"):
        gazetteer()
    docs, errors = uploaded_documents()
    for msg in errors:
        st.error(msg)
    use_demo = st.sidebar.checkbox("Show the demo corpus (Bakhmut, Jan-May 2023)", value=True)
    all_docs = (demo_documents() if use_demo else []) + docs
    rows = [r for d in all_docs for r in parse(d.name, d.text)]
    if not rows:
        st.info("No places yet: add an article in the sidebar.")
        return
    gdf = records_to_gdf(rows)
    st.caption(f"{len(all_docs)} articles, {len(gdf)} place mentions, "
               f"{gdf['name'].nunique()} distinct places")
    fmap = build_map([places.build(gdf)], MapView())
    st_folium(fmap, key="map", height=560, use_container_width=True, returned_objects=[])
    st.dataframe(pd.DataFrame(gdf[TABLE_COLUMNS]), hide_index=True, width="stretch")


main()
