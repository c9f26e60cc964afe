"""Rule data: rule catalogue, minimum ages by era, certificate shapes, office numbers."""
