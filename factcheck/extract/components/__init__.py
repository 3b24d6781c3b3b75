"""spaCy components of the factcheck pipeline. Importing this package registers them."""

from factcheck.extract.components.claims import ClaimBuilder
from factcheck.extract.components.context import ContextReader
from factcheck.extract.components.quantities import QuantityFinder
from factcheck.extract.components.sentences import SentenceSplitter

__all__ = ["ClaimBuilder", "ContextReader", "QuantityFinder", "SentenceSplitter"]
