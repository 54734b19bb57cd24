"""The article body: a stream of blocks that render to semantic HTML."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from vestnik.core.embeds import recognise_embed

PARAGRAPH_FEATURES = ["bold", "italic", "link", "superscript", "subscript"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, max_length=200, label=_("Speaker"))
    person = blocks.PageChooserBlock(
        page_type="newsroom.EntityPage", required=False, label=_("Speaker's entity page")
    )

    class Meta:
        icon = "openquote"
        template = "newsroom/blocks/quote.html"


class ListBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[("bulleted", _("Bulleted")), ("numbered", _("Numbered"))], default="bulleted"
    )
    items = blocks.ListBlock(blocks.CharBlock(max_length=2000), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "newsroom/blocks/list.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=500)
    credit = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "newsroom/blocks/image.html"


class VideoEmbedBlock(blocks.StructBlock):
    url = blocks.URLBlock(help_text=_("A YouTube, VK Video or Rutube address."))
    caption = blocks.CharBlock(required=False, max_length=500)

    def clean(self, value):
        value = super().clean(value)
        if recognise_embed(value["url"]) is None:
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Only YouTube, VK Video and Rutube."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed"] = recognise_embed(value["url"])
        return context

    class Meta:
        icon = "media"
        template = "newsroom/blocks/embed.html"


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    items = blocks.ListBlock(blocks.CharBlock(max_length=1000), min_num=1)

    class Meta:
        icon = "info-circle"
        template = "newsroom/blocks/factbox.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, icon="pilcrow")
    subheading = blocks.CharBlock(
        max_length=300, icon="title", template="newsroom/blocks/subheading.html"
    )
    quote = QuoteBlock()
    list = ListBlock()
    image = ImageBlock()
    embed = VideoEmbedBlock()
    factbox = FactBoxBlock()
