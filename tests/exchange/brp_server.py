"""A local BRP API (Haal Centraal BRP Personen bevragen 2.7.0) that serves fixture persons
AND validates against the official specification (src/regie/exchange/specs/): every
request Regie sends (path, method, content type, body against ``PersonenQuery``) and
every response it gives (against the response schemas of the spec, including the error
answers ``Foutbericht`` / ``BadRequestFoutbericht``). A response that does not match the
spec is not sent: it is recorded in ``errors`` and the tests fail on it.

OpenAPI 3.1 schemas are JSON Schema 2020-12 (validated with jsonschema), plus the OpenAPI
``discriminator`` keyword, which jsonschema does not know: it is added here (the mapped
schema of the ``type`` value must hold too).

Like a gateway, it checks the API key (401), the protocollering headers it requires and
the fields the afnemer is authorised for (403), and answers 400 with ``invalidParams``
for a request the spec does not allow."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jsonschema
import yaml

SPEC_PATH = Path(__file__).resolve().parents[2] / "src/regie/exchange/specs/brp-personen-2.7.0.yaml"
CONTENT_TYPE = "application/json; charset=utf-8"
TRACEPARENT = re.compile(r"^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")

_SPEC = None


def spec() -> dict:
    global _SPEC
    if _SPEC is None:
        _SPEC = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return _SPEC


_active = threading.local()


def _discriminator(validator, value, instance, schema):
    """OpenAPI's discriminator: the schema mapped to the instance's ``type`` holds too.
    The mapped schema refers back to this one (allOf); the guard stops the loop."""
    if not validator.is_type(instance, "object"):
        return
    name = instance.get(value["propertyName"])
    target = value.get("mapping", {}).get(name)
    if target is None:
        yield jsonschema.ValidationError(
            f"{value['propertyName']} {name!r} is not one of {sorted(value.get('mapping', {}))}"
        )
        return
    active = getattr(_active, "seen", None)
    if active is None:
        active = _active.seen = set()
    key = (id(instance), target)
    if key in active:
        return
    active.add(key)
    try:
        yield from validator.descend(instance, {"$ref": target})
    finally:
        active.discard(key)


Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator, {"discriminator": _discriminator}
)


def errors(instance, schema_name: str) -> list[jsonschema.ValidationError]:
    """The ways ``instance`` breaks ``#/components/schemas/<schema_name>`` of the spec."""
    root = {**spec(), "$ref": f"#/components/schemas/{schema_name}"}
    validator = Validator(root, format_checker=jsonschema.FormatChecker())
    return list(validator.iter_errors(instance))


def response_schema(status: int) -> str:
    """The schema the spec gives the answer with this status (the operation's responses)."""
    if status == 200:
        return "PersonenQueryResponse"
    if status == 400:
        return "BadRequestFoutbericht"
    return "Foutbericht"


