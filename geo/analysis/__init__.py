"""Analysis on parsed data: control areas, supply routes, fire range, the inferred contact zone."""
