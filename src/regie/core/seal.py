"""Tamper evidence for the audit log: a keyed hash chain the app's own database user
cannot repair (issue 17, deliverable 6).

The triggers of migration 0002 keep honest code from changing audit rows, but whoever holds
the app's database credentials can switch them off (``SET LOCAL regie.audit_purge``) or
drop them. So ``seal()`` (``regie audit-seal``, run every few minutes) chains the committed
rows in id order into ``AuditSeal`` links: each link covers a range of ids with an HMAC
over the rows' content, and its own mac covers the previous link's mac. The key
(REGIE_AUDIT_KEY, else derived from SECRET_KEY) is not in the database; without it nobody
can make a link that verifies. ``verify()`` (``regie audit-verify``, ``regie check
--deploy``) streams the rows once, in id order, and reports:

- a changed, deleted or inserted row in a sealed range (the range's HMAC differs);
- a deleted, changed or inserted link (a gap in the numbers, a broken prev_mac, a bad mac);
- a retention purge that was not recorded (a changed range without a purge link).

A retention job (``core/retention.py``) changes sealed rows on purpose; within the same
transaction it calls ``record_purge``, which appends a *purge* link per sealed range it
touched: the ids, the reason and the range's new HMAC. Verification uses the newest link
of each range.

Not detected: rows changed or deleted *before* they were sealed, rows added at the end by
someone writing to the database directly (they are sealed like any other), and deleting
the newest links together with their rows; against the last, compare the head
(``regie audit-verify --expect NUMBER:MAC``) with the head ``regie audit-seal`` writes to
the log, which should be kept outside the database (syslog, the log collector).
"""

from __future__ import annotations

import bisect
import hmac
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from regie.core.models import AuditEvent, AuditSeal

logger = logging.getLogger("regie.audit")

# At most this many rows under one link; a run seals everything committed so far.
SEAL_BATCH = 10_000
CHUNK = 5_000
GENESIS = "0" * 64
# The fields a row's HMAC covers, in this order (all of them).
ROW_FIELDS = (
    "id",
    "at",
    "user_id_copy",
    "username",
    "roles",
    "organisation",
    "inburgeraar_id",
    "action",
    "object_type",
    "object_id",
    "description",
    "route",
    "avg_relevant",
    # Logboek dataverwerkingen (migration 0008). Left out of a row's line while all four
    # are empty, so rows sealed before they existed keep their mac.
    "trace_id",
    "span_id",
    "activity",
    "subject_ref",
)
_BASE_FIELDS = 13
# An arbitrary constant: the PostgreSQL advisory lock that makes links one at a time.
LOCK_ID = 0x52454749  # "REGI"


def audit_key() -> bytes:
    """REGIE_AUDIT_KEY, or a key derived from SECRET_KEY (so rotating SECRET_KEY without
    setting REGIE_AUDIT_KEY first makes every link fail: see docs/operations.md)."""
    configured = getattr(settings, "REGIE_AUDIT_KEY", "")
    if configured:
        return configured.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"regie.audit-seal.v1", "sha256").digest()


def _iso(value) -> str:
    return value.astimezone(UTC).isoformat() if value is not None else ""


def _row_line(row: tuple) -> bytes:
    values = list(row)
    values[1] = _iso(values[1])
    if not any(values[_BASE_FIELDS:]):
        values = values[:_BASE_FIELDS]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def _rows(first: int, last: int) -> Iterator[tuple]:
    return (
        AuditEvent.objects.filter(id__gte=first, id__lte=last)
        .order_by("id")
        .values_list(*ROW_FIELDS)
        .iterator(chunk_size=CHUNK)
    )


def _rows_mac(key: bytes, first: int, last: int) -> tuple[str, int]:
    mac = hmac.new(key, digestmod="sha256")
    count = 0
    for row in _rows(first, last):
        mac.update(_row_line(row))
        count += 1
    return mac.hexdigest(), count


def link_mac(key: bytes, link: AuditSeal) -> str:
    message = "|".join(
        str(part)
        for part in (
            "v1",
            link.number,
            link.kind,
            link.first_id,
            link.last_id,
            link.count,
            link.rows_mac,
            link.reason,
            link.purged_ids,
            _iso(link.sealed_at),
            link.prev_mac,
        )
    )
    return hmac.new(key, message.encode(), "sha256").hexdigest()


