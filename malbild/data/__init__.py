"""The data layer: building the database, the named queries and the app's shared connection."""
