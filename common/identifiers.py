"""The case of public identifiers, in one rule: ISO codes upper case, slugs lower case.

A client may type `?country=uy`, `/countries/uy/` or `?tier=MERIT`; every reader of an identifier
puts it in this case before looking it up, so the case a client types never matters.
"""


def canonical(field_name, value):
    """`value` as the identifier field `field_name` stores it: "code" upper case, any other lower case."""
    value = str(value).strip()
    return value.upper() if field_name == "code" else value.lower()
