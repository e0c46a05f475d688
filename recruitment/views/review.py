"""Reviewing applications: the reviewer's pages and the coordinator's view of the scores."""
