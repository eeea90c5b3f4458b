"""The command line: the explorer, quick lookups and validation."""
