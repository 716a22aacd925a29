"""/share/: the form that proposes an experience, and its receipt.

GET shows the form. POST, in this order: over SHARE_THROTTLE_RATE for the client's address, 429
with Retry-After and a page saying when to try again; a body over forms.MAX_BODY_BYTES, 413; the
honeypot filled, nothing stored and the same 303 as a success, to the receipt without a reference
(a robot learns nothing); invalid, 400 with the form and every error by field; valid, the proposal is
stored (proposals.services.submit) and the answer is 303 to /share/received/<reference>/.

CSRF applies as on every form of the site: a client program GETs /share/ first, keeps the
`csrftoken` cookie it is given, and posts the form's `csrfmiddlewaretoken` (or the cookie's value in
an `X-CSRFToken` header) with that cookie and a Referer of the site when over HTTPS.
"""

import logging
import math

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from common.addresses import client_address
from regions.models import Country
from regions.names import sort_by_name

from . import services
from .forms import HONEYPOT, MAX_BODY_BYTES, ShareForm
from .models import Proposal
from .throttling import refusal

logger = logging.getLogger(__name__)


class SeeOther(HttpResponseRedirect):
    """303: the answer to a POST is another page, fetched with GET."""

    status_code = 303


def _countries():
    return sort_by_name(Country.objects.order_by("code"))


def _form_page(request, form, status=200):
    errors = [(form[name], error) for name, messages in form.errors.items() for error in messages]
    return TemplateResponse(
        request,
        "proposals/share.html",
        {"form": form, "error_list": errors, "honeypot": HONEYPOT},
        status=status,
    )


def _body_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def share(request):
    if request.method != "POST":
        return _form_page(request, ShareForm(countries=_countries()))
    wait = refusal(request)
    if wait is not None:
        response = TemplateResponse(
            request, "proposals/throttled.html", {"minutes": math.ceil(wait / 60)}, status=429
        )
        response["Retry-After"] = str(wait)
        return response
    if _body_length(request) > MAX_BODY_BYTES:
        return TemplateResponse(
            request, "proposals/too_large.html", {"limit_kb": MAX_BODY_BYTES // 1024}, status=413
        )
    if request.POST.get(HONEYPOT):
        logger.info("Proposal refused: the honeypot field was filled (client %s)", client_address(request))
        return SeeOther(reverse("share-received-unnumbered"))
    form = ShareForm(request.POST, countries=_countries())
    if not form.is_valid():
        return _form_page(request, form, status=400)
    proposal = services.submit(form.proposal_data)
    return SeeOther(proposal.get_absolute_url())


@never_cache
@require_http_methods(["GET", "HEAD"])
def received(request, reference=None):
    """The receipt: the reference, the date and the title, and what happens next; nothing else the
    proposer wrote. Without a reference: what the honeypot's robots are shown."""
    proposal = None
    if reference is not None:
        proposal = get_object_or_404(Proposal.objects.by_reference(reference).for_receipt())
    return TemplateResponse(request, "proposals/received.html", {"proposal": proposal})
