"""claims: fact-check and claim tracking for newsroom editors."""

__version__ = "0.1.0"
