"""Interleaves the project's JMH benchmarks with the peers, round after round.

    python rounds.py EXPORT_DIR --classpath CLASSPATH_FILE [--rounds R] [--quick]
                     [--cases infer128,infer1,train128] [--peers jax,tf,tf-xla] [--out FILE.jsonl]

Every round runs, per case, the Java benchmark and each peer one after another (the order rotates
from round to round), each in a fresh process:

  infer128 / infer1: BasisOverheadBenchmark.odeNet -p batch=128|1 -p n=K
  train128:          TrainStepBenchmark.odeNet     -p batch=128 -p n=K

JMH runs in SingleShotTime mode (-bm ss -tu ms -f 1), one call per iteration, with the same
warm-up and timed call counts as bench.py (1 and 3 with --quick), so both sides report per-call
times. The Java benchmarks build their own model (width 16, K = N = n, eps = N, seed 1, identical
coefficients): Java is skipped, with a line saying why, when the export is another model.

First runs check.py --no-train (each peer's logits against the SavedModel's) and times nothing if
it fails (--skip-check to leave it out). CLASSPATH_FILE holds the benchmarks module's runtime
classpath (classpath.sh writes it).
Prints and appends one JSON line per (round, case, implementation).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

import bench

HERE = os.path.dirname(os.path.abspath(__file__))
JMH = {
    "infer128": ("BasisOverheadBenchmark", 128),
    "infer1": ("BasisOverheadBenchmark", 1),
    "train128": ("TrainStepBenchmark", 128),
}


def java_applies(spec):
    """None when the JMH benchmarks build this export's model, else the reason they do not."""
    same = (spec["width"] == 16 and spec["k"] == spec["steps"] and spec["epsilon"] == spec["steps"]
            and spec["seed"] == 1 and spec["coefficient_init"] == "identical"
            and spec["randomize_bn"] is None and spec["stitch_epsilon"] == 1.0)
    if same:
        return None
    return ("the JMH benchmarks build width 16, K = N = n, eps = N, seed 1, identical coefficients,"
            " default BatchNorm state; this export is another model")


def run_java(classpath, case, n, calls, warmup, round_no):
    cls, batch = JMH[case]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "jmh.json")
        cmd = ["java", "-cp", classpath, "org.openjdk.jmh.Main",
               rf"^org\.odenet4j\.bench\.{cls}\.odeNet$", "-p", f"batch={batch}", "-p", f"n={n}",
               "-f", "1", "-bm", "ss", "-tu", "ms", "-wi", str(warmup), "-i", str(calls),
               "-rf", "json", "-rff", out]
        env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
        p = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit(f"JMH {cls} failed ({p.returncode}):\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}")
        with open(out) as f:
            result = json.load(f)
    raw = [v for fork in result[0]["primaryMetric"]["rawData"] for v in fork]
    return {"peer": "java", "case": case, "round": round_no, "warmup": warmup,
            **bench.summary(np.asarray(raw)), "benchmark": f"{cls}.odeNet",
            "jmh": {"mode": result[0]["mode"], "jvm": result[0].get("vmVersion"),
                    "params": result[0].get("params")}}


def run_peer(export, peer, case, round_no, quick, calls, warmup):
    cmd = [sys.executable, os.path.join(HERE, "bench.py"), export, "--peers", peer, "--cases", case,
           "--round", str(round_no), "--calls", str(calls), "--warmup", str(warmup)]
    if quick:
        cmd.append("--quick")
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"bench.py {peer} {case} failed ({p.returncode}):\n{p.stderr[-3000:]}")
    return [json.loads(line) for line in p.stdout.splitlines() if line.startswith("{")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("export")
    ap.add_argument("--classpath", required=True, help="file with the benchmarks runtime classpath")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="1 warm-up, 3 timed calls: a smoke run")
    ap.add_argument("--cases", default=",".join(bench.CASES))
    ap.add_argument("--peers", default="jax,tf,tf-xla")
    ap.add_argument("--out", default=None, help="also append the JSON lines to this file")
    ap.add_argument("--skip-check", action="store_true", help="do not run check.py (inference) first")
    a = ap.parse_args()

    spec, _, _, _ = bench.odenet_model.load_export(a.export)
    with open(a.classpath) as f:
        classpath = f.read().strip()
    skip_java = java_applies(spec)
    impls = ["java"] + a.peers.split(",")
    out = open(a.out, "a") if a.out else None

    def emit(line):
        text = json.dumps(line)
        print(text, flush=True)
        if out:
            out.write(text + "\n")
            out.flush()

    if not a.skip_check:
        # nothing is timed unless every peer computes the SavedModel's logits
        cmd = [sys.executable, os.path.join(HERE, "check.py"), a.export, "--no-train", "--peers", a.peers]
        p = subprocess.run(cmd, capture_output=True, text=True)
        for line in p.stdout.splitlines():
            if line.startswith("{"):
                emit({"check": json.loads(line)})
        if p.returncode != 0:
            raise SystemExit(f"check.py failed ({p.returncode}): nothing timed\n{p.stderr[-2000:]}")
    if skip_java:
        emit({"peer": "java", "skipped": skip_java})
    for r in range(1, a.rounds + 1):
        order = impls[(r - 1) % len(impls):] + impls[:(r - 1) % len(impls)]
        for case in a.cases.split(","):
            calls = 3 if a.quick else bench.DEFAULT_CALLS[case]
            warmup = 1 if a.quick else bench.DEFAULT_WARMUP[case]
            for impl in order:
                if impl == "java":
                    if not skip_java:
                        emit(run_java(classpath, case, spec["k"], calls, warmup, r))
                else:
                    for line in run_peer(a.export, impl, case, r, a.quick, calls, warmup):
                        emit(line)
    if out:
        out.close()


if __name__ == "__main__":
    main()
