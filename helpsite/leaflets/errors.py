"""The one error the leaflet build raises for bad input: it stops that file, with a message saying what to fix."""


class LeafletError(Exception):
    """Bad input for one leaflet: the message names the language, the file and the fix."""
