"""Data to maps: folium layers, map composition, offline assets."""
