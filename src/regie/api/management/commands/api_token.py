"""`regie api_token create USERNAME --name NAAM [--scopes ...] [--days N]` makes a token
and prints it once; `regie api_token list`; `regie api_token revoke PREFIX`.
`--system-user ORGANISATIE` first makes (or reuses) a system user with the role aanbieder
in that organisation, for a taalaanbieder's own administration system."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.text import slugify

from regie.api.models import ApiToken
from regie.core.models import Organisation, RoleAssignment, User
from regie.core.roles import Role


class Command(BaseCommand):
    help = "API-tokens voor systemen maken, tonen en intrekken."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("username", nargs="?")
        create.add_argument("--system-user", metavar="ORGANISATIE")
        create.add_argument("--name", required=True)
        create.add_argument("--scopes", default="")
        create.add_argument("--days", type=int, default=365)
        sub.add_parser("list")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("prefix")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "list":
            for token in ApiToken.objects.select_related("user"):
                state = "ingetrokken" if token.revoked_at else f"tot {token.expires_on}"
                self.stdout.write(
                    f"{token.prefix}  {token.user.username:<25} {token.name}  {state}"
                )
            return
        if action == "revoke":
            updated = ApiToken.objects.filter(prefix=options["prefix"], revoked_at__isnull=True)
            if not updated.update(revoked_at=timezone.now()):
                raise CommandError("Geen actief token met dit voorvoegsel.")
            self.stdout.write("Ingetrokken.")
            return
        if options["system_user"]:
            org = Organisation.objects.filter(name=options["system_user"]).first()
            if org is None:
                raise CommandError("Onbekende organisatie.")
            user, created = User.objects.get_or_create(
                username=f"systeem-{slugify(org.name)}"[:150],
                defaults={"organisation": org, "first_name": "Systeem", "last_name": org.name},
            )
            if created:
                user.set_unusable_password()
                user.save()
                RoleAssignment.objects.create(user=user, role=Role.AANBIEDER)
        else:
            user = User.objects.filter(username=options["username"] or "").first()
            if user is None:
                raise CommandError("Onbekende gebruiker.")
        expires = timezone.localdate() + timedelta(days=options["days"])
        _token, raw = ApiToken.issue(user, options["name"], options["scopes"], expires)
        self.stdout.write(f"Token voor {user.username} (geldig tot {expires}); bewaar het nu:")
        self.stdout.write(raw)
