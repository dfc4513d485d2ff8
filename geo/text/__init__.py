"""Reading text: place mentions, their resolution, and :func:`parse.parse_document`, the one entry."""
