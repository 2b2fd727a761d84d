"""tracker: keeps public sanctions lists with their full history."""

__version__ = "0.1.0"
