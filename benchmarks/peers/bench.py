"""Times the peers on the exported benchmark model: inference at batch 128 and 1, one training step
at batch 128 (SGD Nesterov, as TrainStepBenchmark).

    python bench.py EXPORT_DIR [--peers jax,tf,tf-xla] [--cases infer128,infer1,train128]
                    [--calls N] [--warmup W] [--quick] [--round R]

Per peer and case: W warm-up calls (compilation and first-call costs, not timed), then N timed
calls in the same process, each until its result is on the host (block_until_ready() for JAX,
.numpy() for TensorFlow). Inputs are put on the device once, before timing. Prints one JSON line
per (peer, case): median, quartiles, min, max in ms. A peer whose framework is not installed is
skipped with a JSON line saying so. Run check.py first: timing a model that computes something
else means nothing.

--quick: 1 warm-up and 3 timed calls per case (a smoke run: the numbers mean nothing).
"""

import argparse
import json
import os
import platform
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np

import odenet_model

CASES = ("infer128", "infer1", "train128")
DEFAULT_CALLS = {"infer128": 25, "infer1": 100, "train128": 20}
DEFAULT_WARMUP = {"infer128": 5, "infer1": 20, "train128": 3}


def summary(ms):
    q1, med, q3 = np.percentile(ms, [25, 50, 75])
    return {"median_ms": float(med), "q1_ms": float(q1), "q3_ms": float(q3),
            "min_ms": float(np.min(ms)), "max_ms": float(np.max(ms)), "n": len(ms)}


def versions(peer):
    if peer == "jax":
        import jax
        import jaxlib
        return {"jax": jax.__version__, "jaxlib": jaxlib.__version__, "devices": str(jax.devices())}
    import tensorflow as tf
    return {"tensorflow": tf.__version__}


def time_case(model, case, inputs, labels, calls, warmup):
    if case.startswith("infer"):
        x = model.device_put(inputs[int(case[len("infer"):])])
        run = lambda: model.ready(model.infer(x))  # noqa: E731
    else:
        x, y = model.device_put(inputs[128]), model.device_put(labels)
        run = lambda: model.ready(model.train_step(x, y))  # noqa: E731
    for _ in range(warmup):
        run()
    ms = []
    for _ in range(calls):
        t0 = time.perf_counter()
        run()
        ms.append((time.perf_counter() - t0) * 1e3)
    return ms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("export")
    ap.add_argument("--peers", default=",".join(odenet_model.PEERS))
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--calls", type=int, default=None, help="timed calls per case (default per case)")
    ap.add_argument("--warmup", type=int, default=None, help="untimed calls per case (default per case)")
    ap.add_argument("--quick", action="store_true", help="1 warm-up, 3 timed calls: a smoke run")
    ap.add_argument("--round", type=int, default=None, help="round number to record (driver)")
    a = ap.parse_args()

    spec, weights, inputs, labels = odenet_model.load_export(a.export)
    model_id = {k: spec[k] for k in ("width", "k", "steps", "epsilon")}
    for peer in a.peers.split(","):
        for case in a.cases.split(","):
            if case not in CASES:
                raise SystemExit(f"case: expected one of {CASES}, found {case}")
            calls = 3 if a.quick else (a.calls or DEFAULT_CALLS[case])
            warmup = 1 if a.quick else (a.warmup if a.warmup is not None else DEFAULT_WARMUP[case])
            try:
                # a fresh model per case: a training case must not change what inference times
                model = odenet_model.make(peer, spec, weights)
            except ImportError as e:
                print(json.dumps({"peer": peer, "case": case, "skipped": f"not installed: {e}"}), flush=True)
                break
            ms = time_case(model, case, inputs, labels, calls, warmup)
            line = {"peer": peer, "case": case, "round": a.round, "quick": a.quick, "warmup": warmup,
                    **summary(ms), "model": model_id, "versions": versions(peer),
                    "host": {"cpus": os.cpu_count(), "python": platform.python_version(),
                             "loadavg": os.getloadavg()[0]}}
            print(json.dumps(line), flush=True)
            del model


if __name__ == "__main__":
    main()
