"""The questionnaire and its answers in FHIR R4: Questionnaire, QuestionnaireResponse."""
