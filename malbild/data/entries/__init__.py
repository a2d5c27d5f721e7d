"""Figures staff enter or import, kept apart from the report's database, with their full history."""
