"""URLs of the plans app for the role x URL matrix (tests/core/test_access_matrix.py):
world.person gets a vastgesteld PIP (version 1) with one voortgangsgesprek."""

from django.urls import reverse

from tests.factories import PIPDoelFactory, PIPFactory, PIPVersieFactory, VoortgangsgesprekFactory

PLANS_PERSON_PAGES = {
    "pip_overview",
    "pip_concept",
    "pip_versie",
    "pip_vaststellen",
    "pip_bekendmaking",
    "pip_beschikking",
    "voortgang_list",
    "voortgang_create",
    "voortgang_edit",
}
PLANS_POST_ONLY = {"pip_vaststellen", "pip_bekendmaking"}


def plans_url(name, world) -> str:
    pip = PIPFactory(inburgeraar=world.person)
    versie = PIPVersieFactory(pip=pip, nummer=1, vastgesteld=True, aanbieder=world.aanbieder)
    PIPDoelFactory(versie=versie)
    gesprek = VoortgangsgesprekFactory(pip=pip)
    person = world.person.pk
    if name in ("pip_versie", "pip_vaststellen", "pip_bekendmaking", "pip_beschikking"):
        return reverse(name, args=[person, versie.nummer])
    if name == "voortgang_edit":
        return reverse(name, args=[person, gesprek.pk])
    return reverse(name, args=[person])
