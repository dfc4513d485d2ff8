"""File edges: reading articles, control and route files; writing tables and files atomically."""
