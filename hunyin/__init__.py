"""hunyin: Chuxiong marriage-registration records, from paper to one consolidated store."""

__version__ = "0.1.0"
