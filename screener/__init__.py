"""Sciatica self-screening: a questionnaire engine and the web app that serves it."""
