"""spaCy components of the factcheck pipeline. Importing this package registers them."""

from factcheck.components.claims import ClaimBuilder
from factcheck.components.context import ContextReader
from factcheck.components.quantities import QuantityFinder
from factcheck.components.sentences import SentenceSplitter

__all__ = ["ClaimBuilder", "ContextReader", "QuantityFinder", "SentenceSplitter"]
