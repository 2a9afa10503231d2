"""Tests of the missions package."""
