"""The service registration offices use: status, eligibility, registration, pages."""
