"""Reading and checking `questions.yaml`: positions, every author message, and the proof."""
