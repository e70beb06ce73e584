"""qmllint for the kiosk's QML, with type information for the Python backends.

    .venv/bin/python tools/qmllint.py [--types DIR]

qmllint only knows the types it has ``.qmltypes`` for. The ``Kiosk.Backend`` module is
Python (``@QmlElement``), so this script first describes it the way ``pyside6-project
qmllint`` does, in a temporary folder:

1. ``metaobjectdump`` (PySide6's, imported) reads the backend sources (no Python code of
   the kiosk runs) and gives moc-style JSON: classes, properties, signals, slots, enums;
2. this script adds what that parser leaves out: ``constant=True`` on a ``@Property``
   (without it every read of ``Exhibit.pages`` is a "stale property read") and Python's
   ``float`` as the ``double`` it is;
3. ``qmltyperegistrar`` turns the JSON into ``Kiosk/Backend/plugins.qmltypes`` with a
   ``qmldir``; the Qt classes the backends derive from (QAbstractListModel) come from the
   metatypes PySide6 ships.

Then ``qmllint`` checks every file of ``kiosk/qml/Kiosk`` with only the wheel's own QML
modules, the kiosk's and that folder on its import path (``--bare``: no system Qt, no
settings file). Any warning not in ALLOWED fails (exit 1); success prints one line.
Everything comes from the PySide6 wheel in the virtualenv.
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import subprocess
import sys
import tempfile
import time
from fnmatch import fnmatch
from pathlib import Path

import PySide6
from PySide6.scripts import metaobjectdump

REPO = Path(__file__).resolve().parents[1]
BACKEND = REPO / "kiosk" / "backend"
QML = REPO / "kiosk" / "qml"
MODULE = QML / "Kiosk"
IMPORT_NAME = "Kiosk.Backend"

# the PySide6 wheel's tools and Qt (as PySide6's own pyside6-* wrappers find them)
WHEEL = Path(PySide6.__file__).resolve().parent
if sys.platform == "win32":
    QMLLINT, REGISTRAR = WHEEL / "qmllint.exe", WHEEL / "qmltyperegistrar.exe"
    QT = WHEEL  # its QML modules and metatypes
else:
    QMLLINT, REGISTRAR = WHEEL / "qmllint", WHEEL / "Qt" / "libexec" / "qmltyperegistrar"
    QT = WHEEL / "Qt"

# Warnings we accept: (file pattern, qmllint id, text in the message), each with its reason.
# Keep this short; fix the QML instead where that can be done.
ALLOWED: list[tuple[str, str, str]] = []


def constant_properties(source: Path) -> set[tuple[str, str]]:
    """(class, property) for each ``@Property(..., constant=True)`` in a Python file."""

    def constant(node: ast.expr) -> bool:
        return (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Property"
            and any(
                k.arg == "constant" and getattr(k.value, "value", False) is True
                for k in node.keywords
            )
        )

    found = set()
    for cls in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if not isinstance(cls, ast.ClassDef):
            continue
        for node in cls.body:
            if isinstance(node, ast.FunctionDef) and any(map(constant, node.decorator_list)):
                found.add((cls.name, node.name))  # @Property(..., constant=True) def name
            elif isinstance(node, ast.Assign) and constant(node.value):
                found |= {(cls.name, t.id) for t in node.targets if isinstance(t, ast.Name)}
    return found


def describe_backend(sources: list[Path]) -> list[dict]:
    """moc-style JSON for the backend modules (metaobjectdump, completed)."""
    context = metaobjectdump.VisitorContext()
    described = []
    for source in sources:
        data = metaobjectdump.parse_file(source, context)
        if not data:
            continue  # no QObject here (helpers, word lists)
        constant = constant_properties(source)
        for cls in data["classes"]:
            for prop in cls.get("properties", []):
                if (cls["className"], prop["name"]) in constant:
                    prop["constant"] = True
                    prop.pop("notify", None)
                if prop["type"] == "float":
                    prop["type"] = "double"
            for method in cls.get("slots", []) + cls.get("signals", []):
                if method.get("returnType") == "float":
                    method["returnType"] = "double"
                for arg in method.get("arguments", []):
                    if arg.get("type") == "float":
                        arg["type"] = "double"
        described.append(data)
    return described


def foreign_types(described: list[dict]) -> list[Path]:
    """The metatypes of the Qt modules the backends use (as pyside6-project finds them)."""
    modules = {"QtCore", "QtQml"} | {m for d in described for m in d.get("QT_MODULES", [])}
    found = []
    for module in sorted(modules):
        found += sorted((QT / "metatypes").glob(f"qt6{module[2:].lower()}_*metatypes.json"))[:1]
    return found


def build_types(folder: Path) -> Path:
    """``folder/Kiosk/Backend/{plugins.qmltypes,qmldir}`` (made anew); returns ``folder``."""
    described = describe_backend(sorted(BACKEND.glob("*.py")))
    out = folder / Path(*IMPORT_NAME.split("."))
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    metatypes = out / "kiosk_backend_metatypes.json"
    metatypes.write_text(json.dumps(described), encoding="utf-8")
    run(
        [
            REGISTRAR,
            "--generate-qmltypes",
            out / "plugins.qmltypes",
            "-o",
            out / "registrations.cpp",  # C++ registration code: not needed, but always written
            "--import-name",
            IMPORT_NAME,
            "--major-version",
            "1",
            "--minor-version",
            "0",
            "--foreign-types=" + ",".join(str(p) for p in foreign_types(described)),
            metatypes,
        ]
    )
    (out / "qmldir").write_text(
        f"module {IMPORT_NAME}\ntypeinfo plugins.qmltypes\ndepends QtQml\n", encoding="utf-8"
    )
    return folder


def run(command: list) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{Path(str(command[0])).name} failed ({done.returncode}):\n{done.stderr}")
    return done


def allowed(filename: str, warning: dict) -> bool:
    return any(
        fnmatch(filename, pattern) and warning.get("id") == wid and text in warning["message"]
        for pattern, wid, text in ALLOWED
    )


def lint(types: Path, files: list[Path]) -> list[str]:
    """Every warning qmllint gives for ``files`` and is not ALLOWED, as ``file:line:col``."""
    command = [QMLLINT, "--bare", "--ignore-settings", "--json", "-"]
    for folder in (QT / "qml", QML, types):
        command += ["-I", folder]
    done = subprocess.run(
        [str(c) for c in command + files], capture_output=True, text=True, cwd=REPO
    )
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        sys.exit(f"qmllint gave no report ({done.returncode}):\n{done.stdout}{done.stderr}")
    problems = []
    for entry in report["files"]:
        name = Path(entry["filename"]).resolve().relative_to(REPO).as_posix()
        if not entry.get("success", True) and not entry.get("warnings"):
            problems.append(f"{name}: qmllint could not read it")
        for w in entry.get("warnings", []):
            if w["type"] in ("info", "debug") or allowed(name, w):
                continue
            where = f"{name}:{w.get('line', 0)}:{w.get('column', 0)}"
            problems.append(f"{where}: {w['type']}: {w['message']} [{w.get('id', '?')}]")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--types",
        type=Path,
        metavar="DIR",
        help="write the Kiosk.Backend types to DIR/Kiosk/Backend and keep them "
        "(e.g. for qmlls -I DIR); by default they go to a temporary folder",
    )
    args = ap.parse_args(argv)
    start = time.monotonic()
    files = sorted(MODULE.glob("*.qml"))
    if args.types:
        problems = lint(build_types(args.types.resolve()), files)
    else:
        with tempfile.TemporaryDirectory(prefix="kiosk-qmllint-") as tmp:
            problems = lint(build_types(Path(tmp)), files)
    for line in problems:
        print(line)
    took = time.monotonic() - start
    verdict = f"{len(problems)} warning(s)" if problems else "no warnings"
    print(f"qmllint: {len(files)} QML files, {verdict} ({took:.1f} s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
