"""Tests for tracker.sources: fetching over loopback HTTP and parsing real and hostile feeds."""
