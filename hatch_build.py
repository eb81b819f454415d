"""Build hook: compile the engine's hot modules with mypyc when a wheel is built.

The Python sources stay the source of truth. `pip install .` (a wheel build)
compiles the modules listed under ``[tool.hatch.build.targets.wheel.hooks.custom]``
in pyproject.toml and ships the compiled modules beside the sources, which
Python then imports first; an editable install (``pip install -e .``) stays
pure Python, so that an edited source file takes effect at once.

The same build compiles the hand-written C of `C_EXTENSIONS` (the one-pass
character scan), which the Python code uses when present and replaces with
its own, slower, computation otherwise.

Compiling needs a C compiler and the Python headers. Without them the build
warns and ships pure Python (the same results, about 1.3x slower), unless
``CLEANER_REQUIRE_COMPILED=1`` makes that an error (CI sets it).
``CLEANER_PURE_PYTHON=1`` skips compiling.

The sources are compiled from a copy in a temporary folder: mypyc builds in
place, and compiled modules left in the work tree would shadow the sources
of an editable install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

_SETUP = """\
from mypyc.build import mypycify
from setuptools import Extension, setup

setup(name="cleaner-compiled", packages=[],
      ext_modules=[*mypycify({args!r}, opt_level="3", debug_level="0"),
                   *(Extension(name, [path]) for name, path in {c_extensions!r}.items())])
"""
# Hand-written C beside the compiled modules, each with a pure-Python twin that
# runs when it is missing (see the module's docstring).
C_EXTENSIONS = {"cleaner._cscan": "cleaner/_cscan.c"}
# mypy reads no project configuration in the copy: these are the options the
# compilation needs (regex, py3langid... ship no type information).
_MYPY_ARGS = ["--ignore-missing-imports", "--python-version", "3.11"]


def _enabled(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


class CompileError(Exception):
    """mypyc or the C compiler failed; the message holds their output's tail."""


def compile_modules(root: Path, modules: list[str], work: Path) -> dict[str, str]:
    """Compile `modules` (paths relative to `root`) in a copy under `work`.

    Returns the built extension files: absolute path -> path inside the wheel.
    """
    source = work / "src"
    shutil.copytree(root / "cleaner", source / "cleaner",
                    ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd"))
    (source / "setup.py").write_text(
        _SETUP.format(args=[*_MYPY_ARGS, *modules], c_extensions=C_EXTENSIONS),
        encoding="utf-8")
    try:
        process = subprocess.run(
            [sys.executable, "setup.py", "build_ext", "--inplace",
             "--build-lib", str(work / "lib"), "--build-temp", str(work / "tmp")],
            cwd=source, capture_output=True, text=True, timeout=1800, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise CompileError(str(error)) from None
    if process.returncode != 0:
        raise CompileError((process.stdout + process.stderr)[-4000:])
    # The modules' code is in one shared library at the top, beside the package.
    paths = [*source.glob("*__mypyc.*"), *(source / "cleaner").rglob("*.so"),
             *(source / "cleaner").rglob("*.pyd")]
    built = {str(path): path.relative_to(source).as_posix() for path in paths}
    wanted = {Path(module).with_suffix("").as_posix() for module in modules}
    wanted |= {name.replace(".", "/") for name in C_EXTENSIONS}
    found = {name.split(".", 1)[0] for name in built.values()}
    if not wanted <= found:
        raise CompileError(f"no compiled module for {sorted(wanted - found)}")
    return built


class CustomBuildHook(BuildHookInterface):  # type: ignore[misc]  # hatchling: build time only
    """Adds the mypyc-compiled engine to wheels (see the module docstring)."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        if _enabled("CLEANER_PURE_PYTHON"):
            self.app.display_info("cleaner: CLEANER_PURE_PYTHON is set: pure Python wheel")
            return
        modules = list(self.config.get("modules", []))
        self._work = Path(tempfile.mkdtemp(prefix="cleaner-mypyc-"))
        self.app.display_info(f"cleaner: compiling {len(modules)} modules with mypyc...")
        try:
            built = compile_modules(Path(self.root), modules, self._work)
        except CompileError as error:
            if _enabled("CLEANER_REQUIRE_COMPILED"):
                raise
            self.app.display_warning(
                "cleaner: compiling with mypyc failed; installing pure Python "
                f"(same results, slower). Cause:\n{error}")
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        build_data["force_include"].update(built)

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
