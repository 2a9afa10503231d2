"""Tests of the telegram package."""
