"""REDIS_URL switches the cache to Redis (shared rate-limit counters across servers)."""

import os
import subprocess
import sys


def test_redis_url_configures_a_shared_cache():
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/3", "SECRET_KEY": "x" * 50}
    code = "import regie.settings as s; print(s.CACHES['default']['BACKEND'])"
    out = subprocess.run(  # noqa: S603 - our own interpreter and a fixed snippet
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "django.core.cache.backends.redis.RedisCache"
