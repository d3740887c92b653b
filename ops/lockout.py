"""What a staff member sees once django-axes has locked their login: a clear page, never a 500."""

import math

from axes.helpers import get_cool_off
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 0
    context = {
        **admin.site.each_context(request),
        "title": _("Too many failed logins"),
        "minutes": max(1, math.ceil(seconds / 60)) if seconds else 0,
        # Nobody is logged in here: the admin's sidebar would only say "no permission to view anything".
        "is_nav_sidebar_enabled": False,
        "has_permission": False,
    }
    response = TemplateResponse(request, "ops/lockout.html", context, status=429)
    if seconds:
        response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response.render()
