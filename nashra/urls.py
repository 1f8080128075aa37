from django.conf import settings
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from nashra.comments import views as comment_views
from nashra.newsroom import views as newsroom_views
from nashra.operations import health
from nashra.pictures.media import serve_picture
from nashra.search import views as search_views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("comments/", include("nashra.comments.urls")),
    # Before the library's own refresh view, which hands out a stored captcha per request.
    path("captcha/refresh/", comment_views.captcha_refresh, name="captcha-refresh"),
    path("captcha/", include("captcha.urls")),
    path("tag/<str:slug>/", newsroom_views.tag_articles, name="tag"),
    path("", include("nashra.newsroom.urls")),
    path("api/", include("nashra.api.urls")),
    path("audience/", include("nashra.audience.urls")),
    path("live/", include("nashra.live.urls")),
    path("alerts/", include("nashra.alerts.urls")),
    # Browsers and feed readers ask for /favicon.ico whatever the page links; lazy, as the
    # hashed static address is known only once the manifest can be read.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"))),
    path("", include(wagtail_urls)),
]

if settings.MEDIA_URL.startswith("/"):
    # Media kept by the site itself (not on object storage): its pictures, from the app
    # when no web server answers /media/ first.
    urlpatterns.insert(
        0, path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", serve_picture, name="media")
    )

handler404 = "nashra.core.views.page_not_found"
handler500 = "nashra.core.views.server_error"
