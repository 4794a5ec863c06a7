"""CCHC Desktop core: plans, tasks, agencies, schedules and documents, with no Qt."""

__version__ = "0.1.0"
APP_NAME = "CCHC Desktop"
