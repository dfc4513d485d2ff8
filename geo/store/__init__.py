"""The shared corpus: articles with their stored parses, corrections and taught aliases."""
