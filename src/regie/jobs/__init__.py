"""Background jobs: long actions run by a worker with a progress bar, and scheduled jobs.

The engine is Celery (docs/architecture.md, 'Background jobs'): in production with Redis
or RabbitMQ as broker, under ``make run`` with kombu's filesystem broker in
REGIE_DATA_DIR, so the demo needs nothing but Python. Domain apps register what may run
in the background in their ``jobs.py`` (``regie.jobs.registry.job_kind``).
"""
