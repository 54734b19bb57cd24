from django import template

from vestnik.related.selectors import related_for

register = template.Library()


@register.inclusion_tag("related/read_also.html", takes_context=True)
def read_also(context, article):
    return {"request": context.get("request"), "articles": related_for(article), "page": article}
