"""The apps stand one above the other: no app imports an app above it, and nothing circles.

Every import of every module under nashra/ counts, the ones inside functions and under
TYPE_CHECKING too: an import put off until a function runs is still a dependency, and
hiding a circle that way is what this keeps from coming back. Tests, migrations and the
test configuration may reach across (a test sets up what it needs).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

NASHRA = Path(__file__).resolve().parents[2]

# Bottom first. An app may import the apps of lower layers only; apps of one layer do
# not import each other. A new app is placed here when it is added.
LAYERS: list[set[str]] = [
    {"arabic", "pictures"},  # plain Python, and the picture library: no other app below
    {"operations"},  # caches, the site lookup, the proxy, the scheduler: no content
    {"core"},  # site settings, limits, static pages, body blocks
    {"newsroom"},  # stories, sections, authors, feeds
    {"comments", "search", "audience", "live"},  # what readers do with stories, live coverage
    {"wire", "api", "alerts"},  # what comes in from other outlets, and what goes out
    {"settings", "urls", "wsgi", "cli"},  # the project that puts it together
    {"__main__"},  # `python -m nashra`, which runs the command line
]

Edges = dict[str, dict[str, list[str]]]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_checked(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return not ({"tests", "migrations"} & set(parts) or path.name == "conftest.py")


def imported_names(path: Path, root: Path, *, run_time_only: bool = False) -> set[str]:
    """Every `root`-package module or name `path` imports, relative imports resolved."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = set()
    if run_time_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped |= {id(inner) for inner in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {each for each in found if each.split(".")[0] == root.name}


def app_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def app_imports(root: Path) -> Edges:
    """app → imported app → the imports that make it so (for the failure message)."""
    edges: Edges = defaultdict(lambda: defaultdict(list))
    for path in sorted(root.rglob("*.py")):
        if not is_checked(path, root):
            continue
        importer = module_name(path, root)
        for target in imported_names(path, root):
            if app_of(importer) and app_of(target) and app_of(importer) != app_of(target):
                edges[app_of(importer)][app_of(target)].append(f"{importer} → {target}")
    return edges


def module_imports(root: Path) -> Edges:
    """module → imported module, for imports that run (TYPE_CHECKING ones do not)."""
    paths = {module_name(path, root): path for path in root.rglob("*.py") if is_checked(path, root)}
    edges: Edges = defaultdict(lambda: defaultdict(list))
    for importer, path in paths.items():
        for target in imported_names(path, root, run_time_only=True):
            # `from a.b import name` names a module or something in one: take the module.
            while target and target not in paths:
                target = target.rpartition(".")[0]
            if target and target != importer:
                edges[importer][target].append(f"{importer} → {target}")
    return edges


def circles(edges: Edges) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = lowest[node] = len(index)
        stack.append(node)
        for target in edges.get(node, {}):
            if target not in index:
                visit(target)
                lowest[node] = min(lowest[node], lowest[target])
            elif target in stack:
                lowest[node] = min(lowest[node], index[target])
        if lowest[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def explain(groups: list[list[str]], edges: Edges) -> str:
    lines = []
    for group in groups:
        lines.append("circle: " + ", ".join(group))
        for source in group:
            for target in group:
                lines += [f"  {why}" for why in edges.get(source, {}).get(target, [])[:3]]
    return "\n".join(lines)


def layer_of(app: str) -> int:
    for level, apps in enumerate(LAYERS):
        if app in apps:
            return level
    raise AssertionError(f"nashra/{app} is in no layer: add it to LAYERS in {__file__}")


def test_no_app_imports_an_app_that_imports_it_back() -> None:
    edges = app_imports(NASHRA)
    assert edges, "the walk found no imports at all"
    groups = circles(edges)
    assert groups == [], explain(groups, edges)


def test_no_module_imports_a_module_that_imports_it_back() -> None:
    edges = module_imports(NASHRA)
    groups = circles(edges)
    assert groups == [], explain(groups, edges)


def test_every_app_imports_only_the_layers_below_it() -> None:
    edges = app_imports(NASHRA)
    upward = [
        why
        for source, targets in edges.items()
        for target, reasons in targets.items()
        if layer_of(target) >= layer_of(source)
        for why in reasons[:3]
    ]
    assert upward == [], "imports that do not point down:\n" + "\n".join(upward)


def test_every_app_has_a_layer() -> None:
    apps = {path.parent.name for path in NASHRA.glob("*/__init__.py")}
    apps |= {path.stem for path in NASHRA.glob("*.py") if path.stem not in {"__init__", "conftest"}}
    for app in apps:
        layer_of(app)


@pytest.fixture
def tangled(tmp_path: Path) -> Path:
    """A package whose apps import each other: one at the top, one put off in a function."""
    root = tmp_path / "nashra"
    for app in ("low", "high", "other"):
        (root / app).mkdir(parents=True)
        (root / app / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "low" / "models.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from nashra.other import things\n"
        "def later():\n    from nashra.high.views import show\n"
    )
    (root / "high" / "views.py").write_text("from ..low import models\n")
    (root / "other" / "things.py").write_text("import nashra.low.models\n")
    (root / "low" / "tests").mkdir()
    (root / "low" / "tests" / "test_x.py").write_text("from nashra.other import things\n")
    return root


def test_the_walk_finds_a_circle_hidden_in_a_function(tangled: Path) -> None:
    edges = app_imports(tangled)
    assert circles(edges) == [["high", "low", "other"]]
    assert "nashra.low.models → nashra.high.views" in explain(circles(edges), edges)


def test_the_module_walk_leaves_type_only_imports_out(tangled: Path) -> None:
    edges = module_imports(tangled)
    assert circles(edges) == [["nashra.high.views", "nashra.low.models"]]
    assert "nashra.other.things" not in edges["nashra.low.models"]
