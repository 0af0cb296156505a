"""Financial ontzorging for `regie demo --scale N` (regie.demo.scale).

Participatiewet art. 56a: the asielstatushouders on bijstand get an ontzorging of six
months from the day the right to bijstand starts (here: the day they were housed), some
extended until they are self-reliant (local policy). Per ontzorging: the beschikking, one
benefit amount, the four statutory fixed costs (rent to the municipality's housing
corporation, energy, water, health insurance) checked by a second person, and the
payments of the last ``RUN_MONTHS`` months in exported payment runs per municipality,
plus this month's run prepared and waiting for approval, as the finance app makes them
(regie.finance.services): the same due rule (``regie.rules.ontzorging.is_due``), the same
EndToEndIds, a SEPA file per exported run, four eyes on items and runs.

Generated municipalities get two financieel medewerkers in their uitvoerder; the demo
municipalities use the demo's 'financieel' and 'financieel2'. Written with
``bulk_create`` in the batches of the scale builder (no audit events per row); the SEPA
files are made at the end, run by run, with the app's own SEPA writer. Payments before
the window are not generated: older ontzorgingen show their items but no paid lines.
Its own random generator, so the other generated data do not shift."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from regie.core.models import Organisation, RoleAssignment, Team, User
from regie.core.roles import OrganisationType, Role
from regie.finance import sepa, services
from regie.finance.demo import _iban
from regie.finance.models import (
    BetaalPost,
    Betaalregel,
    Betaalrekening,
    Betaalrun,
    Ontzorging,
    OntzorgingStatus,
    RunStatus,
    Uitkering,
    Verlenging,
    normalise_iban,
    validate_iban,
)
from regie.people.models import HouseholdRole
from regie.rules import ontzorging as rules
from regie.rules.deadlines import add_months

# Generation assumptions, not rules: most asielstatushouders start on bijstand (the share
# that does not, works or studies with a grant); a fifth is extended by three months.
BIJSTAND_SHARE = 0.9
EXTENDED_SHARE = 0.2
EXTENSION_MONTHS = 3
# Exported runs of the last three months (the lesuren cover the same months) and this
# month's run waiting for approval.
RUN_MONTHS = 3
# Bijstandsnorm-like net amounts per month (illustrative).
BENEFITS = (1280, 1315, 1390, 1852)
# (post soort, bank code, amount range in euros); all monthly, as in regie.finance.demo.
COSTS = (
    ("Huur", "BNGH", (520, 690)),
    ("Energie (gas en elektriciteit)", "INGB", (95, 160)),
    ("Water", "RABO", (18, 26)),
    ("Zorgverzekering (premie)", "ABNA", (128, 140)),
)
ENERGY = ("Energie Oost (demo)", "Stroom en Gas Nederland (demo)", "Groene Energie NL (demo)")
INSURERS = (
    "Zorgverzekeraar Oost (demo)",
    "Zorgverzekeraar Midden (demo)",
    "Zorgverzekeraar West (demo)",
    "Zorgverzekeraar Noord (demo)",
)
EXTENSION_REASON = (
    "Nog niet zelfredzaam: de vaste lasten en de toeslagen zijn nog niet zelf geregeld. "
    "Lokaal beleid: verlengen tot zelfredzaam."
)


def checked_iban(bank: str, number: int) -> str:
    """A valid Dutch IBAN (the finance app's own generator and validator)."""
    value = normalise_iban(_iban(bank, number))
    validate_iban(value)
    return value


class FinanceScale:
    def __init__(self, builder, seed: int = 56):
        self.builder = builder
        self.rng = random.Random(seed + builder.n)
        self.today = builder.today
        self.this_month = rules.month_start(self.today)
        self.months = [add_months(self.this_month, -k) for k in range(RUN_MONTHS, 0, -1)]
        self.ibans: dict[tuple[str, int], str] = {}

    def iban(self, bank: str, number: int) -> str:
        key = (bank, number)
        if key not in self.ibans:
            self.ibans[key] = checked_iban(bank, number)
        return self.ibans[key]

    # --- platform -----------------------------------------------------------------------
    def platform(self) -> None:
        """Financieel medewerkers, the municipality's account, the runs of the window."""
        builder = self.builder
        self.soorten = services.default_soorten()
        demo_ids = {m.pk for m in builder.demo_munis}
        self.staff: dict[int, tuple[int, int]] = {}  # municipality -> (preparer, approver)
        demo = dict(
            User.objects.filter(username__in=["financieel", "financieel2"]).values_list(
                "username", "pk"
            )
        )
        for muni in builder.demo_munis:
            self.staff[muni.pk] = (demo["financieel"], demo["financieel2"])
        generated = [m for m in builder.munis if m.pk not in demo_ids]
        orgs = {
            o.municipality_id: o
            for o in Organisation.objects.filter(
                type=OrganisationType.UITVOERDER, municipality__in=generated
            )
        }
        teams = {t.organisation_id: t for t in Team.objects.filter(organisation__in=orgs.values())}
        existing = set(
            User.objects.filter(username__startswith="fin-gm").values_list("username", flat=True)
        )
        users = []
        for muni in generated:
            org = orgs[muni.pk]
            for i in (1, 2):
                username = f"fin-{muni.cbs_code.lower()}-{i}"
                if username not in existing:
                    users.append(
                        User(
                            username=username,
                            first_name="Financieel",
                            last_name=f"{muni.name} {i}",
                            organisation=org,
                            team=teams.get(org.pk),
                            password=builder.password,
                        )
                    )
        users = User.objects.bulk_create(users)
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(user=u, role=Role.FINANCIEEL) for u in users]
        )
        by_name = dict(
            User.objects.filter(username__startswith="fin-gm").values_list("username", "pk")
        )
        for muni in generated:
            code = muni.cbs_code.lower()
            self.staff[muni.pk] = (by_name[f"fin-{code}-1"], by_name[f"fin-{code}-2"])
        has_account = set(
            Betaalrekening.objects.filter(municipality__in=builder.munis).values_list(
                "municipality_id", flat=True
            )
        )
        Betaalrekening.objects.bulk_create(
            [
                Betaalrekening(
                    municipality=muni,
                    naam=f"{muni.name}",
                    iban=self.iban("BNGH", 285000000 + muni.pk),
                    bic="BNGHNL2G",
                )
                for muni in builder.munis
                if muni.pk not in has_account
            ]
        )
        self.accounts = {
            a.municipality_id: a
            for a in Betaalrekening.objects.filter(municipality__in=builder.munis)
        }
        self._runs()

    def _runs(self) -> None:
        """A run per municipality and month: an open run of the month is used as it is,
        otherwise a new one, approved (past months, exported at the end) or concept (this
        month, waiting for approval by the second medewerker)."""
        munis = self.builder.munis
        self.runs: dict[tuple[int, object], int] = {}
        self.new_runs: set[int] = set()
        months = [*self.months, self.this_month]
        numbers = {
            (row["municipality_id"], row["periode"]): row["n"]
            for row in Betaalrun.objects.filter(municipality__in=munis, periode__in=months)
            .values("municipality_id", "periode")
            .annotate(n=Count("id"))
        }
        for run in Betaalrun.objects.filter(
            municipality__in=munis,
            periode__in=months,
            status__in=[RunStatus.CONCEPT, RunStatus.GOEDGEKEURD],
        ):
            self.runs[(run.municipality_id, run.periode)] = run.pk
        new = []
        for muni in munis:
            preparer, approver = self.staff[muni.pk]
            for month in months:
                if (muni.pk, month) in self.runs:
                    continue
                past = month != self.this_month
                start = timezone.make_aware(datetime(month.year, month.month, month.day, 9))
                new.append(
                    Betaalrun(
                        municipality=muni,
                        periode=month,
                        status=RunStatus.GOEDGEKEURD if past else RunStatus.CONCEPT,
                        msg_id=f"REGIE-{muni.cbs_code}-{month:%Y%m}-"
                        f"{numbers.get((muni.pk, month), 0) + 1}",
                        uitvoeringsdatum=services.execution_date_for(
                            month, month if past else self.today
                        ),
                        # Four eyes: this month's run was prepared by the second medewerker
                        # and waits for the first, as in the finance demo.
                        voorbereid_door_id=preparer if past else approver,
                        goedgekeurd_door_id=approver if past else None,
                        goedgekeurd_op=start + timedelta(hours=2) if past else None,
                    )
                )
        for run in Betaalrun.objects.bulk_create(new):
            self.runs[(run.municipality_id, run.periode)] = run.pk
            self.new_runs.add(run.pk)

    # --- per batch ----------------------------------------------------------------------
    def write(self, people) -> None:
        rng = self.rng
        today = self.today
        made = []  # (ontzorging, person)
        for person in people:
            if (
                not person.rechtspositie.ontzorging  # Participatiewet art. 56a
                or person.household_role != HouseholdRole.HOOFD
                or not person.klantmanager_id
                or person.housing_date > today
                or rng.random() >= BIJSTAND_SHARE
            ):
                continue
            start = person.housing_date
            end = rules.ontzorging_einde(start)
            extended = rng.random() < EXTENDED_SHARE
            final_end = rules.month_end(rules.month_of(end, EXTENSION_MONTHS)) if extended else end
            ended = final_end < today
            ontzorging = Ontzorging(
                inburgeraar=person,
                beschikking_datum=start - timedelta(days=rng.randint(5, 15)),
                beschikking_kenmerk=f"PW-56A-{start:%Y}-{person.pk}",
                machtiging_datum=start - timedelta(days=rng.randint(1, 5)),
                start_date=start,
                end_date=final_end,
                status=OntzorgingStatus.BEEINDIGD if ended else OntzorgingStatus.ACTIEF,
            )
            if ended:
                for name in Ontzorging.CHECKLIST:
                    setattr(ontzorging, name, True)
                ontzorging.overdracht_op = final_end
                ontzorging.overdracht_toelichting = "Betaalt de vaste lasten zelf."
            ontzorging._extended_from = end if extended else None
            made.append(ontzorging)
        if not made:
            return
        made = Ontzorging.objects.bulk_create(made)
        benefits, extensions, posts = [], [], []
        for ontzorging in made:
            person = ontzorging.inburgeraar
            benefits.append(
                Uitkering(
                    ontzorging=ontzorging,
                    bedrag=Decimal(rng.choice(BENEFITS)),
                    geldig_vanaf=ontzorging.start_date,
                    toelichting="Bij de start van de ontzorging",
                    door="scale",
                )
            )
            if ontzorging._extended_from:
                extensions.append(
                    Verlenging(
                        ontzorging=ontzorging,
                        vorige_einde=ontzorging._extended_from,
                        nieuwe_einde=ontzorging.end_date,
                        reden=EXTENSION_REASON,
                        door="scale",
                    )
                )
            checker = self.staff[person.municipality_id][1]
            checked_on = timezone.make_aware(datetime(*ontzorging.start_date.timetuple()[:3], 11))
            for soort, bank, (low, high) in COSTS:
                crediteur, number = self.creditor(soort, person)
                posts.append(
                    BetaalPost(
                        ontzorging=ontzorging,
                        soort=self.soorten[soort],
                        crediteur=crediteur,
                        iban=self.iban(bank, number),
                        bedrag=Decimal(rng.randint(low * 100, high * 100)) / 100,
                        frequentie=rules.Frequency.MONTHLY.value,
                        kenmerk=f"{soort.split()[0]} klantnr {rng.randint(100000, 999999)}",
                        geldig_vanaf=ontzorging.start_date,
                        aangemaakt_door_id=person.klantmanager_id,
                        gecontroleerd_door_id=checker,
                        gecontroleerd_op=checked_on,
                    )
                )
        Uitkering.objects.bulk_create(benefits)
        Verlenging.objects.bulk_create(extensions)
        posts = BetaalPost.objects.bulk_create(posts)
        lines = []
        for post in posts:
            ontzorging = post.ontzorging
            person = ontzorging.inburgeraar
            for month in (*self.months, self.this_month):
                if not self.pays(post, ontzorging, month):
                    continue
                run_id = self.runs[(person.municipality_id, month)]
                lines.append(services.betaalregel_for(post, month, run_id, person.pk))
        Betaalregel.objects.bulk_create(lines)
        counts = self.builder.counts
        for name, rows in (
            ("ontzorgingen", made),
            ("verlengingen", extensions),
            ("vaste lasten", posts),
            ("betaalregels", lines),
        ):
            counts[name] = counts.get(name, 0) + len(rows)

    def pays(self, post: BetaalPost, ontzorging: Ontzorging, month) -> bool:
        """Whether the run of ``month`` pays ``post``: due in that month (the app's rule),
        and, for this month's run prepared today, not handed over before the month's end
        (as ``services.due_posts`` selects). Past runs were prepared at the start of their
        month, before any handover in it."""
        if not rules.is_due(
            post.frequentie,
            post.geldig_vanaf,
            post.geldig_tot,
            month,
            ontzorging_start=ontzorging.start_date,
            ontzorging_end=ontzorging.end_date,
        ):
            return False
        handover = ontzorging.overdracht_op
        if month == self.this_month:
            return handover is None or handover >= rules.month_end(month)
        return handover is None or handover >= month

    def creditor(self, soort: str, person) -> tuple[str, int]:
        """(creditor name, account number): the housing corporation and the water company
        of the municipality, one of a few national energy companies and insurers."""
        muni = person.municipality
        if soort == "Huur":
            return f"Woningcorporatie {muni.name}"[:70], 100000 + muni.pk
        if soort == "Water":
            region = muni.region or muni.name
            return f"Waterbedrijf {region}"[:70], 200000 + sum(map(ord, region))
        if soort.startswith("Energie"):
            index = person.pk % len(ENERGY)
            return ENERGY[index], 300000 + index
        index = person.pk % len(INSURERS)
        return INSURERS[index], 400000 + index

    # --- at the end ---------------------------------------------------------------------
    def finish(self, progress_class) -> None:
        """Export the approved runs made here (a SEPA file each, the app's writer) and drop
        the new runs that got no lines (the app never makes an empty run)."""
        empty = (
            Betaalrun.objects.filter(pk__in=self.new_runs)
            .annotate(n=Count("regels"))
            .filter(n=0)
            .values_list("pk", flat=True)
        )
        empty = list(empty)
        Betaalrun.objects.filter(pk__in=empty).delete()
        self.new_runs -= set(empty)
        runs = list(
            Betaalrun.objects.filter(pk__in=self.new_runs, status=RunStatus.GOEDGEKEURD)
            .select_related("municipality")
            .order_by("pk")
        )
        progress = progress_class(len(runs), self.builder.stream, label="betaalruns")
        lines_of: dict[int, list] = {}
        for line in (
            Betaalregel.objects.filter(run__in=[r.pk for r in runs], vervallen=False)
            .order_by("run_id", "id")
            .values_list(
                "run_id",
                "end_to_end_id",
                "bedrag",
                "crediteur",
                "iban",
                "bic",
                "kenmerk",
                "periode",
            )
            .iterator(chunk_size=5000)
        ):
            lines_of.setdefault(line[0], []).append(line)
        done = []
        for index, run in enumerate(runs, start=1):
            account = self.accounts[run.municipality_id]
            start = timezone.make_aware(
                datetime(run.periode.year, run.periode.month, run.periode.day, 9)
            )
            exported = start + timedelta(hours=3)
            xml = sepa.credit_transfer_xml(
                msg_id=run.msg_id,
                created=timezone.localtime(exported),
                initiating_party=account.naam,
                debtor=sepa.Debtor(account.naam, account.iban, account.bic),
                execution_date=run.uitvoeringsdatum,
                transfers=[
                    sepa.Transfer(
                        end_to_end_id=e2e,
                        amount=amount,
                        creditor=creditor,
                        iban=iban,
                        bic=bic,
                        remittance=f"{kenmerk} {periode:%m-%Y}",
                    )
                    for _, e2e, amount, creditor, iban, bic, kenmerk, periode in lines_of[run.pk]
                ],
            )
            run.sepa_xml = xml
            run.sepa_sha256 = hashlib.sha256(xml).hexdigest()
            run.status = RunStatus.GEEXPORTEERD
            run.voorbereid_op = start
            run.geexporteerd_door_id = run.voorbereid_door_id
            run.geexporteerd_op = exported
            done.append(run)
            if len(done) == 100 or index == len(runs):
                Betaalrun.objects.bulk_update(
                    done,
                    [
                        "sepa_xml",
                        "sepa_sha256",
                        "status",
                        "voorbereid_op",
                        "geexporteerd_door",
                        "geexporteerd_op",
                    ],
                )
                done = []
                progress.update(index)
        progress.close()
        self.builder.counts["betaalruns"] = len(self.new_runs)
