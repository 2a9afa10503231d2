"""Tests of the corpus package."""
