from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "nashra.live"
    label = "live"
    verbose_name = "التغطية المباشرة"

    def ready(self) -> None:
        from nashra.live import demo, purges
        from nashra.live.coverage import add_to_story
        from nashra.newsroom.demo import demo_loaded
        from nashra.newsroom.models import STORY_CONTEXT

        if add_to_story not in STORY_CONTEXT:
            STORY_CONTEXT.append(add_to_story)
        demo_loaded.connect(demo.demo_loaded, dispatch_uid="nashra-live-demo")
        purges.connect()
