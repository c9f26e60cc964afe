"""JSON API routers of the registry service, one module per resource."""
