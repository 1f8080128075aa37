"""Knowing a story we already hold: exactly (address, hash) or nearly (MinHash + LSH).

Exact identity is the source's GUID (per source), the canonical address (tracking
parameters, fragments and case of the host removed) and a hash of the normalised text.
Near identity is the Jaccard similarity of word shingles of the normalised Arabic text,
estimated with MinHash and looked up with LSH, so that the same wire story rewritten by
another outlet (a new headline, a sentence added, hamzas dropped) is recognised.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
from datasketch import MinHash, MinHashLSH
from django.conf import settings
from django.utils import timezone

from nashra.arabic.tokenize import tokenize
from nashra.wire.models import Item

PERMUTATIONS = 256  # estimates within about ±0.03 of the true similarity
SHINGLE = 2  # word pairs: bench/ingest finds rewrites better than with triples
# Named, because stored signatures must be read back with the scheme that made them.
SCHEME = "affine32"
_TRACKING = ("utm_", "fbclid", "gclid", "mc_", "at_", "ref")


def canonical_url(url: str) -> str:
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((parts.scheme == "http" and port == 80)
                     or (parts.scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = sorted(
        (name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith(_TRACKING)
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), host, path, urlencode(query), ""))


def words(text: str) -> list[str]:
    return tokenize(text)


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(words(text)).encode("utf-8")).hexdigest()


def signature(text: str) -> MinHash:
    tokens = words(text)
    shingles = {
        " ".join(tokens[i:i + SHINGLE]).encode("utf-8")
        for i in range(max(1, len(tokens) - SHINGLE + 1))
    }
    minhash = MinHash(num_perm=PERMUTATIONS, scheme=SCHEME)
    minhash.update_batch(list(shingles))
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    return np.asarray(minhash.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes | memoryview) -> MinHash:
    return MinHash(num_perm=PERMUTATIONS, scheme=SCHEME,
                   hashvalues=np.frombuffer(bytes(data), dtype=np.uint64).copy())


class NearIndex:
    """Recent stories' signatures, for one run; the run adds what it takes."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        # LSH only proposes candidates; each is then checked against the threshold itself.
        # Asking LSH for a lower similarity, weighted against misses, keeps rewrites
        # near the threshold from slipping through its bands.
        self.lsh = MinHashLSH(threshold=threshold * 0.75, num_perm=PERMUTATIONS,
                              weights=(0.2, 0.8))
        self.held: dict[int, tuple[MinHash, int]] = {}  # item pk → (signature, article)

    @classmethod
    def recent(cls) -> NearIndex:
        index = cls(float(settings.WIRE_NEAR_DUPLICATE_THRESHOLD))
        since = timezone.now() - timedelta(days=int(settings.WIRE_DEDUP_DAYS))
        for item in Item.objects.with_signature_since(since).iterator():
            if item.signature is not None and item.article_id is not None:
                index.add(item.pk, from_bytes(item.signature), item.article_id)
        return index

    def add(self, key: int, minhash: MinHash, article_id: int) -> None:
        if key in self.held:
            return
        self.held[key] = (minhash, article_id)
        self.lsh.insert(key, minhash)

    def match(self, minhash: MinHash) -> int | None:
        """The article of the most similar held story, if similar enough."""
        best, best_score = None, self.threshold
        for key in self.lsh.query(minhash):
            held, article_id = self.held[key]
            score = minhash.jaccard(held)
            if score >= best_score:
                best, best_score = article_id, score
        return best


def exact_match(canonical: str, digest: str) -> int | None:
    """The article of a story held under the same canonical address or the same text."""
    found = (
        Item.objects.filter(article__isnull=False, canonical_url=canonical).exclude(
            canonical_url="").values_list("article_id", flat=True).first()
        or Item.objects.filter(article__isnull=False, content_hash=digest)
        .values_list("article_id", flat=True).first()
    )
    return found
