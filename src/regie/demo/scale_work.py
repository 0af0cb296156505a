"""Participatie en werk for `regie demo --scale N` (regie.demo.scale, issue 20).

Per municipality without werkgevers (every generated one, and Aalten; Winterswijk has the
demo's): ``WERKGEVERS_PER_MUNICIPALITY`` werkgevers with two plekken each, of every soort.
Per generated person, from the PIP's dagtekening and the demo's today:

- in uitvoering: a share has a placement, lopend (started, still running), voorgesteld
  (starting soon), afgerond or voortijdig gestopt (with a reason); pip vastgesteld: some
  have a proposed placement; afgerond: some an ended one;
- evaluations of every started placement, one per ``EVALUATION_WEEKS`` weeks, never after
  today or after the end;
- uitstroom for the older cohorts (PIP older than a year): betaald werk (with hours,
  contract and often the employer of the placement), onderwijs, uit de bijstand,
  verhuizing for those who left, einde inburgeringsplicht for those who finished; dated
  between the PIP and today.

A running placement never takes more seats than its place has (the app's rule, checked
here in memory as the rows are made). Written with ``bulk_create`` in the builder's
batches, so no audit events per row; its own random generator, so the other generated
data do not shift. The shares are generation assumptions, not rules."""

from __future__ import annotations

import random
from datetime import timedelta

from regie.core.models import User
from regie.people.models import Inburgeraar
from regie.rules.lifecycle import Status
from regie.work.models import (
    Aanwezigheid,
    BijstandUitstroom,
    Contract,
    EindePlicht,
    Evaluatie,
    Onderwijsniveau,
    Plaatsing,
    PlaatsingStatus,
    Plek,
    PlekSoort,
    StopReden,
    Uitstroom,
    UitstroomSoort,
    Voortgang,
    Werkgever,
)

WERKGEVERS_PER_MUNICIPALITY = 10
EVALUATION_WEEKS = 8
# Share of persons with a placement, per status.
PLACED_SHARE = {
    Status.IN_UITVOERING: 0.45,
    Status.PIP_VASTGESTELD: 0.15,
    Status.AFGEROND: 0.5,
}
# (name, sbi, sector, plekken: (title, soort, level, hours, capacity))
SECTORS = (
    (
        "Zorgcentrum",
        "8710",
        "Verpleeghuizen",
        (
            ("Gastvrouw/-heer", PlekSoort.WERKERVARING, "A2", 16, 6),
            ("Helpende zorg", PlekSoort.STAGE, "B1", 24, 3),
        ),
    ),
    (
        "Metaalbedrijf",
        "2562",
        "Metaalbewerking",
        (
            ("Productiemedewerker", PlekSoort.BETAALD, "A2", 32, 4),
            ("Werkervaringsplek magazijn", PlekSoort.WERKERVARING, "", 20, 4),
        ),
    ),
    (
        "Supermarkt",
        "4711",
        "Supermarkten",
        (
            ("Vakkenvuller", PlekSoort.WERKERVARING, "A1", 12, 6),
            ("Kassa", PlekSoort.BETAALD, "A2", 20, 3),
        ),
    ),
    (
        "Buitendienst gemeente",
        "8411",
        "Openbaar bestuur",
        (
            ("Groenonderhoud", PlekSoort.WERKERVARING, "", 20, 8),
            ("Leerwerkplek groen", PlekSoort.STAGE, "A2", 24, 3),
        ),
    ),
    (
        "Kringloopwinkel",
        "4779",
        "Detailhandel tweedehands",
        (
            ("Vrijwilliger winkel", PlekSoort.VRIJWILLIGERSWERK, "", 8, 10),
            ("Chauffeur bijrijder", PlekSoort.VRIJWILLIGERSWERK, "A1", 8, 4),
        ),
    ),
)
STOP_REDENEN = (
    StopReden.BETAALD_WERK,
    StopReden.GEZONDHEID,
    StopReden.VERZUIM,
    StopReden.PASSEND,
    StopReden.WERKGEVER,
)


