#!/usr/bin/env python3
"""Golden tests of eval/gen/gen_cases.py (STYLE.md section 10: tests/gen/).

    python3 tests/gen/test_gen_cases.py            run every test; exit 1 on any failure
    python3 tests/gen/test_gen_cases.py --update   rewrite tests/gen/expected/ from the current generator
                                                   (review the diff before committing it)

What runs:
  * golden: each tests/gen/inputs/<name>.def is generated into a temporary folder and every output must
    equal tests/gen/expected/<name>/<file> byte for byte;
  * errors: each tests/gen/errors/<name>.def starts with `// expect-error: <text>`; the generator must exit
    with status 1 and print <text> in its error message;
  * compile: if a C compiler is found (CC, else cc), tests/gen/mock_ceval.c is compiled with -Wall -Wextra
    -Werror against each golden cases.gen.h/targets.gen.h and against the committed eval/generated/ ones,
    and each opcode_ids.gen.h on its own;
  * determinism: generating the same input twice gives identical bytes.
Python 3 standard library only (python3.11 and the 3.14 oracle both run it). No test depends on timing.
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GENERATOR = os.path.join(ROOT, "eval", "gen", "gen_cases.py")
OUTPUTS = ("opcode_ids.gen.h", "opcode_meta.gen.h", "cases.gen.h", "targets.gen.h", "opcode_metadata.json")


def run_generator(input_path, out_dir):
    return subprocess.run([sys.executable, GENERATOR, "--input", input_path, "--output-dir", out_dir],
                          capture_output=True, text=True, timeout=60)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def find_cc():
    for cc in (os.environ.get("CC"), "cc", "gcc", "clang"):
        if cc and shutil.which(cc):
            return cc
    return None


def compile_mock(cc, cases_dir):
    """Compiles the generated cases and targets inside mock_ceval.c, and the ids header on its own."""
    flags = [cc, "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only", "-I", ROOT]
    result = subprocess.run(flags + ["-DFT_MOCK_DIR=%s" % cases_dir, os.path.join(HERE, "mock_ceval.c")],
                            capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        return result
    return subprocess.run(flags + ["-x", "c", "-"], input='#include "%s/opcode_ids.gen.h"\n' % cases_dir,
                          capture_output=True, text=True, timeout=120)


def main(argv):
    update = "--update" in argv
    failures, passed = [], 0
    inputs = sorted(f for f in os.listdir(os.path.join(HERE, "inputs")) if f.endswith(".def"))
    errors = sorted(f for f in os.listdir(os.path.join(HERE, "errors")) if f.endswith(".def"))
    cc = find_cc()
    with tempfile.TemporaryDirectory() as tmp:
        for name in inputs:
            stem = name[:-4]
            out = os.path.join(tmp, stem)
            result = run_generator(os.path.join(HERE, "inputs", name), out)
            if result.returncode != 0:
                failures.append("golden %s: generator failed: %s" % (stem, result.stderr.strip()))
                continue
            expected_dir = os.path.join(HERE, "expected", stem)
            if update:
                os.makedirs(expected_dir, exist_ok=True)
                for f in OUTPUTS:
                    shutil.copyfile(os.path.join(out, f), os.path.join(expected_dir, f))
            for f in OUTPUTS:
                want = os.path.join(expected_dir, f)
                if not os.path.exists(want):
                    failures.append("golden %s: %s has no expected output (run with --update)" % (stem, f))
                elif read(want) != read(os.path.join(out, f)):
                    failures.append("golden %s: %s differs from tests/gen/expected/%s/%s" % (stem, f, stem, f))
                else:
                    passed += 1
            again = os.path.join(tmp, stem + "_again")
            run_generator(os.path.join(HERE, "inputs", name), again)
            if all(read(os.path.join(out, f)) == read(os.path.join(again, f)) for f in OUTPUTS):
                passed += 1
            else:
                failures.append("golden %s: two runs gave different output" % stem)
            if cc:
                result = compile_mock(cc, expected_dir)
                if result.returncode != 0:
                    failures.append("compile %s: %s" % (stem, result.stderr.strip()))
                else:
                    passed += 1

        for name in errors:
            path = os.path.join(HERE, "errors", name)
            first = read(path).splitlines()[0]
            prefix = "// expect-error: "
            if not first.startswith(prefix):
                failures.append("error %s: first line must be '%s<text>'" % (name, prefix))
                continue
            expected = first[len(prefix):]
            result = run_generator(path, os.path.join(tmp, "err_" + name))
            if result.returncode != 1 or expected not in result.stderr:
                failures.append("error %s: expected status 1 and %r, got status %d and %r"
                                % (name, expected, result.returncode, result.stderr.strip()))
            else:
                passed += 1

    if cc:
        # The real cases compile inside the real loop, eval/ceval.c, whose helpers their bodies use.
        result = subprocess.run([cc, "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only",
                                 "-D_GNU_SOURCE", "-I", ROOT, "-I", os.path.join(ROOT, "include"),
                                 os.path.join(ROOT, "eval", "ceval.c")],
                                capture_output=True, text=True)
        if result.returncode != 0:
            failures.append("compile eval/generated: %s" % result.stderr.strip())
        else:
            passed += 1
    else:
        print("note: no C compiler found, compile checks skipped")

    for f in failures:
        print("FAIL: " + f)
    print("%d passed, %d failed" % (passed, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
