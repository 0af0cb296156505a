"""What the financieel medewerker sees on the run pages: the TARGET2 execution date, the
explicit 'Posten toevoegen' step, the refused approval, the inhaalrun and the signal of
arrears in the werkvoorraad."""

from datetime import date

import pytest
from django.urls import reverse

from regie.core.extensions import werkvoorraad
from regie.core.roles import Role
from regie.finance import services
from regie.finance.models import Betaalrun, RunStatus
from tests.factories import BetaalPostFactory, UserFactory

pytestmark = pytest.mark.django_db


def _prepare(client, fin, month):
    return client.post(
        reverse("betaalrun_create"),
        {"gemeente": fin.world.municipality.pk, "maand": month},
        follow=True,
    ).content.decode()


def test_the_january_run_asks_for_execution_on_4_january(fin, client_for, travel):
    travel("2026-12-20")
    fin.ontzorging.end_date = date(2027, 2, 28)
    fin.ontzorging.save()
    page = _prepare(client_for(fin.preparer), fin, "2027-01")
    assert "Betaalrun januari 2027" in page
    assert "Gewenste uitvoeringsdatum</dt><dd>4 januari 2027" in page


def test_new_posts_are_added_only_by_the_explicit_step(fin, client_for, travel):
    travel("2026-09-02")
    # (one test client: client_for logs the given user in on it)
    _prepare(client_for(fin.preparer), fin, "2026-09")
    run = Betaalrun.objects.get()
    BetaalPostFactory(ontzorging=fin.ontzorging, iban="NL93BNGH0285052871")
    approver = client_for(fin.approver)
    page = _prepare(approver, fin, "2026-09")
    assert "Die is niet veranderd" in page
    assert "1 nieuwe post voor deze maand" in page
    assert "Posten toevoegen aan deze run" in page
    assert services.run_totals(run)[0] == 2
    # The colleague adds them, and so can no longer approve.
    page = approver.post(reverse("betaalrun_add_posts", args=[run.pk]), follow=True)
    page = page.content.decode()
    assert "1 posten zijn aan de run toegevoegd" in page
    assert "U hebt posten aan deze run toegevoegd; een collega die hem niet" in page
    assert "goedkeuren (vier ogen)</button>" not in page
    assert "Gewijzigd door" in page
    approver.post(reverse("betaalrun_approve", args=[run.pk]), {"hash": "x"})
    run.refresh_from_db()
    assert run.status == RunStatus.CONCEPT
    # Neither the preparer: the werkvoorraad of both stays empty, a third sees the run.
    third = UserFactory(
        username="financieel3",
        organisation=fin.world.uitvoerder,
        team=fin.preparer.team,
        roles=[Role.FINANCIEEL],
    )
    today = date(2026, 9, 2)
    for user, expected in ((fin.preparer, 0), (fin.approver, 0), (third, 1)):
        [section] = [s for s in werkvoorraad(user, today) if s.key == "runs_approval"]
        assert len(section.items) == expected, user


def test_an_approval_of_lines_that_changed_is_refused(fin, client_for, travel):
    travel("2026-09-02")
    _prepare(client_for(fin.preparer), fin, "2026-09")
    run = Betaalrun.objects.get()
    approver = client_for(fin.approver)
    page = approver.get(reverse("betaalrun_detail", args=[run.pk])).content.decode()
    assert "Deze 2 betalingen van € 770,50 goedkeuren (vier ogen)" in page
    shown = services.lines_hash(run)
    run.regels.filter(post=fin.rent).update(iban="NL93BNGH0285052871")
    page = approver.post(
        reverse("betaalrun_approve", args=[run.pk]), {"hash": shown}, follow=True
    ).content.decode()
    assert "De betalingen van deze run zijn veranderd sinds u de pagina opende" in page
    run.refresh_from_db()
    assert run.status == RunStatus.CONCEPT


def test_arrears_are_signalled_and_paid_in_an_inhaalrun(fin, client_for, travel):
    travel("2026-09-02")
    preparer = client_for(fin.preparer)
    _prepare(preparer, fin, "2026-09")
    run = Betaalrun.objects.get()
    services.approve_run(run, fin.approver)
    services.export_run(run, fin.preparer)
    BetaalPostFactory(
        ontzorging=fin.ontzorging, iban="NL93BNGH0285052871", gecontroleerd_door=fin.approver
    )
    travel("2026-10-05")
    preparer = client_for(fin.preparer)  # a new day, a new login
    page = preparer.get(reverse("home")).content.decode()
    assert "Achterstallige posten" in page
    assert "1 achterstallige post: de run van september 2026 is al geëxporteerd" in page
    page = _prepare(preparer, fin, "2026-09")
    assert "Inhaalrun september 2026" in page
    assert "Dit is een inhaalrun: de betaalrun van september 2026 is al geëxporteerd" in page
    assert "Inhaalrun gemaakt met 1 posten" in page
    listing = preparer.get(reverse("betaalrun_list")).content.decode()
    assert "inhaalrun" in listing


def test_the_arrears_signal_does_a_constant_number_of_queries(
    fin, travel, django_assert_max_num_queries
):
    travel("2026-09-02")
    run = services.create_run(fin.world.municipality, date(2026, 9, 1), fin.preparer).run
    services.approve_run(run, fin.approver)
    services.export_run(run, fin.preparer)
    ibans = ["NL93BNGH0285052871", "NL91ABNA0417164300", "NL39RABO0300065264"]
    BetaalPostFactory(ontzorging=fin.ontzorging, iban=ibans[0], gecontroleerd_door=fin.approver)
    today = date(2026, 10, 5)
    with django_assert_max_num_queries(10) as few:
        assert services.arrears(fin.preparer, today)[0].count == 1
    for iban in ibans[1:]:
        BetaalPostFactory(ontzorging=fin.ontzorging, iban=iban, gecontroleerd_door=fin.approver)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert services.arrears(fin.preparer, today)[0].count == 3
