"""The newsroom's pages: each edition's home, rubrics, articles, authors, entities and tags.

Models declare; listings come from ``selectors`` and writes go through ``services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import (
    Orderable,
    Page,
    PageManager,
    PageQuerySet,
    PageViewRestriction,
    TranslatableMixin,
)
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from vestnik.core.pagecache import mark_public
from vestnik.newsroom.blocks import ArticleBodyBlock
from vestnik.newsroom.names import NameOrder, edition_name


class ReaderPageMixin:
    """Reader pages are the same for every anonymous reader: shared caches may keep them
    (``core.pagecache``) until a publish purges them (``newsroom.purging``). A preview, a
    logged-in editor's view and a private page are never public."""

    def serve(self, request, *args, **kwargs):
        return self.mark_for_caches(request, super().serve(request, *args, **kwargs))  # type: ignore[misc]

    def mark_for_caches(self, request, response):
        later_page = request.GET.get("page") not in (None, "", "1")
        return mark_public(
            request,
            response,
            shared_seconds=settings.VESTNIK_CACHE_LISTING_PAGE_SECONDS if later_page else None,
            last_modified=self.last_published_at if isinstance(self, ArticlePage) else None,  # type: ignore[attr-defined]
        )


class HomePage(ReaderPageMixin, RoutablePageMixin, Page):
    """An edition's front page: latest, breaking and a block per rubric; and the
    edition's date archive, ``/<lang>/YYYY/``, ``YYYY/MM/`` and ``YYYY/MM/DD/``."""

    tagline = models.CharField(max_length=200, blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "newsroom.RubricPage",
        "newsroom.AuthorIndexPage",
        "newsroom.EntityIndexPage",
        "newsroom.TagIndexPage",
    ]
    content_panels = [*Page.content_panels, FieldPanel("tagline")]

    class Meta:
        verbose_name = _("edition home page")

    def get_context(self, request, *args, archive: bool = False, **kwargs):
        from vestnik.newsroom import selectors

        context = super().get_context(request, *args, **kwargs)
        if not archive:  # the archive's listing replaces the front page's blocks
            context.update(selectors.home_context(self))
        return context

    # Four digits, two and two: one address per date ("2026/3/5" is no alias of it).
    @re_path(r"^(?P<year>[0-9]{4})/$", name="date_archive_year")
    @re_path(r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", name="date_archive_month")
    @re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$", name="date_archive_day"
    )
    def date_archive(self, request, year, month=None, day=None):
        from vestnik.newsroom import selectors
        from vestnik.newsroom.archive import period_from_url

        period = period_from_url(year, month, day)
        listing = selectors.article_page_for_period(self, period, request.GET.get("page"))
        return self.render(
            request,
            archive=True,
            context_overrides={
                "period": period,
                "listing": listing,
                "canonical_path": self.url + period.path,
            },
            template="newsroom/date_archive.html",
        )


class CommentMode(models.TextChoices):
    PRE_MODERATED = "pre", _("Pre-moderated: a moderator approves each comment")
    POST_MODERATED = "post", _("Post-moderated: comments appear at once")
    CLOSED = "closed", _("Closed: no new comments")


