"""Tests of the answering package."""
