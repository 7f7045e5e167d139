"""The web service: FastAPI routes, OPDS feeds and minimal accessible pages over the library."""

from .app import create_app

__all__ = ["create_app"]