class RubricPage(ReaderPageMixin, Page):
    """A rubric (Politics, Economy...): its articles are its children."""

    intro = models.TextField(blank=True)
    comment_mode = models.CharField(
        _("reader comments"),
        max_length=6,
        choices=CommentMode.choices,
        default=CommentMode.PRE_MODERATED,
        help_text=_("For this rubric's articles; a sub-rubric has its own setting."),
    )
    parent_page_types = ["newsroom.HomePage", "newsroom.RubricPage"]
    subpage_types = ["newsroom.ArticlePage", "newsroom.RubricPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, FieldPanel("comment_mode")]

    class Meta:
        verbose_name = _("rubric")

    def get_context(self, request, *args, **kwargs):
        from vestnik.newsroom import selectors

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = selectors.article_page_for_rubric(self, request.GET.get("page"))
        return context


class IndexPage(ReaderPageMixin, Page):
    """Shared base of the author, entity and tag indexes: one per edition."""

    parent_page_types = ["newsroom.HomePage"]
    content_panels = Page.content_panels

    class Meta:
        abstract = True


class AuthorIndexPage(IndexPage):
    subpage_types = ["newsroom.AuthorPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("author index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["people"] = AuthorPage.objects.child_of(self).live().order_by("title")
        return context


class EntityIndexPage(IndexPage):
    subpage_types = ["newsroom.EntityPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("entity index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entities"] = EntityPage.objects.child_of(self).live().order_by("title")
        return context


class PersonNameMixin(models.Model):
    """Given and family names, per edition; names are transliterated, never translated.

    The title is the name as the page's edition shows it; with a ``name_order`` other
    than the edition's, every save makes the title from the two names in that order.
    """

    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    name_order = models.CharField(
        _("name order"),
        max_length=10,
        choices=NameOrder.choices,
        default=NameOrder.EDITION,
        help_text=_(
            "Any other order makes the title from the given and family names, in that order."
        ),
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.name_order != NameOrder.EDITION:
            self.title = edition_name(
                self.locale.language_code,
                written=self.title,
                given=self.given_name,
                family=self.family_name,
                order=self.name_order,
            ).written


NAME_PANELS = [FieldPanel("given_name"), FieldPanel("family_name"), FieldPanel("name_order")]


class AuthorPage(ReaderPageMixin, PersonNameMixin, Page):  # noqa: DJ008 (Page's __str__: the title)
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    parent_page_types = ["newsroom.AuthorIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(NAME_PANELS, _("Name")),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]

    class Meta:
        verbose_name = _("author")

    def get_context(self, request, *args, **kwargs):
        from vestnik.newsroom import selectors

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = selectors.article_page_for_author(self, request.GET.get("page"))
        return context


class EntityPage(ReaderPageMixin, PersonNameMixin, Page):  # noqa: DJ008 (Page's __str__: the title)
    """A person, organisation or place the newsroom writes about."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")
        PLACE = "place", _("Place")

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    summary = models.TextField(blank=True)
    parent_page_types = ["newsroom.EntityIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        MultiFieldPanel(NAME_PANELS, _("Person's name")),
        FieldPanel("summary"),
    ]

    class Meta:
        verbose_name = _("entity")
        verbose_name_plural = _("entities")

    def get_context(self, request, *args, **kwargs):
        from vestnik.newsroom import selectors

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = selectors.article_page_for_entity(self, request.GET.get("page"))
        return context


@register_snippet
class Tag(TranslatableMixin, models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("tag")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="tag_unique_slug_per_edition")
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TagIndexPage(RoutablePageMixin, IndexPage):
    """Serves ``/<lang>/tags/<slug>/``: the articles of one tag in this edition."""

    max_count_per_parent = 1
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("tag index")

    def serve(self, request, *args, **kwargs):
        # RoutablePageMixin answers a route without asking the classes after it.
        return self.mark_for_caches(request, super().serve(request, *args, **kwargs))

    @path("<slug:slug>/")
    def tag_listing(self, request, slug):
        from vestnik.newsroom import selectors

        tag = Tag.objects.filter(locale_id=self.locale_id, slug=slug).first()
        if tag is None:
            raise Http404("No such tag in this edition")
        listing = selectors.article_page_for_tag(tag, request.GET.get("page"))
        return self.render(
            request,
            context_overrides={
                "tag": tag,
                "listing": listing,
                "canonical_path": self.url + self.reverse_subpage("tag_listing", args=[slug]),
            },
            template="newsroom/tag_page.html",
        )


class ArticleQuerySet(PageQuerySet):
    def for_readers(self) -> ArticleQuerySet:
        """Articles any reader may see: live (so past their go-live time) and under no view
        restriction, on the article or on any page above it.

        The restriction test is a subquery, so a listing costs no extra query (Wagtail's
        ``public()`` first loads every restriction of the site).
        """
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        return self.live().exclude(Exists(restricted))


class ArticlePage(ReaderPageMixin, RoutablePageMixin, Page):
    """A news article; ``<article-url>print/`` is its lean print version."""

    objects = PageManager.from_queryset(ArticleQuerySet)()

    lead = models.TextField(_("lead"), help_text=_("Shown above the body, not repeated in it."))
    body = StreamField(ArticleBodyBlock(), blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    breaking = models.BooleanField(_("breaking news"), default=False)
    pinned = models.BooleanField(
        _("pinned in its rubric"),
        default=False,
        help_text=_("Shown first on its rubric's page, above newer articles."),
    )
    show_on_home = models.BooleanField(
        _("shown on the home page"),
        default=True,
        help_text=_(
            "Off: the article is in its rubric, the archive and search, not on the home page."
        ),
    )
    correction_note = models.TextField(
        _("corrections and updates"), blank=True, help_text=_("Shown to readers under the body.")
    )

    parent_page_types = ["newsroom.RubricPage"]
    subpage_types: list[str] = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        InlinePanel("author_rows", label=_("Authors"), min_num=0),
        InlinePanel("entity_rows", label=_("Entities")),
        InlinePanel("tag_rows", label=_("Tags")),
        InlinePanel("pinned_related_rows", label=_("Pinned 'Read also' picks"), max_num=6),
        FieldPanel("breaking"),
        FieldPanel("pinned"),
        FieldPanel("show_on_home"),
        FieldPanel("correction_note"),
    ]

    class Meta:
        verbose_name = _("article")
        indexes = [models.Index(fields=["breaking"], name="article_breaking_idx")]

    def get_context(self, request, *args, **kwargs):
        from vestnik.newsroom import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.article_detail_context(self))
        return context

    @path("print/", name="print")
    def print_view(self, request):
        """Headline, byline, date, body and source address; no navigation, sharing or
        comments; kept out of search engines (the article itself is the canonical)."""
        response = self.render(request, template="newsroom/article_print.html")
        response["X-Robots-Tag"] = "noindex"
        return response


class ArticleAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="author_rows")
    author = models.ForeignKey(AuthorPage, on_delete=models.CASCADE, related_name="+")
    panels = [FieldPanel("author")]


class ArticleEntity(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="entity_rows")
    entity = models.ForeignKey(EntityPage, on_delete=models.CASCADE, related_name="+")
    panels = [FieldPanel("entity")]


class ArticleTag(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="tag_rows")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="+")
    panels = [FieldPanel("tag")]


class ArticlePinnedRelated(Orderable):
    """An editor's "Read also" pick: shown before the computed ones."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="pinned_related_rows")
    related = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")
    panels = [FieldPanel("related")]
