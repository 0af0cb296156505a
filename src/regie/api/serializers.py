"""Representations of the API: Dutch names (NL API design rules), camelCase, and only
the parts of a file the caller's roles may see (FieldGroup): an aanbieder never gets the
BSN, the address, the household or anything about health."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from regie.core.numbers import whole_number
from regie.core.roles import FieldGroup
from regie.exchange import services
from regie.exchange.models import (
    Afschaalverzoek,
    Afwezigheid,
    Examenresultaat,
    Lesuren,
    Voortgangsmeting,
)
from regie.people.models import EindeReden, Inburgeraar, VerblijfsvergunningChoice, Verwijzing
from regie.plans.models import PIP
from regie.work.models import Plaatsing, Uitstroom

NOT_REFERRED = "Onbekende inburgeraar, of niet (geaccepteerd) naar uw organisatie verwezen."


def _user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


class FieldGroupMixin:
    """Drops the fields whose FieldGroup the user may not see (all fields stay in the
    schema, none is required in a response)."""

    field_groups: dict[str, FieldGroup] = {}

    def get_fields(self):
        fields = super().get_fields()
        user = _user(self)
        if user is None or not hasattr(user, "sees"):
            return fields
        for name, group in self.field_groups.items():
            if name in fields and not user.sees(group):
                del fields[name]
        return fields


class InburgeraarSerializer(FieldGroupMixin, serializers.ModelSerializer):
    voornamen = serializers.CharField(source="first_name", read_only=True)
    achternaam = serializers.CharField(source="last_name", read_only=True)
    geboortedatum = serializers.DateField(source="date_of_birth", read_only=True)
    geslacht = serializers.CharField(source="gender", read_only=True)
    nationaliteit = serializers.CharField(source="nationality", read_only=True)
    talen = serializers.CharField(source="languages", read_only=True)
    tolkNodig = serializers.BooleanField(source="interpreter_needed", read_only=True)
    tolkTaal = serializers.CharField(source="interpreter_language", read_only=True)
    bsn = serializers.CharField(read_only=True)
    telefoon = serializers.CharField(source="phone", read_only=True)
    email = serializers.CharField(read_only=True)
    straat = serializers.CharField(source="street", read_only=True)
    huisnummer = serializers.CharField(source="house_number", read_only=True)
    postcode = serializers.CharField(read_only=True)
    woonplaats = serializers.CharField(source="city", read_only=True)
    gemeente = serializers.CharField(source="municipality.cbs_code", read_only=True)
    doelgroep = serializers.CharField(read_only=True)
    verblijfsvergunning = serializers.ChoiceField(
        choices=VerblijfsvergunningChoice.choices,
        read_only=True,
        help_text="asiel, gezin_asiel, gezin of overig (Wet inburgering 2021 art. 13, 19).",
    )
    regime = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    datumKennisgeving = serializers.DateField(
        source="kennisgeving_date", read_only=True, allow_null=True
    )
    datumInschrijvingBrp = serializers.DateField(source="brp_date", read_only=True, allow_null=True)
    datumHuisvesting = serializers.DateField(source="housing_date", read_only=True, allow_null=True)
    huishouden = serializers.IntegerField(source="household_id", read_only=True, allow_null=True)
    rolInHuishouden = serializers.CharField(source="household_role", read_only=True)

    field_groups = {
        "bsn": FieldGroup.BSN,
        "telefoon": FieldGroup.CONTACT,
        "email": FieldGroup.CONTACT,
        "straat": FieldGroup.ADDRESS,
        "huisnummer": FieldGroup.ADDRESS,
        "postcode": FieldGroup.ADDRESS,
        "woonplaats": FieldGroup.ADDRESS,
        "huishouden": FieldGroup.HOUSEHOLD,
        "rolInHuishouden": FieldGroup.HOUSEHOLD,
        "doelgroep": FieldGroup.CASE,
        "verblijfsvergunning": FieldGroup.CASE,
        "regime": FieldGroup.CASE,
        "status": FieldGroup.CASE,
        "gemeente": FieldGroup.CASE,
        "datumKennisgeving": FieldGroup.CASE,
        "datumInschrijvingBrp": FieldGroup.CASE,
        "datumHuisvesting": FieldGroup.CASE,
    }

    class Meta:
        model = Inburgeraar
        fields = [
            "id",
            "voornamen",
            "achternaam",
            "geboortedatum",
            "geslacht",
            "nationaliteit",
            "talen",
            "tolkNodig",
            "tolkTaal",
            "bsn",
            "telefoon",
            "email",
            "straat",
            "huisnummer",
            "postcode",
            "woonplaats",
            "gemeente",
            "doelgroep",
            "verblijfsvergunning",
            "regime",
            "status",
            "datumKennisgeving",
            "datumInschrijvingBrp",
            "datumHuisvesting",
            "huishouden",
            "rolInHuishouden",
        ]


class VerwijzingSerializer(serializers.ModelSerializer):
    inburgeraar = serializers.IntegerField(source="inburgeraar_id", min_value=1, max_value=2**53)
    aanbieder = serializers.IntegerField(source="aanbieder_id", min_value=1, max_value=2**53)
    aanbiederNaam = serializers.CharField(source="aanbieder.name", read_only=True)
    pipVersie = serializers.IntegerField(
        source="pip_versie_nummer", read_only=True, allow_null=True
    )
    duurMaanden = serializers.IntegerField(source="duur_maanden", read_only=True, allow_null=True)
    lesurenPerWeek = serializers.DecimalField(
        source="lesuren_per_week", max_digits=4, decimal_places=1, read_only=True, allow_null=True
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    startdatum = serializers.DateField(source="start_date", read_only=True, allow_null=True)
    einddatum = serializers.DateField(source="end_date", read_only=True, allow_null=True)
    eindeReden = serializers.CharField(source="einde_reden", read_only=True)
    aangemaaktOp = serializers.DateTimeField(source="created_at", read_only=True)
    beantwoordOp = serializers.DateTimeField(
        source="beantwoord_op", read_only=True, allow_null=True
    )

    class Meta:
        model = Verwijzing
        fields = [
            "id",
            "inburgeraar",
            "aanbieder",
            "aanbiederNaam",
            "status",
            "leerroute",
            "pipVersie",
            "duurMaanden",
            "lesurenPerWeek",
            "toelichting",
            "startdatum",
            "einddatum",
            "eindeReden",
            "afwijzingsreden",
            "aangemaaktOp",
            "beantwoordOp",
        ]
        read_only_fields = ["status", "leerroute", "afwijzingsreden"]


class AccepterenSerializer(serializers.Serializer):
    startdatum = serializers.DateField()


class AfwijzenSerializer(serializers.Serializer):
    reden = serializers.CharField(max_length=2000)


class BeeindigenSerializer(serializers.Serializer):
    einddatum = serializers.DateField()
    reden = serializers.ChoiceField(choices=EindeReden.choices)


class PIPSerializer(serializers.ModelSerializer):
    """The PIP in force (its last vastgestelde version); no goals: those may hold health
    data and belong to the case file."""

    inburgeraar = serializers.IntegerField(source="inburgeraar_id", read_only=True)
    versie = serializers.SerializerMethodField()
    leerroute = serializers.SerializerMethodField()
    aanbieder = serializers.SerializerMethodField()
    duurMaanden = serializers.SerializerMethodField()
    lesurenPerWeek = serializers.SerializerMethodField()
    dagtekening = serializers.SerializerMethodField()
    termijnStart = serializers.SerializerMethodField()
    termijnEinde = serializers.SerializerMethodField()

    class Meta:
        model = PIP
        fields = [
            "id",
            "inburgeraar",
            "versie",
            "leerroute",
            "aanbieder",
            "duurMaanden",
            "lesurenPerWeek",
            "dagtekening",
            "termijnStart",
            "termijnEinde",
        ]

    def _current(self, pip):
        versies = getattr(pip, "vastgestelde", [])
        return versies[-1] if versies else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_versie(self, pip):
        v = self._current(pip)
        return v.nummer if v else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_leerroute(self, pip):
        v = self._current(pip)
        return v.leerroute if v else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_aanbieder(self, pip):
        v = self._current(pip)
        return v.aanbieder_id if v else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_duurMaanden(self, pip):  # noqa: N802 - the API's field name
        v = self._current(pip)
        return v.duur_maanden if v else None

    @extend_schema_field(serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True))
    def get_lesurenPerWeek(self, pip):  # noqa: N802
        v = self._current(pip)
        return None if v is None or v.lesuren_per_week is None else f"{v.lesuren_per_week:.1f}"

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_dagtekening(self, pip):
        v = self._current(pip)
        return v.dagtekening if v else None

    def _termijn(self, pip):
        from regie.people.termijn import termijn_from

        versies = getattr(pip, "vastgestelde", [])
        rows = getattr(pip.inburgeraar, "termijn_rows", None)
        if rows is None:
            rows = list(pip.inburgeraar.termijnwijzigingen.all())
        found = termijn_from(rows, versies[0].dagtekening if versies else None)
        return (found.start, found.einde) if found else None

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_termijnStart(self, pip):  # noqa: N802
        t = self._termijn(pip)
        return t[0] if t else None

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_termijnEinde(self, pip):  # noqa: N802
        t = self._termijn(pip)
        return t[1] if t else None


class ReferredPersonField(serializers.PrimaryKeyRelatedField):
    def to_internal_value(self, data):
        if whole_number(data) is None:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


def not_in_future(value):
    from django.utils import timezone

    if value > timezone.localdate():
        raise serializers.ValidationError("De datum ligt in de toekomst.")
    return value


class ReportSerializer(serializers.ModelSerializer):
    """Base of what an aanbieder reports: the person must have an accepted referral to
    the caller's organisation; the aanbieder is the caller's organisation."""

    inburgeraar = ReferredPersonField(
        queryset=Inburgeraar.objects.none(),
        error_messages={"does_not_exist": NOT_REFERRED, "incorrect_type": NOT_REFERRED},
    )
    aanbieder = serializers.IntegerField(source="aanbieder_id", read_only=True)
    geregistreerdOp = serializers.DateTimeField(source="updated_at", read_only=True)

    def get_fields(self):
        fields = super().get_fields()
        user = _user(self)
        request = self.context.get("request")
        # The persons one may report on matter only for input: a GET or HEAD (a list of
        # 50 reports) does not build that queryset.
        if getattr(request, "method", None) in ("GET", "HEAD"):
            return fields
        if user is not None and user.is_authenticated:
            fields["inburgeraar"].queryset = services.referred_persons(user)
        return fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["inburgeraar"] = instance.inburgeraar_id
        return data

    def validate_datum(self, value):
        return not_in_future(value)

    def create(self, validated_data):
        user = _user(self)
        validated_data["aanbieder_id"] = user.organisation_id
        validated_data["geregistreerd_door"] = user.username
        return super().create(validated_data)


class LesurenSerializer(ReportSerializer):
    maand = serializers.DateField(help_text="Een dag in de maand; opgeslagen als de eerste.")
    urenAangeboden = serializers.DecimalField(
        source="uren_aangeboden", max_digits=5, decimal_places=1, min_value=0, max_value=200
    )
    urenAanwezig = serializers.DecimalField(
        source="uren_aanwezig", max_digits=5, decimal_places=1, min_value=0, max_value=200
    )
    aanwezigheidProcent = serializers.IntegerField(
        source="aanwezigheid_procent", read_only=True, allow_null=True
    )

    class Meta:
        model = Lesuren
        validators = []
        fields = [
            "id",
            "inburgeraar",
            "aanbieder",
            "maand",
            "urenAangeboden",
            "urenAanwezig",
            "aanwezigheidProcent",
            "geregistreerdOp",
        ]


class AfwezigheidSerializer(ReportSerializer):
    uren = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=Decimal("0.5"), max_value=Decimal(12)
    )

    class Meta:
        model = Afwezigheid
        validators = []
        fields = [
            "id",
            "inburgeraar",
            "aanbieder",
            "datum",
            "uren",
            "reden",
            "toelichting",
            "geregistreerdOp",
        ]


class VoortgangsmetingSerializer(ReportSerializer):
    class Meta:
        model = Voortgangsmeting
        validators = []
        fields = [
            "id",
            "inburgeraar",
            "aanbieder",
            "datum",
            "vaardigheid",
            "niveau",
            "toelichting",
            "geregistreerdOp",
        ]


class ExamenresultaatSerializer(ReportSerializer):
    niveau = serializers.ChoiceField(
        choices=[("B1", "B1"), ("A2", "A2")],
        required=False,
        allow_blank=True,
        help_text="B1 of A2 voor de taalonderdelen; leeg voor KNM.",
    )

    class Meta:
        model = Examenresultaat
        validators = []
        fields = [
            "id",
            "inburgeraar",
            "aanbieder",
            "datum",
            "onderdeel",
            "niveau",
            "uitslag",
            "geregistreerdOp",
        ]

    def validate(self, attrs):
        knm = attrs.get("onderdeel") == "knm"
        niveau = attrs.get("niveau", "")
        if knm and niveau:
            raise serializers.ValidationError({"niveau": "KNM heeft geen niveau; laat het leeg."})
        if not knm and niveau not in ("B1", "A2"):
            raise serializers.ValidationError({"niveau": "Kies B1 of A2 voor een taalonderdeel."})
        return attrs


class AfschaalverzoekSerializer(ReportSerializer):
    lesurenBijIndienen = serializers.DecimalField(
        source="lesuren_bij_indienen", max_digits=6, decimal_places=1, read_only=True
    )
    besluitToelichting = serializers.CharField(source="besluit_toelichting", read_only=True)
    beslotenOp = serializers.DateTimeField(source="besloten_op", read_only=True, allow_null=True)
    motivering = serializers.CharField(max_length=2000)

    class Meta:
        model = Afschaalverzoek
        validators = []
        fields = [
            "id",
            "inburgeraar",
            "aanbieder",
            "onderdeel",
            "motivering",
            "lesurenBijIndienen",
            "status",
            "besluitToelichting",
            "beslotenOp",
            "geregistreerdOp",
        ]
        read_only_fields = ["status"]


class UploadSerializer(serializers.Serializer):
    bestand = serializers.FileField(help_text="CSV of XLSX met lesuren per persoon per maand.")


class RowReportSerializer(serializers.Serializer):
    rij = serializers.IntegerField()
    actie = serializers.CharField()
    sleutel = serializers.CharField()
    meldingen = serializers.ListField(child=serializers.CharField())


class ImportReportSerializer(serializers.Serializer):
    toegepast = serializers.BooleanField()
    bestandsfout = serializers.CharField()
    aantallen = serializers.DictField(child=serializers.IntegerField())
    rijen = RowReportSerializer(many=True)


class PlaatsingSerializer(serializers.ModelSerializer):
    """A placement of a person on a plek (participatie en werk); no free texts."""

    inburgeraar = serializers.IntegerField(source="inburgeraar_id", read_only=True)
    werkgever = serializers.CharField(source="plek.werkgever.name", read_only=True)
    plek = serializers.CharField(source="plek.title", read_only=True)
    soort = serializers.CharField(source="plek.soort", read_only=True)
    urenPerWeek = serializers.IntegerField(source="hours_per_week", read_only=True)
    dagen = serializers.CharField(source="days", read_only=True)
    stopReden = serializers.CharField(source="stop_reden", read_only=True)

    class Meta:
        model = Plaatsing
        fields = [
            "id",
            "inburgeraar",
            "werkgever",
            "plek",
            "soort",
            "start",
            "end",
            "urenPerWeek",
            "dagen",
            "status",
            "stopReden",
        ]
        extra_kwargs = {"start": {"read_only": True}, "end": {"read_only": True}}


class UitstroomSerializer(serializers.ModelSerializer):
    """Where a person went and when; the facts of its kind, no free text."""

    inburgeraar = serializers.IntegerField(source="inburgeraar_id", read_only=True)
    urenPerWeek = serializers.IntegerField(source="uren_per_week", read_only=True, allow_null=True)
    eindePlicht = serializers.CharField(source="einde_plicht", read_only=True)

    class Meta:
        model = Uitstroom
        fields = [
            "id",
            "inburgeraar",
            "soort",
            "datum",
            "urenPerWeek",
            "contract",
            "sector",
            "opleiding",
            "niveau",
            "bijstand",
            "eindePlicht",
        ]
        read_only_fields = fields
