"""PostgreSQL prepares the queries a connection runs again (POSTGRES_PREPARE_THRESHOLD),
so that the werkvoorraad's queries are not planned on every request; empty turns it off."""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from regie.core.models import Municipality


def _database_options(**env) -> subprocess.CompletedProcess:
    """The OPTIONS of the default database as settings.py makes them with ``env``."""
    code = (
        "import json; from regie import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("POSTGRES_")}
    result = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-c", code],
        env={**inherited, "SECRET_KEY": "test", "DEBUG": "0", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    return result


def test_postgresql_binds_on_the_server_and_prepares_by_default():
    result = _database_options(DATABASE_URL="postgres://postgres@127.0.0.1:5432/test")
    options = json.loads(result.stdout)
    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == 2
    assert options["options"] == "-c random_page_cost=1.1"


def test_an_empty_threshold_keeps_djangos_client_side_binding():
    result = _database_options(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test", POSTGRES_PREPARE_THRESHOLD=""
    )
    options = json.loads(result.stdout)
    assert "server_side_binding" not in options
    assert "prepare_threshold" not in options


def test_sqlite_is_left_alone():
    result = _database_options(DATABASE_URL="sqlite:////tmp/regie-options.sqlite3")
    assert "server_side_binding" not in json.loads(result.stdout)


def test_a_threshold_that_is_not_a_number_stops_the_start_with_a_clear_message():
    result = _database_options(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test", POSTGRES_PREPARE_THRESHOLD="vaak"
    )
    assert result.returncode != 0
    assert "POSTGRES_PREPARE_THRESHOLD must be a whole number" in result.stderr


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_a_query_run_twice_on_one_connection_is_prepared_on_the_server():
    Municipality.objects.create(name="Prepareren", cbs_code="GM9911")

    def run():
        return list(Municipality.objects.filter(cbs_code="GM9911").values_list("name", flat=True))

    def prepared() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s",
                ["%core_municipality%cbs_code%"],
            )
            return [row[0] for row in cursor.fetchall()]

    assert run() == ["Prepareren"]
    assert prepared() == []
    assert run() == ["Prepareren"]  # the second run: prepared
    assert run() == ["Prepareren"]
    statements = prepared()
    assert len(statements) == 1
    assert "$1" in statements[0]  # the value is a parameter, not part of the text
