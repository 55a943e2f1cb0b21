from django.urls import path

from gongkai.feeds import feeds

app_name = "feeds"
urlpatterns = [
    path("documents/rss.xml", feeds.LatestDocumentsRss(), name="documents_rss"),
    path("documents/atom.xml", feeds.LatestDocumentsAtom(), name="documents_atom"),
    path("units/<str:code>/rss.xml", feeds.UnitDocumentsRss(), name="unit_rss"),
    path("units/<str:code>/atom.xml", feeds.UnitDocumentsAtom(), name="unit_atom"),
    path("catalog/<str:code>/<int:node_id>/rss.xml", feeds.CatalogNodeRss(), name="catalog_node_rss"),
    path("catalog/<str:code>/<int:node_id>/atom.xml", feeds.CatalogNodeAtom(), name="catalog_node_atom"),
    path("interpretations/rss.xml", feeds.InterpretationsRss(), name="interpretations_rss"),
    path("interpretations/atom.xml", feeds.InterpretationsAtom(), name="interpretations_atom"),
]
