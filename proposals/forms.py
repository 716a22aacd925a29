"""The form of /share/: the contract's public field names, strict values, plain text only.

Client programs post the same names as the page does (application/x-www-form-urlencoded or
multipart): `title`, `institution`, `country` (an ISO 3166-1 alpha-2 code of a country in the
catalogue), `email`, `objectives`, `summary`, `results`, `lessons`, `challenges`, `outcome` (an
outcome slug), `in_place` (`true`, `false` or empty) and `consent` (`true`; a browser's checkbox
sends `on`). Every error names its field.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from catalogue.choices import Outcome

from .models import LIMITS

# The longest body a POST may have, in bytes: more is refused with 413 before the form is read. Every
# field at its longest, each character percent-encoded from three bytes of UTF-8, fits.
MAX_BODY_BYTES = 256 * 1024

# The honeypot: a field no person sees or reaches (hidden by the stylesheet, out of the tab order and
# of the accessibility tree), which form-filling robots fill. Not a contract name.
HONEYPOT = "website"

# Markup: the start of a tag (<b, </p, <!--, <?xml), not a lone "<" as in "< 5 %".
_MARKUP = re.compile(r"<\s*(?:[a-zA-Z]|/\s*[a-zA-Z]|!|\?)")
_TAG = re.compile(r"<[^>\s]{0,20}")


def refuse_markup(value):
    """Plain text only: text holding HTML markup is refused, never stored (with or without its tags)."""
    found = _MARKUP.search(value or "")
    if found:
        raise ValidationError(
            _("Plain text only: remove the HTML markup (%(tag)s…)."),
            code="markup",
            params={"tag": _TAG.match(value, found.start()).group(0)},
        )


class PlainTextField(forms.CharField):
    """Text of at most `max_length` characters, without markup; a browser's CRLF line ends count as
    one character each, as its `maxlength` counts them."""

    def __init__(self, *, max_length, **kwargs):
        super().__init__(max_length=max_length, **kwargs)
        self.validators.append(refuse_markup)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return super().to_python(value)


class CountryField(forms.ChoiceField):
    """An ISO code of a country in the catalogue, in any case; the value is the Country."""

    def __init__(self, **kwargs):
        super().__init__(choices=(), **kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().upper()

    def validate(self, value):
        forms.Field.validate(self, value)
        if value and value not in self.known:
            raise ValidationError(
                _(
                    "Unknown country code %(value)s: give the ISO 3166-1 alpha-2 code of a country "
                    "of the catalogue (%(allowed)s)."
                ),
                code="invalid_choice",
                params={"value": repr(value), "allowed": ", ".join(sorted(self.known))},
            )

    def clean(self, value):
        code = super().clean(value)
        return self.known[code] if code else None


class StrictChoiceField(forms.ChoiceField):
    """A choice whose wrong value is an error listing the allowed ones."""

    def __init__(self, *, allowed_text, **kwargs):
        self.allowed_text = allowed_text
        super().__init__(**kwargs)

    def validate(self, value):
        forms.Field.validate(self, value)
        if value and not self.valid_value(value):
            raise ValidationError(
                _("Unknown value %(value)s. Allowed: %(allowed)s."),
                code="invalid_choice",
                params={"value": repr(value), "allowed": self.allowed_text},
            )


class InPlaceField(StrictChoiceField):
    """`true`, `false`, or empty for "not known"; the value is True, False or None."""

    def clean(self, value):
        value = super().clean(value)
        return {"true": True, "false": False}.get(value)


class ConsentInput(forms.CheckboxInput):
    """A checkbox that sends `true`, and reads what was sent as it is (CheckboxInput would take any
    text but "false", "0" included, for a yes)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.attrs.setdefault("value", "true")

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")

    def format_value(self, value):
        return "true"


class ConsentField(forms.Field):
    widget = ConsentInput
    default_error_messages = {
        "required": _(
            "Tick the box to agree to the publication of this experience: nothing is published without it."
        ),
    }

    def to_python(self, value):
        return str(value or "").strip().lower()

    def validate(self, value):
        super().validate(value)
        if value not in ("true", "on"):
            raise ValidationError(
                _("Unknown value %(value)s. Allowed: %(allowed)s."),
                code="invalid_choice",
                params={"value": repr(value), "allowed": "true"},
            )

    def clean(self, value):
        super().clean(value)
        return True


class ShareForm(forms.Form):
    """What the ISSA's award criteria ask of a practice, and who proposes it."""

    title = PlainTextField(
        max_length=LIMITS["title"],
        label=_("Title of the practice"),
        help_text=_("A name for the experience, as it is known in your institution."),
    )
    institution = PlainTextField(
        max_length=LIMITS["institution"],
        label=_("Institution"),
        help_text=_("The social security institution that carried it out."),
    )
    country = CountryField(label=_("Country"))
    email = forms.EmailField(
        max_length=LIMITS["email"],
        label=_("Your e-mail address"),
        help_text=_("Only for the editors, if they have a question. It is never published."),
    )
    objectives = PlainTextField(
        max_length=LIMITS["objectives"],
        label=_("Objectives"),
        help_text=_("What the institution set out to achieve, and for whom."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    summary = PlainTextField(
        max_length=LIMITS["summary"],
        label=_("What was done"),
        help_text=_("How the practice works, and how it was introduced."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    results = PlainTextField(
        max_length=LIMITS["results"],
        required=False,
        label=_("Results, and how they were measured"),
        help_text=_("Figures where you have them, and where they come from (monitoring, an evaluation)."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    lessons = PlainTextField(
        max_length=LIMITS["lessons"],
        required=False,
        label=_("Lessons learned"),
        help_text=_("What another institution should know before trying the same."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    challenges = PlainTextField(
        max_length=LIMITS["challenges"],
        required=False,
        label=_("What did not work"),
        help_text=_("Difficulties, failures and their causes: they are as useful to others as successes."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    outcome = StrictChoiceField(
        choices=Outcome.choices,
        allowed_text=", ".join(Outcome.values),
        label=_("Outcome"),
        help_text=_("Did it achieve its objectives?"),
        widget=forms.RadioSelect,
    )
    in_place = InPlaceField(
        choices=[("true", _("Yes")), ("false", _("No")), ("", _("Not known"))],
        allowed_text=format_lazy("true, false, {}", _("or empty")),
        required=False,
        label=_("Is it still in place?"),
        widget=forms.RadioSelect,
    )
    consent = ConsentField(
        label=_(
            "I agree that the editors may publish this experience in the catalogue, under its open licence, "
            "without my e-mail address."
        ),
    )

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["country"]
        field.known = {country.code: country for country in countries}
        field.choices = [("", _("Choose a country")), *((c.code, c.display_name) for c in countries)]

    @property
    def proposal_data(self):
        """The cleaned values, named as Proposal names them."""
        return dict(self.cleaned_data)
