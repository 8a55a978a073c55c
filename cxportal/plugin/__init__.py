"""The MkDocs side of cxportal: events that load content, add generated pages and finish the site."""

from .plugin import CxPortalPlugin

__all__ = ["CxPortalPlugin"]
