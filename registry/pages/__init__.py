"""Server-rendered pages for people: sign-in, registrar's desk, auditor's log."""
