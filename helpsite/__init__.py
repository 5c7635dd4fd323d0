"""Shared code for the help site (MkDocs hooks) and the printable leaflets."""