def select(value, paths: list[list[str]]):
    """Only the requested fields (the spec's ``fields``: dot paths; a list is entered)."""
    if any(not p for p in paths):
        return value
    if isinstance(value, list):
        return [select(v, paths) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, sub in value.items():
        rest = [p[1:] for p in paths if p[0] == key]
        if key == "type" or rest:
            out[key] = sub if key == "type" else select(sub, rest)
    return out


def known_field(path: str) -> bool:
    props = spec()["components"]["schemas"]["Persoon"]["properties"]
    return path.split(".")[0] in props and path.split(".")[0] not in {
        "inOnderzoek",
        "geheimhoudingPersoonsgegevens",
        "opschortingBijhouding",
        "rni",
        "verificatie",
    }


def problem(status: int, title: str, code: str, invalid=None) -> dict:
    body = {
        "type": "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html",
        "title": title,
        "status": status,
        "detail": title,
        "instance": "http://127.0.0.1/haalcentraal/api/brp/personen",
        "code": code,
    }
    if invalid:
        body["invalidParams"] = invalid
    return body


class BrpServer:
    """Start with ``start()``; ``url`` is the endpoint to configure in Regie."""

    def __init__(
        self,
        persons: dict[str, dict],
        api_key: str = "test-sleutel",
        required_headers: dict[str, str] | None = None,
        authorised_fields: set[str] | None = None,
    ):
        self.persons = persons
        self.api_key = api_key
        self.required_headers = required_headers or {}
        self.authorised_fields = authorised_fields
        self.requests: list[dict] = []
        self.errors: list[str] = []
        self.status_override: int | None = None
        self._httpd = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address
        return f"http://{host}:{port}/haalcentraal/api/brp"

    def start(self) -> BrpServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                self._send(*server.handle("GET", self.path, dict(self.headers), b""))

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                self._send(*server.handle("POST", self.path, dict(self.headers), body))

            def _send(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header(
                    "Content-Type", CONTENT_TYPE if status == 200 else "application/problem+json"
                )
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()

    # -- the API ---------------------------------------------------------------------------
    def handle(self, method: str, path: str, headers: dict, raw: bytes) -> tuple[int, dict]:
        headers = {k.lower(): v for k, v in headers.items()}
        status, body = self._answer(method, path, headers, raw)
        problems = [e.message for e in errors(body, response_schema(status))]
        if problems:
            self.errors.append(f"response {status} breaks the spec: {problems[:3]}")
            return 500, problem(500, "Interne server fout.", "serverError")
        return status, body

    def _answer(self, method, path, headers, raw) -> tuple[int, dict]:
        record = {"method": method, "path": path, "headers": headers, "body": None}
        self.requests.append(record)
        if method != "POST" or path.rstrip("/") != "/haalcentraal/api/brp/personen":
            self.errors.append(f"request to {method} {path}: not an operation of the spec")
            return 404, problem(404, "Niet gevonden.", "notFound")
        if headers.get("content-type", "").replace(" ", "").lower() != CONTENT_TYPE.replace(
            " ", ""
        ):
            self.errors.append(f"request content type {headers.get('content-type')!r}")
            return 415, problem(415, "Unsupported Media Type", "unsupported")
        if not TRACEPARENT.match(headers.get("traceparent", "")):
            self.errors.append(f"request without a valid traceparent: {headers.get('traceparent')}")
        if headers.get("x-api-key") != self.api_key:
            return 401, problem(401, "Niet correct geauthenticeerd.", "authentication")
        for name, value in self.required_headers.items():
            if headers.get(name.lower()) != value:
                return 403, problem(
                    403, "U bent niet geautoriseerd voor deze operatie.", "autorisation"
                )
        try:
            body = json.loads(raw)
        except ValueError:
            self.errors.append("request body is not JSON")
            return 400, problem(400, "Ongeldige JSON.", "paramsValidation")
        record["body"] = body
        invalid = [
            {
                "type": "https://www.vng.nl/realisatie/api/validaties/pattern",
                "name": ".".join(str(p) for p in e.absolute_path)[:30] or "body",
                "code": re.sub(r"[^a-zA-Z0-9]", "", str(e.validator))[:25] or "invalid",
                "reason": "Waarde voldoet niet aan de specificatie.",
            }
            for e in errors(body, "PersonenQuery")
        ]
        unknown = [f for f in body.get("fields", []) if isinstance(f, str) and not known_field(f)]
        invalid += [
            {
                "type": "https://www.vng.nl/realisatie/api/validaties/fields",
                "name": "fields",
                "code": "field",
                "reason": "Parameter bevat een niet bestaande veldnaam.",
            }
            for _ in unknown
        ]
        if invalid:
            return 400, problem(
                400, "Een of meerdere parameters zijn niet correct.", "paramsValidation", invalid
            )
        if self.authorised_fields is not None and not set(body["fields"]) <= self.authorised_fields:
            return 403, problem(
                403, "U bent niet geautoriseerd voor deze operatie.", "autorisation"
            )
        if self.status_override:
            code = {503: "notAvailable", 500: "serverError"}.get(self.status_override, "error")
            return self.status_override, problem(
                self.status_override, "Bronservice BRP is tijdelijk niet beschikbaar.", code
            )
        paths = [f.split(".") for f in body["fields"]]
        personen = [
            select(self.persons[bsn], paths)
            for bsn in body.get("burgerservicenummer", [])
            if bsn in self.persons
        ]
        return 200, {"type": body["type"], "personen": personen}
