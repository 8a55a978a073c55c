"""cxportal: turns Markdown CX playbooks and YAML role data into an intranet training portal."""

__version__ = "0.1.0"
