"""Dependencies run one way: common <- regions <- awards <- catalogue <- proposals <- config.

Every Python file of those packages, their tests and migrations included, imports only from its
own layer or a lower one (read from the source with `ast`, so an import inside a function counts
too). `common` imports none of the apps; `tests/` (project-wide tests) may import anything.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["common", "regions", "awards", "catalogue", "proposals", "config"]
RANK = {package: rank for rank, package in enumerate(LAYERS)}


def module_name(path, root):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path, root):
    """The modules `path` imports: (line, module) for each import statement."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            yield node.lineno, target


def upward_imports(root=ROOT):
    """"module:line imports target" for every import of a higher layer under `root`."""
    found = []
    for package in LAYERS:
        for path in sorted((root / package).rglob("*.py")):
            source = module_name(path, root)
            for line, target in imported_modules(path, root):
                top = target.split(".")[0]
                if top in RANK and RANK[top] > RANK[package]:
                    found.append(f"{source}:{line} imports {target}")
    return found


def test_the_layers_are_where_the_rule_says():
    for package in LAYERS:
        assert (ROOT / package / "__init__.py").exists(), package


def test_no_import_runs_upward():
    assert upward_imports() == [], "\n".join(upward_imports())


def test_an_upward_import_is_found_even_inside_a_function(tmp_path):
    (tmp_path / "regions" / "tests").mkdir(parents=True)
    (tmp_path / "common").mkdir()
    (tmp_path / "regions" / "models.py").write_text("from common.history import History\n")
    (tmp_path / "regions" / "tests" / "test_x.py").write_text("def f():\n    from ..views import x\n")
    (tmp_path / "regions" / "views.py").write_text("def g():\n    import catalogue.models\n")
    (tmp_path / "common" / "util.py").write_text("from awards import models\n")
    assert upward_imports(tmp_path) == [
        "common.util:1 imports awards",
        "regions.views:2 imports catalogue.models",
    ]
