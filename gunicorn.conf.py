"""gunicorn's settings for the service (the Dockerfile's command and tests/production.py use this
file). The access log goes to standard output, with one-time tokens hidden (config/access_log.py)."""

accesslog = "-"
logger_class = "config.access_log.RedactingLogger"
