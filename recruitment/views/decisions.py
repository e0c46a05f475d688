"""Decisions: shortlisting, interviews, selection and releasing outcomes."""
