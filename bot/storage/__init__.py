"""The database file: connection, migrations, user preferences."""
