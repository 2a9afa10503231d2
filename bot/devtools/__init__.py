"""Evaluation and benchmark. Never imported at run time."""
