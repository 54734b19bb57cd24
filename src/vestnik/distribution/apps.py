from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "vestnik.distribution"
    label = "distribution"
    verbose_name = "Feeds and sitemaps"
