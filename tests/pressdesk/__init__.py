"""Tests of the pressdesk package."""
