"""Runs the Python binding tests against the installed drmtoken package, never the tree's module.

Usage: <venv>/bin/python -I run_installed.py TESTS_DIR MODULE...
(-I: no PYTHONPATH, no user site, no script directory on sys.path). TESTS_DIR is a copy of
bindings/python/tests outside the repository; it is the only directory added to sys.path.
Exits non-zero when the package is not the venv's, or when a test fails.
"""
import pathlib
import sys
import unittest


def main():
    tests_dir, modules = pathlib.Path(sys.argv[1]).resolve(), sys.argv[2:]
    if not modules:
        sys.exit("usage: run_installed.py TESTS_DIR MODULE...")
    import drmtoken  # before the tests' directory is on sys.path

    package = pathlib.Path(drmtoken.__file__).resolve().parent
    venv = pathlib.Path(sys.prefix).resolve()
    if sys.prefix == sys.base_prefix:
        sys.exit(f"not running in a venv ({sys.executable})")
    if venv not in package.parents:
        sys.exit(f"drmtoken comes from {package}, not from the venv {venv}")
    native = sorted(p.name for p in package.iterdir() if p.name.startswith("libdrmtoken."))
    if not native:
        sys.exit(f"no libdrmtoken.* next to {drmtoken.__file__}")
    print(f"drmtoken from {package} (native: {', '.join(native)})", file=sys.stderr)

    sys.path.insert(0, str(tests_dir))
    suite = unittest.defaultTestLoader.loadTestsFromNames(modules)
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    sys.exit(0 if result.wasSuccessful() and result.testsRun > 0 else 1)


if __name__ == "__main__":
    main()
