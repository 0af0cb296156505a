"""docs/security.md carries the role × permission table; it must say what the data in
regie.core.roles says. Regenerate the table from PERMISSIONS when this fails."""

from pathlib import Path

from regie.core.roles import PERMISSIONS, Role, who_can

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def test_the_documented_role_table_matches_the_permissions():
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `") and line.count("|") == len(Role) + 2:
            cells = [c.strip() for c in line.strip("|").split("|")]
            rows[cells[0].strip("`")] = {r for r, c in zip(Role, cells[1:], strict=True) if c}
    expected = {p.value: set(roles) for p, roles in PERMISSIONS.items()}
    assert rows == expected


def test_who_can_names_the_roles_in_dutch():
    assert who_can("volunteers.manage") == "de coördinator"
    assert who_can("maatje.link") == "de maatschappelijk begeleider of de coördinator"
    assert who_can("enrol.person") == (
        "de klantmanager, de maatschappelijk begeleider of de coördinator"
    )
    assert who_can("no.such.permission") == ""
