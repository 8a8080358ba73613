"""Use cases shared by the CLI and the window; Qt-free."""
