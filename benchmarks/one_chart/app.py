"""Reference app for `make bench`: a page with a single Plotly bar chart (Plotly's JS dominates load time)."""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="One chart · Målbild benchmark", layout="wide")
st.title("One Plotly chart")
fig = go.Figure(go.Bar(x=[f"Mål {n}" for n in range(1, 7)], y=[13.3, 34.2, 1.0, 4.9, 24.8, 8.1]))
fig.update_layout(height=400, margin=dict(l=10, r=10, t=20, b=10))
st.plotly_chart(fig, config={"displaylogo": False, "responsive": True}, theme=None, key="one_chart")
