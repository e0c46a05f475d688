# The production image: the same code and settings variables for web, worker and beat.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY static/scss static/scss
RUN node_modules/.bin/sass --load-path=node_modules --style=compressed --no-source-map \
    --quiet-deps --silence-deprecation=import static/scss/app.scss static/build/app.css

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=config.settings.production
WORKDIR /app
# WeasyPrint draws PDFs (the access summary, consent receipts) with pango, cairo and harfbuzz.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
       libcairo2 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
COPY requirements/ requirements/
# The fair lottery (GPL-3.0, about 480 MB) is an optional extra: build with
# --build-arg WITH_LOTTERY=false for an image without it; the page then says how to enable it.
ARG WITH_LOTTERY=true
RUN pip install --no-cache-dir -r requirements/base.txt \
    && if [ "$WITH_LOTTERY" = "true" ]; then pip install --no-cache-dir -r requirements/lottery.txt; fi
COPY . .
COPY --from=assets /app/node_modules/govuk-frontend node_modules/govuk-frontend
COPY --from=assets /app/static/build static/build
# collectstatic needs settings but no real secrets or services.
RUN DJANGO_SECRET_KEY=build DJANGO_ALLOWED_HOSTS=build DATABASE_URL=sqlite:////tmp/build.db \
    REDIS_URL=redis://build:6379/0 MFA_ENCRYPTION_KEYS=3q6Vv9Y1gAXd3Kx6wq2z3a5w2L7bX9mZpQe1n0cH4sU= \
    SITE_URL=https://build.invalid ALLAUTH_TRUSTED_PROXY_COUNT=0 \
    python manage.py collectstatic --no-input
RUN useradd --system --uid 1000 app && mkdir -p /app/media && chown app /app/media
USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--config", "gunicorn.conf.py", "--bind", "0.0.0.0:8000", "--workers", "2"]
