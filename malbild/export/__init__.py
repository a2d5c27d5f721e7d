"""Renderers outside the app: the meeting deck, the offline snapshot and the project downloads."""
