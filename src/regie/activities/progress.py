"""Pure decisions about attendance, Z-route hours, the PVT and the MAP (no Django).

The figures come from regie.rules: the Z-route norms (Besluit inburgering 2021 art. 3.14),
the PVT minimum of 12 hours (art. 3.1 lid 3) and the MAP hour norm (a 'check' figure the
municipality may set). The attendance threshold is local policy
(``aanwezigheid_signaal_procent``) and is passed in by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from regie.rules import figure_value, z_route_norm

# Attendance is judged over the last weeks only, so a person who recovered is not flagged
# for an old absence; and only once enough sessions were registered to say something.
ATTENDANCE_WINDOW_WEEKS = 8
ATTENDANCE_MIN_REGISTRATIONS = 3

# The PVT of the seed (§3.6): four workshops of a half-day, one given by the municipality.
PVT_DAGDELEN = 4
PVT_MIN_UREN = Decimal(figure_value("pvt_min_uren"))


def attendance_rate(present_hours: Decimal, registered_hours: Decimal) -> Decimal | None:
    """Attended hours as a whole percentage of the registered hours; None when nothing
    was registered yet."""
    if not registered_hours:
        return None
    rate = Decimal(present_hours) * 100 / Decimal(registered_hours)
    return rate.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def attendance_signal(
    present_hours: Decimal, registered_hours: Decimal, registrations: int, threshold: int
) -> bool:
    """True when the klantmanager should be told: enough registrations and a rate below
    the municipality's threshold (strictly below: exactly the threshold is fine)."""
    rate = attendance_rate(present_hours, registered_hours)
    if rate is None or registrations < ATTENDANCE_MIN_REGISTRATIONS:
        return False
    return rate < Decimal(threshold)


@dataclass(frozen=True)
class Bar:
    """One progress bar: a value against a norm. ``key`` names it; the Django layer adds
    a translated ``label``."""

    key: str
    value: Decimal
    maximum: Decimal
    label: str = ""

    @property
    def percent(self) -> int:
        if not self.maximum:
            return 0
        return min(100, int(self.value * 100 / self.maximum))

    @property
    def done(self) -> bool:
        return self.value >= self.maximum

    @property
    def value_text(self) -> str:
        return _fmt(self.value)

    @property
    def maximum_text(self) -> str:
        return _fmt(self.maximum)


def _fmt(value: Decimal) -> str:
    value = Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return str(int(value)) if value == value.to_integral() else str(value).replace(".", ",")


def z_route_bars(
    asielstatushouder: bool, participation_hours: Decimal, course_hours: Decimal
) -> list[Bar]:
    """Progress of the Z-route against its norms: 800 cursusuren for everyone and, for
    asielstatushouders only, 800 participation hours in which PVT and MAP hours count
    (Besluit inburgering 2021 art. 3.14 lid 2, 3 and 5)."""
    norm = z_route_norm(asielstatushouder)
    bars = [Bar("cursusuren", Decimal(course_hours), Decimal(norm.cursusuren))]
    if norm.participatie_uren:
        bars.append(
            Bar("participatie", Decimal(participation_hours), Decimal(norm.participatie_uren))
        )
    return bars


@dataclass(frozen=True)
class Dagdeel:
    number: int
    hours: Decimal
    attended: bool
    by_municipality: bool
    on: date | None = None


def pvt_hours(dagdelen: list[Dagdeel]) -> Decimal:
    return sum((d.hours for d in dagdelen if d.attended), Decimal(0))


def pvt_signing_problems(dagdelen: list[Dagdeel], signed_on: date | None) -> list[str]:
    """Why the participatieverklaring cannot (yet) be signed on ``signed_on``: all four
    half-days attended (seed §3.6, also for gezinsmigranten), one of them given by the
    municipality, and at least 12 hours (Besluit inburgering 2021 art. 3.1 lid 3). The
    signing closes the traject, so it cannot precede an attended half-day."""
    problems = []
    attended = [d for d in dagdelen if d.attended]
    if len(attended) < PVT_DAGDELEN:
        problems.append(
            f"Nog niet alle {PVT_DAGDELEN} dagdelen gevolgd ({len(attended)} van {PVT_DAGDELEN})."
        )
    if not any(d.by_municipality for d in attended):
        problems.append("Het dagdeel van de gemeente zelf is nog niet gevolgd.")
    if pvt_hours(dagdelen) < PVT_MIN_UREN:
        problems.append(
            f"Het traject omvat ten minste {_fmt(PVT_MIN_UREN)} uur; gevolgd: "
            f"{_fmt(pvt_hours(dagdelen))} uur."
        )
    if signed_on is not None:
        late = [d for d in attended if d.on and d.on > signed_on]
        if late:
            problems.append("De verklaring kan niet vóór een gevolgd dagdeel zijn ondertekend.")
    return problems


def map_eindgesprek_due(hours: Decimal, norm: Decimal, eindgesprek_on: date | None) -> bool:
    """The MAP ends with an eindgesprek with the college (Besluit art. 3.2); it is due once
    the hour norm is reached and it has not been held."""
    return eindgesprek_on is None and Decimal(hours) >= Decimal(norm)
