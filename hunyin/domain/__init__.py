"""Plain domain facts shared by every layer: identity numbers, dates, certificate numbers."""
