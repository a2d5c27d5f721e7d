"""Målbild: Region Västerbotten's goal-fulfilment dashboard (data, queries, charts, texts)."""

__version__ = "0.1.0"
