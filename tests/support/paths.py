"""Where the shared corpus and fixtures live: ``../shared`` beside the checkout."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
FIXTURES = SHARED / "fixtures"
CORPUS = SHARED / "corpus"
