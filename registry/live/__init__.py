"""Live registrations: marriages, divorces with their cooling-off period, reissues."""
