"""claimcheck: check that quotations and figures appear in the sources their footnotes cite."""

__version__ = "0.1.0"
