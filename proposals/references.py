"""A proposal's public reference: 8 random characters of Crockford's base32 (40 bits from `secrets`),
shown as two groups of four, "7KQ2-M9XD".

Crockford's alphabet leaves out I, L, O and U, so a reference read aloud or copied by hand is not
mistaken; reading one back forgives case, the dash, and I/L for 1 and O for 0. Unguessable: the
receipt page at /share/received/<reference>/ is reached by the proposer only (1 in 10^12 per try).
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
PATTERN = rf"^[{ALPHABET}]{{{LENGTH}}}$"

_MISREAD = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_reference():
    """A fresh random reference, as stored (no dash)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def shown(reference):
    """The reference as people read it: "7KQ2M9XD" -> "7KQ2-M9XD"."""
    return f"{reference[:4]}-{reference[4:]}" if reference else ""


def parse(text):
    """The stored form of a reference typed by hand, or None when it cannot be one."""
    stored = re.sub(r"[\s-]", "", str(text or "")).upper().translate(_MISREAD)
    return stored if re.fullmatch(PATTERN, stored) else None
