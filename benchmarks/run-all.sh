#!/usr/bin/env bash
# Issue 6/8: every benchmark number in one go, on an otherwise idle machine.
#
#   benchmarks/run-all.sh                # full run (about 45-60 min on the 2-core VM)
#   SMOKE=1 benchmarks/run-all.sh        # plumbing check with tiny settings: numbers are meaningless
#   OUT=/some/dir benchmarks/run-all.sh  # where results go (default benchmarks/target/bench-<UTC time>)
#   JMH_EXTRA="-f 1" benchmarks/run-all.sh      # extra JMH options (here: one fork per benchmark)
#   STEPS="jmh paired" benchmarks/run-all.sh   # only some steps: build jmh paired footprint rss scaling summary
#
# Results in $OUT:
#   jmh-result.json, jmh.log   JMH: BasisOverhead, TrainStep, Compression, ServedLatency (one JMH run)
#   paired.jsonl               PairedLatency: ABBA-interleaved odeNet/handBuilt ratios (inference b128, b1; train step)
#   footprint.jsonl, models/   SavedModelFootprint: SavedModel bytes per variant (models kept for the RSS check)
#   rss-function.jsonl         RssLeakCheck through SessionFunction.call (the signature API)
#   rss-session.jsonl          RssLeakCheck through bundle.session().runner()
#   scaling.jsonl, scaling/    CompressScaling: odenet compress time and peak RSS (fresh JVMs) at widths 16, 32, 64
#   summary.md                 BenchSummary: the tables for BENCHMARKS.md
# Build is offline and never installs (mvn package + dependency:build-classpath in the reactor).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$ROOT/benchmarks/target/bench-$(date -u +%Y%m%dT%H%M%SZ)}
SMOKE=${SMOKE:-0}
STEPS=${STEPS:-"build jmh paired footprint rss scaling summary"}
JAVA=${JAVA:-java}
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-2}
mkdir -p "$OUT"
cd "$ROOT"

has() { [[ " $STEPS " == *" $1 "* ]]; }
log() { echo "[run-all $(date -u +%H:%M:%S)] $*" >&2; }

if [[ "$SMOKE" == 1 ]]; then
  JMH_ARGS=(-f 1 -wi 0 -i 1 -r 1s -p batch=1 -p kn=16x8 -p model=ode-K8-N16)
  PAIRED_ARGS=(--batch 1 --rounds 4 --round-ms 50 --warmup 2 --train --train-rounds 1)
  RSS_ARGS=(--inferences 200 --first 100)
  SCALING_WIDTHS=(16)
  log "SMOKE=1: tiny settings, numbers are meaningless"
else
  JMH_ARGS=()
  PAIRED_ARGS=(--batch 128,1 --rounds 30 --round-ms 400 --warmup 10 --train --train-rounds 12)
  RSS_ARGS=(--inferences 10000 --first 1000)
  SCALING_WIDTHS=(16 32 64)
  log "load average now: $(cut -d' ' -f1-3 /proc/loadavg) (should be < 0.5 on an idle 2-core machine)"
fi

# extra JMH options, e.g. JMH_EXTRA="-f 1" for one fork per benchmark
read -r -a EXTRA <<<"${JMH_EXTRA:-}"
JMH_ARGS+=("${EXTRA[@]}")

if has build || [[ ! -f "$OUT/classpath.txt" ]]; then
  log "build (offline, no install)"
  mvn -B -o -q -pl benchmarks -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$OUT/classpath.txt" -Dmdep.includeScope=runtime
fi
CP="$ROOT/benchmarks/target/classes:$(cat "$OUT/classpath.txt")"

if has jmh; then
  log "JMH: BasisOverhead, TrainStep, Compression, ServedLatency"
  "$JAVA" -cp "$CP" org.openjdk.jmh.Main \
    'org\.odenet4j\.bench\.(BasisOverhead|TrainStep|Compression|ServedLatency)Benchmark' \
    -rf json -rff "$OUT/jmh-result.json" "${JMH_ARGS[@]}" 2>&1 | tee "$OUT/jmh.log"
fi

if has paired; then
  log "PairedLatency (ABBA rounds)"
  "$JAVA" -cp "$CP" org.odenet4j.bench.PairedLatency "${PAIRED_ARGS[@]}" | tee "$OUT/paired.jsonl"
fi

if has footprint; then
  log "SavedModelFootprint"
  "$JAVA" -cp "$CP" org.odenet4j.bench.SavedModelFootprint "$OUT/models" | tee "$OUT/footprint.jsonl"
fi

if has rss; then
  MODEL="$OUT/models/ode-K16-N16/1"
  if [[ ! -d "$MODEL" ]]; then
    "$JAVA" -cp "$CP" org.odenet4j.bench.SavedModelFootprint "$OUT/models" ode-K16-N16 >/dev/null
  fi
  # fixed, pre-touched heap: RSS changes after load are native (TensorFlow, JavaCPP), not heap growth
  for via in function session; do
    log "RssLeakCheck via $via"
    "$JAVA" -Xms256m -Xmx256m -XX:+AlwaysPreTouch -cp "$CP" org.odenet4j.bench.RssLeakCheck "$MODEL" \
      "${RSS_ARGS[@]}" --via "$via" | tee "$OUT/rss-$via.jsonl"
  done
fi

if has scaling; then
  log "CompressScaling widths ${SCALING_WIDTHS[*]} (3 compressions each, fresh JVMs under /usr/bin/time -v)"
  "$JAVA" -cp "$CP" org.odenet4j.bench.CompressScaling "$OUT/scaling" "${SCALING_WIDTHS[@]}" | tee "$OUT/scaling.jsonl"
fi

if has summary; then
  "$JAVA" -cp "$CP" org.odenet4j.bench.BenchSummary "$OUT" | tee "$OUT/summary.md"
fi
log "results in $OUT"
