from django import template

from maps.bilingual import pick, pick_lang

register = template.Library()


@register.filter
def bi(obj, field):
    """{{ cluster|bi:"name" }}: the current language's value, else the other's."""
    return pick(obj, field)


@register.filter
def bi_lang(obj, field):
    """{{ cluster|bi_lang:"name" }}: which language bi returned, for lang="..."."""
    return pick_lang(obj, field)
