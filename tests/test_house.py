"""The house rules of the code (issue 10), checked on the source itself so that they stay
true as Regie grows: small modules and functions, no import cycles, and one module that
decides who may see or do what (DESIGN §5 "One policy")."""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "regie"
POLICY = ROOT / "access" / "policy"  # one package: the plan rules, its parts and accounts
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
# Ages in the law that decide access (A4, Jeugdwet art. 7.3.5): only the policy names them.
POLICY_AGES = {12, 16}
# The model says which kind each role is (professional, family, network): that is what a
# role means, not a decision about access, and the policy builds on it.
ROLE_KINDS = ROOT / "plans" / "models" / "plan.py"


def _sources() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def test_no_module_is_over_600_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in _sources()
        if (n := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_80_lines() -> None:
    long = {}
    for path in _sources():
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.name}"] = length
    assert long == {}


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The project modules this one imports, anywhere in it (also inside a function)."""
    found: set[str] = set()
    package = (
        _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    )
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in modules}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.add(target if target in modules else base)
    return {name for name in found if name in modules}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _is_package_edge(source: str, target: str) -> bool:
    """A package's __init__ that imports its own submodules is not a cycle of design."""
    return source.startswith(target + ".")


def test_no_import_cycle_between_modules() -> None:
    paths = list(_sources())
    modules = {_module_name(path) for path in paths}
    graph = {
        _module_name(path): {
            target
            for target in _imports(path, modules)
            if target != _module_name(path) and not _is_package_edge(_module_name(path), target)
        }
        for path in paths
    }
    assert _cycles(graph) == []


def _role_or_age_checks(path: Path) -> Iterator[str]:
    for node in ast.walk(_tree(path)):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        names = {
            item.attr if isinstance(item, ast.Attribute) else item.id
            for item in operands
            if isinstance(item, ast.Attribute | ast.Name)
        }
        ages = {
            item.value
            for item in operands
            if isinstance(item, ast.Constant) and type(item.value) is int
        }
        if "role" in names or names & {"YOUTH_LOGIN_AGE", "YOUTH_SELF_DECIDES_AGE"}:
            yield f"{path.relative_to(ROOT)}:{node.lineno} compares a role"
        if ages & POLICY_AGES and any("age" in name for name in names):
            yield f"{path.relative_to(ROOT)}:{node.lineno} compares an age with {ages}"


@pytest.mark.parametrize("kind", ["role", "age"])
def test_only_the_policy_compares_roles_and_legal_ages(kind: str) -> None:
    """DESIGN §5, issue 10: who may see or do what is decided in access/policy/ alone;
    nothing else compares a role, or an age with 12 or 16 (A4)."""
    found = [
        finding
        for path in _sources()
        if POLICY not in path.parents and path != ROLE_KINDS
        for finding in _role_or_age_checks(path)
        if kind in finding
    ]
    assert found == []


def test_templates_do_not_compare_roles() -> None:
    """Templates ask the viewer what it may do; they do not decide by role."""
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted(ROOT.rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if ".role ==" in line or ".role !=" in line or ".role in" in line
    ]
    assert found == []
