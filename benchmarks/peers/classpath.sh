#!/usr/bin/env bash
# Builds the benchmarks module (offline, package, never install) and writes its runtime classpath
# (target/classes, the reactor modules' jars, the dependency jars) to FILE, one line, ':'-separated.
#
#   benchmarks/peers/classpath.sh FILE
#
# First the way benchmarks/run-all.sh does it (maven-dependency-plugin build-classpath); when that
# plugin is not in the local repository (offline), the module's compile classpath, read from Maven's
# debug output (the module has no runtime-only dependencies, so it is the runtime classpath).
set -euo pipefail
OUT=${1:?usage: classpath.sh FILE}
OUT=$(realpath -m "$OUT")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
TMP=$(mktemp)
trap 'rm -f "$TMP" "$TMP.log"' EXIT
if mvn -B -o -q -pl benchmarks -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$TMP" -Dmdep.includeScope=runtime >"$TMP.log" 2>&1 && [[ -s "$TMP" ]]; then
  echo "$ROOT/benchmarks/target/classes:$(cat "$TMP")" >"$OUT"
else
  echo "classpath.sh: dependency:build-classpath unavailable offline; reading the compile classpath" >&2
  mvn -B -o -X -pl benchmarks -am package -DskipTests >"$TMP.log" 2>&1 || {
    tail -30 "$TMP.log" >&2
    exit 1
  }
  # The compiler plugin logs its resolved compile classpath (compilePath) whether or not it has
  # anything to compile; the first entry is the module's target/classes.
  grep -F -- "(f) compilePath = [$ROOT/benchmarks/target/classes" "$TMP.log" | tail -1 |
    sed 's/.*(f) compilePath = \[\(.*\)\]$/\1/' | sed 's/, /:/g' >"$OUT"
fi
[[ -s "$OUT" ]] || { echo "classpath.sh: no classpath found" >&2; exit 1; }
echo "$OUT" >&2
