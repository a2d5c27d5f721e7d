"""Reference app for `make bench`: a blank Streamlit page (a title only), the floor for page load."""

import streamlit as st

st.set_page_config(page_title="Blank · Målbild benchmark", layout="wide")
st.title("Blank page")
