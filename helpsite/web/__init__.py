"""The site side of the project: what the MkDocs hook does, one module per concern."""
