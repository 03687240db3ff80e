"""The version of the canemure core, checked by region adapters' ``requires_core``."""

__version__ = "0.1.0"
