"""The DataLife Engine source: a DLE site's database as the pipeline's neutral records.

``source.DleSource`` reads the tables, ``rows`` turns each row into a record, ``markup``
turns DLE's stored HTML and BBCode into plain, well-formed HTML.
"""

from vestnik.importers.dle.source import DleError, DleSource, connection_options

__all__ = ["DleError", "DleSource", "connection_options"]
