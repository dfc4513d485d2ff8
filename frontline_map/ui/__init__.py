"""The Streamlit dashboard: panels that wire widgets to services, layers and geo."""
