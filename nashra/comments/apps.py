from __future__ import annotations

from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class CommentsConfig(AppConfig):
    name = "nashra.comments"
    label = "comments"
    verbose_name = "التعليقات"

    def ready(self) -> None:
        # The captcha's test mode lets any robot through with the answer "passed". Only the
        # test settings may say they are tests; anything else refuses to start with it on.
        if settings.CAPTCHA_TEST_MODE and not getattr(settings, "NASHRA_TESTING", False):
            raise ImproperlyConfigured(
                "CAPTCHA_TEST_MODE is on outside the test settings; comments would accept "
                "any captcha answer. Remove it."
            )

        from nashra.comments import demo, signals
        from nashra.newsroom.demo import demo_loaded

        signals.connect()
        demo_loaded.connect(demo.demo_loaded, dispatch_uid="nashra-comments-demo")
