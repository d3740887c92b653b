from django.core.management.commands import makemessages


class Command(makemessages.Command):
    """Django's makemessages, also finding the map's t() and nt() calls.

    static/js/i18n.js wraps Django's JavaScript catalog in t() and nt(), names
    xgettext does not know; without these keywords the map's strings would
    never reach djangojs.po and stay English on Arabic pages.
    """

    xgettext_options = makemessages.Command.xgettext_options + ["--keyword=t", "--keyword=nt:1,2"]
