"""Exchange with other departments: the consolidated store as a Frictionless data package.

``export`` writes every archive table (records, parties, events, provenance, documents, codes)
row for row as JSON Lines, the consolidated registrations as one CSV with the national codes
beside the written values, and ``datapackage.json`` describing both; ``load`` reads such a
folder back into an empty store.
"""
