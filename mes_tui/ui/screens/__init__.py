"""Screens pushed over the explorer: pickers, source document, export, help, errors."""
