"""Readers, writers, the user cache and the SYKE downloader."""
