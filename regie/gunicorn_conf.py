"""gunicorn's settings for Regie: `gunicorn -c python:regie.gunicorn_conf regie.wsgi`
(docs/deploy.md). gunicorn writes `Server: gunicorn` itself, ahead of the app's headers,
and has no setting to leave it out (benoitc/gunicorn#825, declined); a Django middleware
cannot remove it. So this drops that one line from the headers gunicorn writes; the test
tests/accounts/test_server_header.py runs gunicorn to show it still works after upgrades."""

from gunicorn.http import wsgi

_gunicorn_default_headers = wsgi.Response.default_headers


def _default_headers_without_server(response: wsgi.Response) -> list[str]:
    return [
        line
        for line in _gunicorn_default_headers(response)
        if not line.lower().startswith("server:")
    ]


wsgi.Response.default_headers = _default_headers_without_server
