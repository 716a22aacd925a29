"""Language-neutral site URLs: feeds, sitemap, robots.txt."""

urlpatterns = []
