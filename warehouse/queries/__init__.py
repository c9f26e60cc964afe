"""Read-side queries of the store."""
