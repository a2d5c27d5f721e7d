"""Chart builders: pure functions, a DataFrame in and a Plotly Figure out."""
