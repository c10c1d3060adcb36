"""`python -m gateway.keys`: the RSA key pair the gateway signs tokens with and every service verifies them with.

Writes the private key (mode 0600) and the public key where the settings look for them, and never overwrites
an existing private key: replacing it would sign every user out of every service at once.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

KEY_SIZE = 2048


def public_pem_of(private_pem: str) -> str:
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def is_key_pair(private_pem: str, public_pem: str) -> bool:
    """Whether tokens signed with `private_pem` verify with `public_pem` (whatever PEM flavour each is in)."""
    private = serialization.load_pem_private_key(private_pem.encode(), password=None)
    public = serialization.load_pem_public_key(public_pem.encode())
    return private.public_key().public_numbers() == public.public_numbers()


def new_private_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def _write_private(path: Path, pem: str) -> None:
    """O_EXCL with mode 0600: the key is never readable by others, not even for an instant."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(pem)


def ensure_key_pair(private_path: Path, public_path: Path) -> list[str]:
    """Create what is missing; returns what was done, for the operator."""
    done = []
    if not private_path.exists():
        _write_private(private_path, new_private_pem())
        done.append(f"wrote {private_path}")
        if public_path.exists():
            public_path.unlink()
    if not public_path.exists():
        public_path.parent.mkdir(parents=True, exist_ok=True)
        public_path.write_text(public_pem_of(private_path.read_text()))
        done.append(f"wrote {public_path}")
    return done


def main() -> int:
    from .config import DEFAULT_PRIVATE_KEY_FILE, DEFAULT_PUBLIC_KEY_FILE
    private_path = Path(os.environ.get("ERP_JWT_PRIVATE_KEY_FILE") or DEFAULT_PRIVATE_KEY_FILE)
    public_path = Path(os.environ.get("ERP_JWT_PUBLIC_KEY_FILE") or DEFAULT_PUBLIC_KEY_FILE)
    done = ensure_key_pair(private_path, public_path)
    print("\n".join(done) if done else f"key pair already present in {private_path.parent}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
