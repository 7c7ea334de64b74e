"""The safety proof: every combination of answers, decided with binary decision diagrams."""
