"""Tests of the rendering package."""
