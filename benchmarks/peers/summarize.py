"""Summarises rounds.py's JSON lines: per case, each implementation's median over rounds of its
per-round medians, the per-round ratios odenet4j / peer (and their median), the fastest peer, the
model's FLOPs and each implementation's fraction of the machine's measured float32 peak.

    python summarize.py ROUNDS.jsonl EXPORT [--peak GFLOPS | --measure-peak] [--markdown]

FLOPs are counted from the export's peer.json (2 x multiply-adds of every convolution and the
dense head; BatchNorm, ReLU, additions and pooling are left out, under 1 % here): the stem, per
stage a stitch (3x3 conv, stride 1 in stage 1 and 2 after, a second 3x3 conv, a 1x1 projection
when the width changes) and an ODE block of `steps` Euler steps of one unit (two 3x3 convs). A
training step is counted as 3 x forward (forward, input gradient, weight gradient).

--measure-peak times float32 matrix products (2048 and 4096, numpy and, when installed, JAX jit)
and takes the best: a practical peak of the machine, not a datasheet number.
"""
import argparse
import json
import statistics
import time

import numpy as np

CASES = {"infer128": 128, "infer1": 1, "train128": 128}


def conv(h, w, cin, cout, k):
    return 2 * h * w * cin * cout * k * k


def forward_flops(spec):
    h, w, c = spec["input"]
    width, steps = spec["width"], spec["steps"]
    units_per_step = {"euler": 1, "midpoint": 2, "rk4": 4}[spec["scheme"]]
    total = conv(h, w, c, width, 3)  # stem
    cin = width
    for stage in range(3):
        cout = width * 2 ** stage
        stride = 1 if stage == 0 else 2
        h, w = -(-h // stride), -(-w // stride)
        total += conv(h, w, cin, cout, 3) + conv(h, w, cout, cout, 3)
        if cin != cout or stride != 1:
            total += conv(h, w, cin, cout, 1)
        total += steps * units_per_step * 2 * conv(h, w, cout, cout, 3)
        cin = cout
    return total + 2 * cin * spec["classes"]


def measure_peak():
    best = {}
    for n in (2048, 4096):
        a = np.random.default_rng(0).standard_normal((n, n), dtype=np.float32)
        times = []
        for _ in range(5):
            t = time.perf_counter()
            a @ a
            times.append(time.perf_counter() - t)
        best[f"numpy_{n}"] = 2 * n ** 3 / min(times) / 1e9
        try:
            import jax
            import jax.numpy as jnp
            x = jnp.asarray(a)
            f = jax.jit(lambda m: m @ m)
            f(x).block_until_ready()
            times = []
            for _ in range(5):
                t = time.perf_counter()
                f(x).block_until_ready()
                times.append(time.perf_counter() - t)
            best[f"jax_{n}"] = 2 * n ** 3 / min(times) / 1e9
        except ImportError:
            pass
    return max(best.values()), best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rounds")
    ap.add_argument("export")
    ap.add_argument("--peak", type=float, help="GFLOP/s to compare with")
    ap.add_argument("--measure-peak", action="store_true")
    a = ap.parse_args()

    with open(f"{a.export}/peer.json") as f:
        spec = json.load(f)
    rows = [json.loads(l) for l in open(a.rounds) if l.strip()]
    timed = [r for r in rows if "median_ms" in r]
    peers = sorted({r["peer"] for r in timed} - {"java"})
    peak, detail = (a.peak, {}) if a.peak else measure_peak() if a.measure_peak else (None, {})
    fwd = forward_flops(spec)
    print(f"forward FLOPs per image: {fwd:,} ({fwd / 1e6:.1f} MFLOP)")
    if peak:
        print(f"peak: {peak:.0f} GFLOP/s " + json.dumps({k: round(v) for k, v in detail.items()}))
    head = ["case", "odenet4j"] + peers + ["fastest peer", "odenet4j / fastest (per-round)"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    gflops = {}
    for case, batch in CASES.items():
        by = {}
        for r in timed:
            if r["case"] == case:
                by.setdefault(r["peer"], {})[r["round"]] = r["median_ms"]
        if "java" not in by:
            continue
        med = {p: statistics.median(v.values()) for p, v in by.items()}
        fastest = min(peers, key=lambda p: med.get(p, float("inf")))
        rounds = sorted(set(by["java"]) & set(by.get(fastest, {})))
        ratios = [by["java"][k] / by[fastest][k] for k in rounds]
        cells = [case, f"{med['java']:.1f}"] + [f"{med[p]:.1f}" if p in med else "–" for p in peers]
        cells += [fastest, f"**{statistics.median(ratios):.2f}** (" + ", ".join(f"{x:.2f}" for x in ratios) + ")"]
        print("| " + " | ".join(cells) + " |")
        work = fwd * batch * (3 if case.startswith("train") else 1)
        gflops[case] = {p: work / (m / 1e3) / 1e9 for p, m in med.items()}
    print()
    print("| case | " + " | ".join(["odenet4j"] + peers) + " |")
    print("|" + "---|" * (len(peers) + 2))
    for case, g in gflops.items():
        cells = []
        for p in ["java"] + peers:
            if p not in g:
                cells.append("–")
                continue
            cells.append(f"{g[p]:.1f} GFLOP/s" + (f" ({100 * g[p] / peak:.0f} %)" if peak else ""))
        print(f"| {case} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
