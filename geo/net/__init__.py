"""Network adapters: one polite HTTP client, and the services that use it (opt-in, online)."""
