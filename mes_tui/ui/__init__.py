"""The Textual explorer. Everything here reads the core; nothing here computes figures."""
