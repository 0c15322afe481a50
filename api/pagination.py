"""Page-number pagination: 50 rows a page by default, at most 200; `count` counts only rows the
person may see (the queryset it is given is the access rule's)."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """?page=N&page_size=M."""

    page_size_query_param = "page_size"
    max_page_size = 200
