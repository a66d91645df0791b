"""Before anything is timed: the peers compute what the exported SavedModel computes.

    python check.py EXPORT_DIR [--peers jax,tf,tf-xla] [--tolerance 1e-4] [--no-train]

Inference: each peer's logits on the exported images (batch 128 and 1) against the SavedModel's
own serving_default logits (tf.saved_model.load). The relative difference is
max|peer - savedmodel| / max|savedmodel| over the batch (logits of the benchmark model reach
1e14, so element-wise relative errors of near-zero logits mean nothing). Exits 1 when a peer is
above the tolerance, 2 when no peer could run.

Training (informative unless --train-tolerance is given): one step of every peer from the same
weights; the losses, updated weights and running statistics of JAX and TF-XLA against TF (there is no Java
training export to compare with).

Prints one JSON line per comparison.
"""

import argparse
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np

import odenet_model


def rel(a, b):
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-30))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("export")
    ap.add_argument("--peers", default=",".join(odenet_model.PEERS))
    ap.add_argument("--tolerance", type=float, default=1e-4)
    ap.add_argument("--no-train", action="store_true")
    ap.add_argument("--train-tolerance", type=float, default=None)
    a = ap.parse_args()

    import tensorflow as tf

    spec, weights, inputs, labels = odenet_model.load_export(a.export)
    params, _ = odenet_model.split(weights)
    saved = tf.saved_model.load(os.path.join(a.export, spec["saved_model"]))
    serve = saved.signatures["serving_default"]
    reference = {b: serve(images=tf.constant(x))["logits"].numpy() for b, x in inputs.items()}
    print(json.dumps({
        "model": {k: spec[k] for k in ("width", "k", "steps", "epsilon", "coefficient_init", "randomize_bn")},
        "parameters": odenet_model.parameter_count(params),
        "savedmodel_max_abs_logit": {str(b): float(np.max(np.abs(r))) for b, r in reference.items()},
    }))

    failed, ran, losses, trained = False, 0, {}, {}
    for peer in a.peers.split(","):
        try:
            model = odenet_model.make(peer, spec, weights)
        except ImportError as e:
            print(json.dumps({"peer": peer, "skipped": f"not installed: {e}"}))
            continue
        ran += 1
        for b, x in inputs.items():
            logits = model.ready(model.infer(model.device_put(x)))
            d = rel(logits, reference[b])
            ok = d <= a.tolerance
            failed |= not ok
            print(json.dumps({"peer": peer, "check": f"logits vs SavedModel, batch {b}",
                              "max_rel_diff": d, "tolerance": a.tolerance, "ok": ok}))
        if not a.no_train:
            x, y = model.device_put(inputs[128]), model.device_put(labels)
            losses[peer] = float(model.ready(model.train_step(x, y)))
            trained[peer] = {k: np.asarray(v) for k, v in {**model.params, **model.state}.items()}
        del model

    if len(losses) > 1:
        base = "tf" if "tf" in losses else next(iter(losses))
        for peer, loss in losses.items():
            if peer == base:
                continue
            d_loss = abs(loss - losses[base]) / max(abs(losses[base]), 1e-30)
            # per tensor max|d|/max|ref|; tensors that stay ~0 (e.g. the beta of a BN followed by a
            # batch-statistics BN: gradient 0 up to round-off) have no meaningful relative error
            diffs = {k: rel(trained[peer][k], trained[base][k]) for k in trained[base]
                     if np.max(np.abs(trained[base][k])) >= 1e-6}
            worst = max(diffs, key=diffs.get)
            line = {"peer": peer, "check": f"one training step vs {base}", "loss": loss,
                    "loss_" + base: losses[base], "loss_rel_diff": d_loss,
                    "updated_tensors_rel_diff": {"median": float(np.median(list(diffs.values()))),
                                                 "max": diffs[worst], "worst": worst,
                                                 "compared": len(diffs),
                                                 "skipped_near_zero": len(trained[base]) - len(diffs)}}
            if a.train_tolerance is not None:
                line["ok"] = d_loss <= a.train_tolerance
                failed |= not line["ok"]
            print(json.dumps(line))
    elif losses:
        print(json.dumps({"training_step_loss": losses}))

    if ran == 0:
        print(json.dumps({"error": "no peer could run"}))
        sys.exit(2)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
