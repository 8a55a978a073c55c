"""Fails loudly when the project's macros module cannot be imported.

mkdocs-macros turns any ImportError raised inside the module into "could not find
custom 'macros' module", hiding the real cause; importing it here first lets us
report the file, line and actual error.
"""

from __future__ import annotations

import importlib.util
import sys
import traceback
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


def check_macros_module(config: MkDocsConfig, project_dir: Path) -> None:
    macros = config.plugins.get("macros")
    if macros is None:
        return
    name = macros.config.get("module_name", "main")
    package = project_dir / name / "__init__.py"
    single = project_dir / f"{name}.py"
    path = package if package.exists() else single
    if not path.exists():
        if name == "main":
            return  # mkdocs-macros' default module is optional
        raise PluginError(
            f"mkdocs.yml: the macros module '{name}' was not found (looked for {name}.py and {name}/__init__.py)"
        )
    spec = importlib.util.spec_from_file_location(
        f"_cxportal_check_{name}", path, submodule_search_locations=[str(path.parent)] if path == package else None
    )
    assert spec is not None and spec.loader is not None
    sys.path.insert(0, str(project_dir))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # so relative imports inside the package resolve
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # noqa: BLE001 - any failure here must be shown, not swallowed
        frames = [f for f in traceback.extract_tb(error.__traceback__) if str(project_dir) in (f.filename or "")]
        where = (
            f"{Path(frames[-1].filename).relative_to(project_dir)}:{frames[-1].lineno}"
            if frames
            else str(path.relative_to(project_dir))
        )
        raise PluginError(
            f"{where}: the macros module '{name}' failed to import: {type(error).__name__}: {error}"
        ) from None
    finally:
        sys.path.remove(str(project_dir))
        # mkdocs-macros imports a package module (`macros/`) by its plain name, which Python caches:
        # forget any earlier import so this build runs this project's current module (a rebuild in
        # `cxportal serve` after an edit, or another project's build in the same process).
        stale = (spec.name, name)
        for loaded in [m for m in sys.modules if any(m == n or m.startswith(n + ".") for n in stale)]:
            del sys.modules[loaded]
