"""Test fixture for PythonLoaderInteropTest: loads SavedModels with TensorFlow's own Python loader.

Usage: python tf_load_run.py JOB.json

JOB.json: {"versions": [{"dir": D, "out": O, "inputs": {NAME: {"file": F, "dtype": T,
"shape": [...]}}}, ...]}. Each input file holds raw little-endian values. For every version the
script calls tf.saved_model.load(D).signatures["serving_default"] with the inputs and writes each
output to O/NAME.bin (raw little-endian) plus O/outputs.json ({NAME: {"dtype", "shape"}}). It
prints one JSON line: {"tensorflow": tf.__version__, "python": the Python version}.
"""
import json
import os
import platform
import sys

import numpy as np
import tensorflow as tf


def main(job_path):
    with open(job_path, encoding="utf-8") as f:
        job = json.load(f)
    for version in job["versions"]:
        loaded = tf.saved_model.load(version["dir"])
        fn = loaded.signatures["serving_default"]
        feeds = {}
        for name, spec in version["inputs"].items():
            dtype = np.dtype(spec["dtype"]).newbyteorder("<")
            values = np.fromfile(spec["file"], dtype=dtype).reshape(spec["shape"])
            feeds[name] = tf.constant(values.astype(spec["dtype"]))
        outputs = fn(**feeds)
        os.makedirs(version["out"], exist_ok=True)
        header = {}
        for name, tensor in outputs.items():
            array = tensor.numpy()
            le = array.astype(array.dtype.newbyteorder("<"))
            le.tofile(os.path.join(version["out"], name + ".bin"))
            header[name] = {"dtype": array.dtype.name, "shape": list(array.shape)}
        with open(os.path.join(version["out"], "outputs.json"), "w", encoding="utf-8") as f:
            json.dump(header, f)
    print(json.dumps({"tensorflow": tf.__version__, "python": platform.python_version()}))


if __name__ == "__main__":
    main(sys.argv[1])
