"""Which query parameters the UI reads, found in the source: every ``request.GET`` in
src/regie is one of a few known shapes (a literal key, a key passed to a small helper, a
form bound to the query string, or the whole query string copied for the pager links).
Anything else is reported, so a new way of reading the query string cannot slip past the
fuzz test (tests/security/test_fuzz_ui.py)."""

import ast
import importlib
from dataclasses import dataclass, field
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "regie"

# Uses of the whole query string that read no key of their own.
WHOLE_QUERY_METHODS = {"copy", "urlencode"}
KEY_METHODS = {"get", "getlist", "__getitem__", "__contains__"}


@dataclass
class Found:
    # (module, top-level function or class that reads them) -> keys
    keys: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)  # "path:line" of unrecognised uses

    def add(self, where: tuple[str, str], keys):
        self.keys.setdefault(where, set()).update(keys)


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    return ".".join(rel.parts)


def _is_get(node) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "GET"


def _form_fields(module: str, expr: ast.expr) -> set[str]:
    """The field names of the form class named by ``expr`` (``SearchForm`` or
    ``forms.PeriodForm``), looked up in ``module``."""
    target = importlib.import_module(module)
    for part in ast.unparse(expr).split("."):
        target = getattr(target, part)
    return set(target.base_fields)


def _scan_module(path: Path, found: Found) -> None:
    scan_source(path.read_text(), _module_name(path), str(path.relative_to(SRC.parent)), found)


def scan_source(source: str, module: str, label: str, found: Found) -> None:
    tree = ast.parse(source, filename=label)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    # Helpers that read the key named by one of their parameters: name -> parameter index.
    helpers: dict[str, int] = {}
    for node in ast.walk(tree):
        if not _is_get(node):
            continue
        owner = (module, _top_level(node, parents))
        where = f"{label}:{node.lineno}"
        parent = parents[node]
        grand = parents.get(parent)
        if isinstance(parent, ast.Subscript) and parent.value is node:
            key = parent.slice
        elif (
            isinstance(parent, ast.Attribute)
            and isinstance(grand, ast.Call)
            and grand.func is parent
            and parent.attr in KEY_METHODS | WHOLE_QUERY_METHODS
        ):
            if parent.attr in WHOLE_QUERY_METHODS:
                continue
            key = grand.args[0] if grand.args else None
        else:
            # ``if request.GET``, ``request.GET or default`` and a form bound to it.
            call = parent
            if isinstance(parent, ast.BoolOp):
                call = parents.get(parent)
            if isinstance(call, ast.Call) and call.func is not node and call.args:
                first = call.args[0]
                if first is node or (isinstance(first, ast.BoolOp) and first.values[0] is node):
                    name = ast.unparse(call.func)
                    if name.endswith("Form"):
                        found.add(owner, _form_fields(module, call.func))
                        continue
            if isinstance(parent, ast.If | ast.BoolOp | ast.UnaryOp | ast.IfExp):
                continue
            found.unknown.append(where)
            continue
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            found.add(owner, {key.value})
            continue
        function = next(
            (p for p in _ancestors(node, parents) if isinstance(p, ast.FunctionDef)), None
        )
        params = [a.arg for a in function.args.args] if function else []
        if isinstance(key, ast.Name) and key.id in params:
            helpers[function.name] = params.index(key.id)
        else:
            found.unknown.append(where)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name in helpers and len(node.args) > helpers[name]:
            arg = node.args[helpers[name]]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.add((module, _top_level(node, parents)), {arg.value})
            else:
                found.unknown.append(f"{label}:{node.lineno}")


def _top_level(node, parents) -> str:
    """The name of the module-level function or class around ``node``."""
    top = node
    for parent in _ancestors(node, parents):
        if isinstance(parent, ast.Module):
            return top.name
        top = parent
    raise AssertionError(node)


def _ancestors(node, parents):
    while node in parents:
        node = parents[node]
        yield node


def query_keys_in_source() -> Found:
    found = Found()
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts or "GET" not in path.read_text():
            continue
        _scan_module(path, found)
    return found
