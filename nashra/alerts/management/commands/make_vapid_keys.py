"""`nashra make_vapid_keys`: a new VAPID key pair for Web Push, printed as settings."""

from __future__ import annotations

import base64
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management.base import BaseCommand


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def key_pair() -> tuple[str, str]:
    """(private, public): the raw P-256 scalar and the uncompressed point, base64url."""
    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return _b64(private), _b64(public)


class Command(BaseCommand):
    help = "Print a new VAPID key pair for Web Push (NASHRA_VAPID_PRIVATE_KEY and _PUBLIC_KEY)."

    def handle(self, *args: Any, **options: Any) -> None:
        private, public = key_pair()
        # Changing the pair invalidates every reader's subscription: make it once per site.
        self.stdout.write(f"NASHRA_VAPID_PRIVATE_KEY={private}")
        self.stdout.write(f"NASHRA_VAPID_PUBLIC_KEY={public}")
