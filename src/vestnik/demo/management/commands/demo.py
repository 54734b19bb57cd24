"""``vestnik demo``: load the demo newsroom (idempotent) and print the admin login."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from vestnik.demo.services import DEMO_ACCOUNTS, demo_load


class Command(BaseCommand):
    help = "Load the demo newsroom (safe to run again) and print the admin login."

    def handle(self, *args, **options):
        summary = demo_load()
        self.stdout.write(
            f"Demo newsroom: {summary.created} articles created, {summary.existing} already there."
        )
        self.stdout.write(f"Site:  {settings.BASE_URL}/")
        self.stdout.write(f"Admin: {settings.BASE_URL}/admin/")
        users = {u.username: u for u in get_user_model().objects.filter(
            username__in=[name for name, _group in DEMO_ACCOUNTS])}  # fmt: skip
        for username, group in DEMO_ACCOUNTS:
            user = users.get(username)
            if user is not None and user.check_password(summary.password):
                self.stdout.write(f"  login {username!r} ({group}), password {summary.password!r}")
            else:
                self.stdout.write(f"  login {username!r} exists already; its password is unchanged")
