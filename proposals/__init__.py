"""Experiences proposed by the public through /share/, and the editors' decisions on them.

An app of its own, above the catalogue: what the public sends is not content (no page shows it, a
write to it starts no content version), it holds a private contact address the catalogue never
holds, and it reaches the catalogue only through a service that makes a draft practice.
"""