class WorkScale:
    def __init__(self, builder):
        self.builder = builder
        self.rng = random.Random(20)
        self.today = builder.today

    def platform(self) -> None:
        """Werkgevers and plekken for every municipality that has none."""
        with_werkgevers = set(
            Werkgever.objects.filter(municipality__in=self.builder.munis).values_list(
                "municipality_id", flat=True
            )
        )
        werkgevers = []
        for muni in self.builder.munis:
            if muni.pk in with_werkgevers:
                continue
            for i in range(WERKGEVERS_PER_MUNICIPALITY):
                name, sbi, sector, _ = SECTORS[i % len(SECTORS)]
                werkgevers.append(
                    Werkgever(
                        municipality=muni,
                        name=f"{name} {muni.name} {i // len(SECTORS) + 1}",
                        sbi_code=sbi,
                        sector=sector,
                        place=muni.name,
                    )
                )
        werkgevers = Werkgever.objects.bulk_create(werkgevers)
        plekken = []
        for werkgever in werkgevers:
            sector = next(s for s in SECTORS if werkgever.name.startswith(s[0]))
            for title, soort, level, hours, capacity in sector[3]:
                plekken.append(
                    Plek(
                        werkgever=werkgever,
                        title=title,
                        soort=soort,
                        language_level=level,
                        hours_per_week=hours,
                        capacity=capacity,
                        days="ma, wo, vr" if hours > 12 else "di",
                    )
                )
        Plek.objects.bulk_create(plekken)
        # Seats per place: {municipality: [[plek id, werkgever id, hours, free seats]]}.
        self.plekken: dict[int, list[list[int]]] = {}
        taken = {
            p: 0
            for p in Plek.objects.filter(
                werkgever__municipality__in=self.builder.munis
            ).values_list("pk", flat=True)
        }
        for plek_id in Plaatsing.objects.running().values_list("plek_id", flat=True):
            if plek_id in taken:
                taken[plek_id] += 1
        for pk, werkgever_id, muni_id, hours, capacity in Plek.objects.filter(
            werkgever__municipality__in=self.builder.munis, active=True
        ).values_list(
            "pk", "werkgever_id", "werkgever__municipality_id", "hours_per_week", "capacity"
        ):
            self.plekken.setdefault(muni_id, []).append(
                [pk, werkgever_id, hours, capacity - taken.get(pk, 0)]
            )
        self.counts = {"werkgevers": len(werkgevers), "plekken": len(plekken)}
        # In the demo municipalities the demo's jobcoach coaches the werkervaringsplekken.
        self.jobcoach = (
            User.objects.filter(username="jobcoach").values_list("pk", flat=True).first()
        )
        self.demo_munis = {m.pk for m in self.builder.demo_munis}
        self.werkervaring = set(
            Plek.objects.filter(soort=PlekSoort.WERKERVARING).values_list("pk", flat=True)
        )

    def _plek(self, municipality_id: int, running: bool):
        places = self.plekken.get(municipality_id)
        if not places:
            return None
        if not running:
            return self.rng.choice(places)
        free = [p for p in places if p[3] > 0]
        if not free:
            return None
        place = self.rng.choice(free)
        place[3] -= 1
        return place

    def _placement(self, person: Inburgeraar, dagtekening, status: Status):
        rng, today = self.rng, self.today
        if status == Status.PIP_VASTGESTELD:
            state = PlaatsingStatus.VOORGESTELD
        elif status == Status.AFGEROND:
            state = rng.choice([PlaatsingStatus.AFGEROND, PlaatsingStatus.GESTOPT])
        else:
            state = rng.choices(
                [
                    PlaatsingStatus.LOPEND,
                    PlaatsingStatus.VOORGESTELD,
                    PlaatsingStatus.AFGEROND,
                    PlaatsingStatus.GESTOPT,
                ],
                [60, 15, 15, 10],
            )[0]
        place = self._plek(person.municipality_id, state == PlaatsingStatus.LOPEND)
        if place is None:
            return None
        plek_id, _, hours, _ = place
        if state == PlaatsingStatus.VOORGESTELD:
            start = today + timedelta(days=rng.randint(7, 60))
            end = start + timedelta(days=rng.choice([91, 182]))
        else:
            latest = (today - dagtekening).days - 14
            if latest < 30:
                if state == PlaatsingStatus.LOPEND:
                    place[3] += 1
                return None
            start = dagtekening + timedelta(days=rng.randint(14, latest))
            if state == PlaatsingStatus.LOPEND:
                end = max(start + timedelta(days=182), today + timedelta(days=rng.randint(1, 90)))
            else:
                end = min(start + timedelta(days=rng.randint(42, 182)), today - timedelta(days=1))
                if end < start:
                    return None
        gestopt = state == PlaatsingStatus.GESTOPT
        reden = rng.choice(STOP_REDENEN) if gestopt else ""
        return Plaatsing(
            inburgeraar=person,
            plek_id=plek_id,
            start=start,
            end=end,
            hours_per_week=hours,
            job_coach_id=self.jobcoach
            if self.jobcoach
            and person.municipality_id in self.demo_munis
            and plek_id in self.werkervaring
            else person.klantmanager_id,
            status=state,
            stop_reden=reden,
            stop_reason="Gestopt volgens afspraak met de werkgever." if gestopt else "",
        )

    def _evaluations(self, plaatsing: Plaatsing) -> list[Evaluatie]:
        if plaatsing.status == PlaatsingStatus.VOORGESTELD:
            return []
        last = min(plaatsing.end or self.today, self.today)
        rows, day = [], plaatsing.start + timedelta(weeks=EVALUATION_WEEKS)
        while day <= last and len(rows) < 6:
            rows.append(
                Evaluatie(
                    plaatsing=plaatsing,
                    datum=day,
                    aanwezigheid=self.rng.choice(Aanwezigheid.values),
                    voortgang=self.rng.choice(Voortgang.values),
                    vaardigheden="Komt op tijd en vraagt na als iets niet duidelijk is.",
                    door_id=plaatsing.job_coach_id,
                )
            )
            day += timedelta(weeks=EVALUATION_WEEKS)
        return rows

    def _outflow(self, person, dagtekening, status, placement) -> list[Uitstroom]:
        rng, today = self.rng, self.today
        if (today - dagtekening).days < 365:
            return []

        def when():
            return dagtekening + timedelta(days=rng.randint(120, (today - dagtekening).days))

        rows = []
        if status == Status.VERTROKKEN:
            rows.append(
                Uitstroom(inburgeraar=person, soort=UitstroomSoort.VERHUIZING, datum=when())
            )
            return rows
        if status == Status.AFGEROND:
            rows.append(
                Uitstroom(
                    inburgeraar=person,
                    soort=UitstroomSoort.EINDE_PLICHT,
                    datum=when(),
                    einde_plicht=EindePlicht.DIPLOMA,
                )
            )
        draw = rng.random()
        if draw < 0.3:
            worked = when()
            employer = None
            if placement is not None and placement.status != PlaatsingStatus.VOORGESTELD:
                employer = next(
                    (
                        p[1]
                        for p in self.plekken[person.municipality_id]
                        if p[0] == placement.plek_id
                    ),
                    None,
                )
                worked = max(worked, min(placement.end or today, today))
            rows.append(
                Uitstroom(
                    inburgeraar=person,
                    soort=UitstroomSoort.BETAALD_WERK,
                    datum=worked,
                    uren_per_week=rng.choice([12, 20, 24, 32, 36]),
                    contract=rng.choice(Contract.values),
                    werkgever_id=employer,
                )
            )
            if rng.random() < 0.6:
                rows.append(
                    Uitstroom(
                        inburgeraar=person,
                        soort=UitstroomSoort.UIT_BIJSTAND,
                        datum=worked,
                        bijstand=rng.choice(BijstandUitstroom.values),
                    )
                )
        elif draw < 0.4:
            rows.append(
                Uitstroom(
                    inburgeraar=person,
                    soort=UitstroomSoort.ONDERWIJS,
                    datum=when(),
                    opleiding="Entreeopleiding",
                    niveau=rng.choice(Onderwijsniveau.values),
                )
            )
        return rows

    def write(self, people, versies) -> None:
        """Placements, evaluations and outflow of one batch (``versies``: the vastgestelde
        PIP versions just written, one per person with a PIP)."""
        dagtekening = {v.pip.inburgeraar_id: v.dagtekening for v in versies}
        placements, outflow = [], []
        for person in people:
            day = dagtekening.get(person.pk)
            if day is None or day > self.today:
                continue
            status = Status(person.status)
            placement = None
            if self.rng.random() < PLACED_SHARE.get(status, 0):
                placement = self._placement(person, day, status)
                if placement is not None:
                    placements.append(placement)
            outflow.extend(self._outflow(person, day, status, placement))
        placements = Plaatsing.objects.bulk_create(placements)
        evaluaties = [e for p in placements for e in self._evaluations(p)]
        Evaluatie.objects.bulk_create(evaluaties)
        Uitstroom.objects.bulk_create(outflow)
        for name, rows in (
            ("plaatsingen", placements),
            ("evaluaties", evaluaties),
            ("uitstroom", outflow),
        ):
            self.counts[name] = self.counts.get(name, 0) + len(rows)
