"""The pure engine: the frozen model, conditions, the route through the pages, triage.

No Flask and no YAML here: every result is a function of (questionnaire, answers).
"""
