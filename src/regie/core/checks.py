"""System checks of the platform: `regie check --deploy` verifies the audit log's hash
chain (regie.core.seal) and warns when sealing has stopped."""

from datetime import timedelta

from django.core import checks
from django.db import DatabaseError
from django.utils import timezone

# Rows older than this and still unsealed mean `regie audit-seal` is not running.
UNSEALED_GRACE = timedelta(days=1)


@checks.register("regie", deploy=True)
def audit_chain(app_configs=None, **kwargs):
    from regie.core import seal

    try:
        result = seal.verify()
    except DatabaseError:  # not migrated yet: nothing to verify
        return []
    messages = [
        checks.Error(
            f"De auditlog is aangetast: {problem}",
            hint="Zie docs/operations.md, 'De auditlog verzegelen en controleren'.",
            id="regie.E001",
        )
        for problem in result.problems
    ]
    oldest = result.oldest_unsealed
    if oldest is not None and oldest < timezone.now() - UNSEALED_GRACE:
        messages.append(
            checks.Warning(
                f"{result.unsealed} auditregels zijn nog niet verzegeld, de oudste van "
                f"{oldest:%Y-%m-%d %H:%M}.",
                hint="Plan 'regie audit-seal' (zie docs/operations.md).",
                id="regie.W001",
            )
        )
    return messages
