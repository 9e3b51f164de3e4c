"""Reusable test helpers: `httpserver` runs real HTTP servers on 127.0.0.x (see its docstring)."""

from tests.helpers.httpserver import LocalHost, Reply, Request, serve

__all__ = ["LocalHost", "Reply", "Request", "serve"]
