"""The `<token:…>` path converter for join and wall links. Their tokens are
`secrets.token_urlsafe` (models.new_join_token), so anything else in their place is a 404
before a view or the database sees it (a NUL there was a 500 on PostgreSQL). The fast path's
route and the phone's cookie check use the same pattern."""

import re

from django.urls import register_converter

TOKEN = "[A-Za-z0-9_-]{1,64}"
is_token = re.compile(TOKEN).fullmatch


class TokenConverter:
    regex = TOKEN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TokenConverter, "token")
