from django import template

from vestnik.mostread.selectors import most_read as most_read_lists

register = template.Library()


@register.inclusion_tag("mostread/most_read.html", takes_context=True)
def most_read(context, page, periods="day week"):
    """The edition's most-read lists (``periods``: "day", "week" or both), from the cache."""
    lists = most_read_lists(page.locale_id)
    shown = [(name, lists[name]) for name in periods.split() if lists.get(name)]
    return {"request": context.get("request"), "lists": shown, "page": page}


@register.inclusion_tag("mostread/beacon.html")
def view_beacon(article):
    """Where the page's script reports that ``article`` was read (``site.js``)."""
    return {"article": article}
