"""The ``hunyin`` command line: one module per subcommand."""
