from django.apps import AppConfig


class TranslationConfig(AppConfig):
    name = "vestnik.translation"
    label = "translation"
    verbose_name = "Translation"
