"""SQLite project files through sqlite-utils: schema, migrations, one transaction per action."""
