#!/usr/bin/env bash
# Installs what is missing, builds ftpy in every configuration CI checks, and runs the whole test
# suite in each. The last line is the total: "N passed, M failed".
#
#   release  GCC,   -O2,                  -Werror   every test
#   asan     Clang, AddressSanitizer+UBSan, -Werror   every test
#   tsan     GCC,   ThreadSanitizer,       -Werror   every test
#
# A configuration that does not build counts as one failure. FTPY_TEST_CONFIGS="release asan"
# narrows the run; FTPY_JOBS sets the parallelism (default 2: the machines have 2 cores).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
jobs=${FTPY_JOBS:-2}
configs=${FTPY_TEST_CONFIGS:-release asan tsan}

scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
# The reference interpreter and CPython's stdlib: the golden tests' expected outputs are committed,
# so a failed fetch does not stop the tests that do not need them.
scripts/fetch-cpython.sh || echo "test: warning: could not fetch CPython 3.14 (see above)"

passed=0
failed=0
for config in $configs; do
  case $config in
    release) dir=build;      type=Release; cc=gcc ;;
    asan)    dir=build-asan; type=Asan;    cc=clang ;;
    tsan)    dir=build-tsan; type=Tsan;    cc=gcc ;;
    *) echo "test: unknown configuration '$config'"; failed=$((failed + 1)); continue ;;
  esac
  echo "=== $config: $cc, $type, in $dir"
  if ! { cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" -DCMAKE_C_COMPILER="$cc" -DFT_WERROR=ON >/dev/null &&
         cmake --build "$dir" -j "$jobs"; }; then
    echo "test: $config: build FAILED"
    failed=$((failed + 1))
    continue
  fi
  log=$dir/ctest.log
  ctest --test-dir "$dir" -j "$jobs" --output-on-failure 2>&1 | tee "$log"
  # ctest's summary: "NN% tests passed, F tests failed out of T"
  summary=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)
  if [[ -z $summary ]]; then
    echo "test: $config: ctest printed no summary"
    failed=$((failed + 1))
    continue
  fi
  f=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$summary")
  t=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$summary")
  passed=$((passed + t - f))
  failed=$((failed + f))
done

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
