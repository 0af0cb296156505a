"""The API's resources under /api/v1. Every viewset goes through ScopedViewSetMixin (scope,
declared permissions, audit); the decisions are the same services the portal pages use."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from regie.api import serializers as s
from regie.api.base import ScopedViewSetMixin
from regie.api.problems import PROBLEM_CONTENT_TYPE, problem_with
from regie.core.models import Organisation
from regie.core.numbers import MAX_ID
from regie.core.roles import OrganisationType, Permission
from regie.exchange import imports, services
from regie.exchange.adapters.base import FormatError, adapter
from regie.exchange.models import (
    Afschaalverzoek,
    Afwezigheid,
    Examenresultaat,
    Lesuren,
    Voortgangsmeting,
)
from regie.people.models import (
    Doelgroep,
    Inburgeraar,
    RegimeChoice,
    StatusChoice,
    Verwijzing,
    VerwijzingStatus,
)
from regie.plans.models import PIP, PIPVersie, VersieStatus
from regie.work.models import Plaatsing, PlaatsingStatus, Uitstroom, UitstroomSoort


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(filters.NumberFilter):
    """An id: the schema says what the filter accepts (issue 17: schemathesis sent 0, which
    the schema allowed and the filter refused)."""


def id_filter(field_name: str, label: str):
    # A number, not a choice: an unknown id filters to nothing instead of disclosing
    # whether that person exists.
    return IdFilter(
        field_name=field_name, label=label, min_value=1, max_value=MAX_ID, decimal_places=0
    )


class InburgeraarFilter(filters.FilterSet):
    # Choices, not free text: the schema lists the values a client may send, and any other
    # value is a 400 naming the parameter (a free-text filter with a hidden length limit
    # refused values the schema allowed).
    status = filters.ChoiceFilter(field_name="status", choices=StatusChoice.choices)
    doelgroep = filters.ChoiceFilter(field_name="doelgroep", choices=Doelgroep.choices)
    regime = filters.ChoiceFilter(field_name="regime", choices=RegimeChoice.choices)
    achternaam = filters.CharFilter(field_name="last_name", lookup_expr="icontains", max_length=100)

    class Meta:
        model = Inburgeraar
        fields = ["status", "doelgroep", "regime", "achternaam"]


class InburgeraarViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Inburgeraars in the caller's scope; fields by what the caller's roles may see."""

    queryset = Inburgeraar.objects.select_related("municipality").order_by("id")
    serializer_class = s.InburgeraarSerializer
    filterset_class = InburgeraarFilter
    audit_what = "inburgeraar"


class VerwijzingFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=VerwijzingStatus.choices)
    inburgeraar = id_filter("inburgeraar_id", "inburgeraar")
    aanbieder = id_filter("aanbieder_id", "aanbieder")

    class Meta:
        model = Verwijzing
        fields = ["status", "inburgeraar", "aanbieder"]


class VerwijzingViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Referrals: made by the klantmanager from the PIP, answered by the aanbieder."""

    queryset = Verwijzing.objects.select_related("aanbieder").order_by("-created_at", "-id")
    serializer_class = s.VerwijzingSerializer
    filterset_class = VerwijzingFilter
    audit_what = "verwijzing"
    action_permissions = {
        "create": Permission.VERWIJZING_MANAGE,
        "accepteren": Permission.VERWIJZING_RESPOND,
        "afwijzen": Permission.VERWIJZING_RESPOND,
        "beeindigen": Permission.AANBIEDER_REPORT,
    }
    field_names = {
        "start_date": "startdatum",
        "afwijzingsreden": "reden",
        "end_date": "einddatum",
        "einde_reden": "reden",
    }

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        person = (
            Inburgeraar.objects.for_user(request.user)
            .select_related("municipality")
            .filter(pk=data["inburgeraar_id"] if data["inburgeraar_id"] <= MAX_ID else 0)
            .first()
        )
        aanbieder = Organisation.objects.filter(
            pk=data["aanbieder_id"] if data["aanbieder_id"] <= MAX_ID else 0,
            type=OrganisationType.AANBIEDER,
        ).first()
        errors = {}
        if person is None:
            errors["inburgeraar"] = ["Onbekende inburgeraar."]
        if aanbieder is None:
            errors["aanbieder"] = ["Onbekende aanbieder."]
        if errors:
            raise s.serializers.ValidationError(errors)
        try:
            verwijzing = services.create_verwijzing(
                person, aanbieder, request.user, data.get("toelichting", "")
            )
        except DjangoValidationError as exc:
            raise self.service_errors(exc) from None
        return Response(self.get_serializer(verwijzing).data, status=status.HTTP_201_CREATED)

    def _answer(self, request, serializer_class, do):
        verwijzing = self.get_object()
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            verwijzing = do(verwijzing, serializer.validated_data)
        except DjangoValidationError as exc:
            raise self.service_errors(exc) from None
        return Response(self.get_serializer(verwijzing).data)

    @extend_schema(request=s.AccepterenSerializer, responses=s.VerwijzingSerializer)
    @action(detail=True, methods=["post"])
    def accepteren(self, request, pk=None):
        return self._answer(
            request,
            s.AccepterenSerializer,
            lambda v, d: services.accept_verwijzing(v, request.user, d["startdatum"]),
        )

    @extend_schema(request=s.AfwijzenSerializer, responses=s.VerwijzingSerializer)
    @action(detail=True, methods=["post"])
    def afwijzen(self, request, pk=None):
        return self._answer(
            request,
            s.AfwijzenSerializer,
            lambda v, d: services.reject_verwijzing(v, request.user, d["reden"]),
        )

    @extend_schema(request=s.BeeindigenSerializer, responses=s.VerwijzingSerializer)
    @action(detail=True, methods=["post"])
    def beeindigen(self, request, pk=None):
        return self._answer(
            request,
            s.BeeindigenSerializer,
            lambda v, d: services.end_traject(v, request.user, d["einddatum"], d["reden"]),
        )


class PIPViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The PIP in force per person (route, intensity, termijn); read only."""

    queryset = PIP.objects.prefetch_related(
        Prefetch(
            "versies",
            queryset=PIPVersie.objects.filter(status=VersieStatus.VASTGESTELD).order_by("nummer"),
            to_attr="vastgestelde",
        ),
        # The person's termijn (taken over after a move, extended by DUO).
        Prefetch("inburgeraar__termijnwijzigingen", to_attr="termijn_rows"),
    ).order_by("id")
    serializer_class = s.PIPSerializer
    read_permission = Permission.PIP_VIEW
    audit_what = "PIP"

    class Filter(filters.FilterSet):
        inburgeraar = id_filter("inburgeraar_id", "inburgeraar")

        class Meta:
            model = PIP
            fields = ["inburgeraar"]

    filterset_class = Filter


class ReportViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Base of the aanbieder's reports: read by whoever sees the person (the aanbieder
    only its own), written by the aanbieder."""

    action_permissions = {"create": Permission.AANBIEDER_REPORT}

    def perform_create(self, serializer):
        try:
            serializer.save()
        except DjangoValidationError as exc:
            raise self.service_errors(exc) from None


class LesurenFilter(filters.FilterSet):
    inburgeraar = id_filter("inburgeraar_id", "inburgeraar")
    maandVanaf = filters.DateFilter(field_name="maand", lookup_expr="gte")
    maandTot = filters.DateFilter(field_name="maand", lookup_expr="lte")

    class Meta:
        model = Lesuren
        fields = ["inburgeraar", "maandVanaf", "maandTot"]


class LesurenViewSet(ReportViewSet):
    """Hours offered and attended per person per month. POST registers a month, or
    corrects it when it was registered before (200 instead of 201)."""

    queryset = Lesuren.objects.order_by("-maand", "id")
    serializer_class = s.LesurenSerializer
    filterset_class = LesurenFilter
    audit_what = "lesuren"
    action_permissions = {
        "create": Permission.AANBIEDER_REPORT,
        "upload": Permission.AANBIEDER_REPORT,
    }
    field_names = {"uren_aangeboden": "urenAangeboden", "uren_aanwezig": "urenAanwezig"}

    @extend_schema(responses={200: s.LesurenSerializer, 201: s.LesurenSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            record, what = services.register_lesuren(
                request.user,
                data["inburgeraar"],
                data["maand"],
                data["uren_aangeboden"],
                data["uren_aanwezig"],
            )
        except DjangoValidationError as exc:
            raise self.service_errors(exc) from None
        code = status.HTTP_201_CREATED if what == "nieuw" else status.HTTP_200_OK
        return Response(self.get_serializer(record).data, status=code)

    @extend_schema(
        request={"multipart/form-data": s.UploadSerializer},
        responses={
            200: OpenApiResponse(s.ImportReportSerializer, "Alle rijen verwerkt."),
            400: OpenApiResponse(
                s.ImportReportSerializer,
                "Er is niets verwerkt: zie de rijen (problem+json met het verslag).",
            ),
        },
    )
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def upload(self, request):
        """Bulk upload (CSV or XLSX): all rows or none, with a report of every row."""
        upload = s.UploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        bestand = upload.validated_data["bestand"]
        try:
            rows = adapter("lesuren").read_lesuren(bestand, bestand.name)
        except FormatError as exc:
            from regie.exchange.adapters.base import ImportReport

            report = ImportReport(file_error=str(exc))
        else:
            report = imports.import_lesuren(request.user, rows, bestand.name)
        if report.applied:
            return Response(report.as_dict(), status=status.HTTP_200_OK)
        # Refused: a problem (RFC 9457) whose extension members are the report.
        return Response(
            problem_with(report.as_dict(), status.HTTP_400_BAD_REQUEST, request.path),
            status=status.HTTP_400_BAD_REQUEST,
            content_type=PROBLEM_CONTENT_TYPE,
        )


class PersonFilter(filters.FilterSet):
    inburgeraar = id_filter("inburgeraar_id", "inburgeraar")


class AfwezigheidViewSet(ReportViewSet):
    queryset = Afwezigheid.objects.order_by("-datum", "-id")
    serializer_class = s.AfwezigheidSerializer
    audit_what = "afwezigheid"

    class Filter(PersonFilter):
        class Meta:
            model = Afwezigheid
            fields = ["inburgeraar", "reden"]

    filterset_class = Filter


class VoortgangsmetingViewSet(ReportViewSet):
    queryset = Voortgangsmeting.objects.order_by("-datum", "-id")
    serializer_class = s.VoortgangsmetingSerializer
    audit_what = "voortgangsmeting"

    class Filter(PersonFilter):
        class Meta:
            model = Voortgangsmeting
            fields = ["inburgeraar", "vaardigheid"]

    filterset_class = Filter


class ExamenresultaatViewSet(ReportViewSet):
    queryset = Examenresultaat.objects.order_by("-datum", "-id")
    serializer_class = s.ExamenresultaatSerializer
    audit_what = "examenresultaat"

    class Filter(PersonFilter):
        class Meta:
            model = Examenresultaat
            fields = ["inburgeraar", "onderdeel", "uitslag"]

    filterset_class = Filter


class AfschaalverzoekViewSet(ReportViewSet):
    """Requests to examine one language part at A2 (Wi 2021 art. 17 lid 3): refused
    below 600 lesuren NT2; decided by the klantmanager in the UI."""

    queryset = Afschaalverzoek.objects.order_by("-created_at", "-id")
    serializer_class = s.AfschaalverzoekSerializer
    audit_what = "afschaalverzoek"

    class Filter(PersonFilter):
        class Meta:
            model = Afschaalverzoek
            fields = ["inburgeraar", "status", "onderdeel"]

    filterset_class = Filter

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            verzoek = services.request_afschalen(
                request.user, data["inburgeraar"], data["onderdeel"], data["motivering"]
            )
        except DjangoValidationError as exc:
            raise self.service_errors(exc) from None
        return Response(self.get_serializer(verzoek).data, status=status.HTTP_201_CREATED)


class PlaatsingViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Placements (werkervaringsplek, stage, vrijwilligerswerk, betaald werk) of the
    persons the caller may see; read only."""

    queryset = Plaatsing.objects.select_related("plek__werkgever").order_by("id")
    serializer_class = s.PlaatsingSerializer
    read_permission = Permission.WORK_VIEW
    audit_what = "plaatsing"

    class Filter(filters.FilterSet):
        inburgeraar = id_filter("inburgeraar_id", "inburgeraar")
        status = filters.ChoiceFilter(choices=PlaatsingStatus.choices)

        class Meta:
            model = Plaatsing
            fields = ["inburgeraar", "status"]

    filterset_class = Filter


class UitstroomViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Recorded outflow (work, education, out of bijstand, moving, end of the plicht) of
    the persons the caller may see; read only."""

    queryset = Uitstroom.objects.order_by("id")
    serializer_class = s.UitstroomSerializer
    read_permission = Permission.WORK_VIEW
    audit_what = "uitstroom"

    class Filter(filters.FilterSet):
        inburgeraar = id_filter("inburgeraar_id", "inburgeraar")
        soort = filters.ChoiceFilter(choices=UitstroomSoort.choices)

        class Meta:
            model = Uitstroom
            fields = ["inburgeraar", "soort"]

    filterset_class = Filter
