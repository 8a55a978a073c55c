"""cxportal: turns Markdown playbooks and YAML role data into an intranet training portal with quizzes."""

__version__ = "0.1.0"
