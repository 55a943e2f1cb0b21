from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from gongkai.portal.sitemaps import SITEMAPS

urlpatterns = [
    path("", include("gongkai.portal.urls")),
    path("search/", include("gongkai.search.urls")),
    path("workbench/calendar/", include("gongkai.calendars.urls")),
    path("catalog/", include("gongkai.catalog.urls")),
    path("interpretations/", include("gongkai.interpretations.urls")),
    path("gazette/", include("gongkai.gazette.urls")),
    path("feeds/", include("gongkai.feeds.urls")),
    path("workbench/privacy/", include("gongkai.privacy.urls")),
    path("workbench/disclosure/", include("gongkai.disclosure.urls")),
    path("yisqgk/", include("gongkai.disclosure.public_urls")),
    path("yhd/", include("gongkai.interaction.public_urls")),
    path("workbench/tickets/", include("gongkai.interaction.urls")),
    path("workbench/knowledge/", include("gongkai.knowledge.urls")),
    path("", include("gongkai.knowledge.public_urls")),  # /zsk/ (portal) and /kiosk/ (service hall)
    path("workbench/", include("gongkai.workbench.urls")),
    path("api/v1/", include("gongkai.api.urls")),
    # An index of sections, each paged at 10,000 URLs, so a million documents stay cheap to serve.
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "gongkai 参考数据管理"
admin.site.site_title = "gongkai 管理"
