"""One view model per subject: pure functions from the database to what every renderer shows."""
