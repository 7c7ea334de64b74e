"""The `screener` command line and what it drives: scenarios, flowchart, diffs."""