def _lock() -> None:
    """One writer of links at a time (the sealer and a retention job)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_ID])


def _append(key: bytes, head: AuditSeal | None, **fields) -> AuditSeal:
    link = AuditSeal(
        number=(head.number + 1) if head else 1,
        prev_mac=head.mac if head else GENESIS,
        sealed_at=timezone.now(),
        **fields,
    )
    link.mac = link_mac(key, link)
    link.save()
    return link


def _head() -> AuditSeal | None:
    return AuditSeal.objects.order_by("-number").first()


def _next_first() -> int:
    last = AuditSeal.objects.filter(kind=AuditSeal.Kind.SEAL).order_by("-number").first()
    return last.last_id + 1 if last else 1


def _watermark() -> int | None:
    """The highest audit id below which every row is committed (or never will be).

    On PostgreSQL ids are handed out before commit, so a row with a lower id can become
    visible after one with a higher id. A SHARE lock waits until every transaction that
    inserted audit rows has ended (new inserts wait a moment too, at most lock_timeout),
    so max(id) read under it is a safe watermark. The lock is released at once; the
    sealing itself does not hold up requests."""
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL lock_timeout = '10s'")
            cursor.execute(f"LOCK TABLE {table} IN SHARE MODE")
        cursor.execute(f"SELECT max(id) FROM {table}")  # noqa: S608 - the model's table
        return cursor.fetchone()[0]


def seal(batch: int = SEAL_BATCH) -> list[AuditSeal]:
    """Chain every committed, unsealed audit row into new links; returns them."""
    key = audit_key()
    watermark = _watermark()
    made: list[AuditSeal] = []
    if watermark is None:
        return made
    with transaction.atomic():
        _lock()
        head = _head()
        first = _next_first()
        if watermark < first:
            return made
        mac, count, start = hmac.new(key, digestmod="sha256"), 0, first
        for row in _rows(first, watermark):
            mac.update(_row_line(row))
            count += 1
            if count == batch:
                head = _append(
                    key, head, kind=AuditSeal.Kind.SEAL, first_id=start, last_id=row[0],
                    count=count, rows_mac=mac.hexdigest(),
                )  # fmt: skip
                made.append(head)
                mac, count, start = hmac.new(key, digestmod="sha256"), 0, row[0] + 1
        if start <= watermark:
            head = _append(
                key, head, kind=AuditSeal.Kind.SEAL, first_id=start, last_id=watermark,
                count=count, rows_mac=mac.hexdigest(),
            )  # fmt: skip
            made.append(head)
    if made:
        logger.info("audit sealed up to id %s; head %s:%s", watermark, head.number, head.mac)
    return made


def compress(ids: Iterable[int]) -> str:
    """Sorted ids as ranges: 1-5,9,12-14."""
    parts: list[str] = []
    start = prev = None
    for value in ids:
        if prev is not None and value == prev + 1:
            prev = value
            continue
        if start is not None:
            parts.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = value
    if start is not None:
        parts.append(str(start) if start == prev else f"{start}-{prev}")
    return ",".join(parts)


def purge_plan(ids: Iterable[int]) -> list[tuple[int, int, str]]:
    """Which sealed ranges the given ids (sorted ascending, any number: a streaming
    iterator is fine) fall in, with the ids per range. Call it inside the purge's
    transaction, before deleting rows: it takes the chain's lock, so no seal is made
    between the plan and ``record_purge`` (which would leave a range unrecorded)."""
    _lock()
    ranges = list(
        AuditSeal.objects.filter(kind=AuditSeal.Kind.SEAL)
        .order_by("first_id")
        .values_list("first_id", "last_id")
    )
    lasts = [last for _first, last in ranges]
    plan: list[tuple[int, int, str]] = []
    current: tuple[int, int] | None = None
    inside: list[int] = []
    for pk in ids:
        if current is None or pk > current[1]:
            if current is not None and inside:
                plan.append((*current, compress(inside)))
            inside = []
            position = bisect.bisect_left(lasts, pk)
            current = ranges[position] if position < len(ranges) else None
            if current is None:
                break  # the rest is not sealed yet
        if pk >= current[0]:
            inside.append(pk)
    if current is not None and inside:
        plan.append((*current, compress(inside)))
    return plan


def record_purge(plan: list[tuple[int, int, str]], reason: str) -> list[AuditSeal]:
    """After a retention job changed or deleted sealed rows (in the same transaction):
    a purge link per range, with its new HMAC, the ids concerned and the reason."""
    if not plan:
        return []
    key = audit_key()
    made = []
    with transaction.atomic():
        _lock()
        head = _head()
        for first, last, ids in plan:
            mac, count = _rows_mac(key, first, last)
            head = _append(
                key, head, kind=AuditSeal.Kind.PURGE, first_id=first, last_id=last,
                count=count, rows_mac=mac, reason=reason[:300], purged_ids=ids,
            )  # fmt: skip
            made.append(head)
    return made


@dataclass
class Verification:
    problems: list[str] = field(default_factory=list)
    links: int = 0
    rows: int = 0
    sealed_up_to: int = 0
    head: str = ""
    unsealed: int = 0
    oldest_unsealed: object = None

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(*, from_number: int = 1, expect: str = "") -> Verification:
    """Check every link, then stream the rows of every sealed range (from link
    ``from_number`` on) once, in id order. Linear in the rows, constant in memory
    except for one small entry per range."""
    key = audit_key()
    result = Verification()
    prev, expected, next_first = GENESIS, 1, 1
    ranges: list[list] = []  # [first, last, effective link]
    position: dict[tuple[int, int], int] = {}
    seen: dict[int, str] = {}
    for link in AuditSeal.objects.order_by("number").iterator(chunk_size=CHUNK):
        result.links += 1
        if link.number != expected:
            result.problems.append(
                f"zegels {expected} tot {link.number - 1} ontbreken (verwijderd)"
                if link.number > expected
                else f"zegel {link.number} komt dubbel voor"
            )
        if link.prev_mac != prev:
            result.problems.append(
                f"zegel {link.number}: de keten is onderbroken (een eerder zegel is "
                "verwijderd of gewijzigd)"
            )
        if not hmac.compare_digest(link.mac, link_mac(key, link)):
            result.problems.append(
                f"zegel {link.number} is gewijzigd of niet met deze sleutel gemaakt"
            )
        if link.kind == AuditSeal.Kind.SEAL:
            if link.first_id != next_first:
                result.problems.append(
                    f"zegel {link.number}: begint bij id {link.first_id}, verwacht {next_first}"
                )
            position[(link.first_id, link.last_id)] = len(ranges)
            ranges.append([link.first_id, link.last_id, link])
            next_first = link.last_id + 1
        else:
            index = position.get((link.first_id, link.last_id))
            if index is None:
                result.problems.append(
                    f"zegel {link.number}: bewaartermijn zonder verzegeld bereik"
                )
            else:
                ranges[index][2] = link
        if expect:
            seen[link.number] = link.mac
        prev, expected = link.mac, link.number + 1
    if ranges:
        head = AuditSeal.objects.order_by("-number").only("number", "mac").first()
        result.head = f"{head.number}:{head.mac}"
        result.sealed_up_to = ranges[-1][1]
    if expect:
        number, _sep, mac = expect.partition(":")
        if not number.isdigit() or not hmac.compare_digest(seen.get(int(number), ""), mac):
            result.problems.append(
                f"het verwachte zegel {expect[:80]} ontbreekt: de nieuwste zegels zijn verwijderd"
            )
    # Incremental (from_number > 1): only the ranges sealed or restated since that link.
    _verify_rows(key, [r for r in ranges if r[2].number >= from_number], result)
    unsealed = AuditEvent.objects.filter(id__gt=result.sealed_up_to)
    result.unsealed = unsealed.count()
    if result.unsealed:
        result.oldest_unsealed = unsealed.order_by("id").values_list("at", flat=True).first()
    return result


def _verify_rows(key: bytes, ranges: list[list], result: Verification) -> None:
    if not ranges:
        return
    index = 0
    mac, count = hmac.new(key, digestmod="sha256"), 0

    def finish(entry):
        first, last, link = entry
        if count != link.count or not hmac.compare_digest(mac.hexdigest(), link.rows_mac):
            result.problems.append(
                f"auditregels {first} tot en met {last} (zegel {link.number}): "
                f"{count} regels, verzegeld {link.count}; inhoud wijkt af van het zegel "
                "(een regel is gewijzigd, verwijderd of ingevoegd)"
            )

    rows = (
        AuditEvent.objects.filter(id__gte=ranges[0][0], id__lte=ranges[-1][1])
        .order_by("id")
        .values_list(*ROW_FIELDS)
        .iterator(chunk_size=CHUNK)
    )
    for row in rows:
        while row[0] > ranges[index][1]:
            finish(ranges[index])
            index += 1
            mac, count = hmac.new(key, digestmod="sha256"), 0
        if row[0] < ranges[index][0]:
            continue  # between checked ranges (--from): not part of this verification
        mac.update(_row_line(row))
        count += 1
        result.rows += 1
    while index < len(ranges):
        finish(ranges[index])
        index += 1
        mac, count = hmac.new(key, digestmod="sha256"), 0
