"""The platform's entries in the main menu (apps register their own in ready())."""

from django.utils.translation import gettext_lazy as _

from regie.core.extensions import menu_item
from regie.core.roles import Permission

menu_item(_("Inburgeraars"), "person_list", Permission.PEOPLE_VIEW, order=10)
menu_item(_("Organisaties"), "organisation_list", Permission.ORGANISATIONS_VIEW, order=80)
menu_item(_("Gebruikers"), "user_list", Permission.USERS_MANAGE, order=85)
menu_item(_("Inlogdiensten"), "identity_provider_list", Permission.USERS_MANAGE, order=86)
menu_item(_("Toegang"), "grant_list", Permission.GRANTS_MANAGE, order=86)
menu_item(_("Auditlog"), "audit_log", Permission.AUDIT_VIEW, order=90)
menu_item(_("Voorstellen"), "proposal_list", Permission.USERS_MANAGE, order=87)
menu_item(
    _("Gemeente overdragen"), "municipality_transfer", Permission.MUNICIPALITY_TRANSFER, order=88
)
