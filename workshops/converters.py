"""The `<id:…>` path converter for every id in a URL (1-19 digits, at most MAX_ID: a larger
number is a 404 before a view or a raw read sees it, trivsel/idfields.py), and the
`<token:…>` path converter for join and wall links. Their tokens are
`secrets.token_urlsafe` (models.new_join_token), so anything else in their place is a 404
before a view or the database sees it (a NUL there was a 500 on PostgreSQL). The fast path's
route and the phone's cookie check use the same pattern."""

import re

from django.urls import register_converter

from trivsel.idfields import MAX_ID

TOKEN = "[A-Za-z0-9_-]{1,64}"
is_token = re.compile(TOKEN).fullmatch


class TokenConverter:
    regex = TOKEN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)  # the URL does not match: a 404
        return number

    def to_url(self, value) -> str:
        return str(value)


register_converter(TokenConverter, "token")
register_converter(IdConverter, "id")
