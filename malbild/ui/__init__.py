"""Streamlit chrome and widgets: the pages render views with these."""
