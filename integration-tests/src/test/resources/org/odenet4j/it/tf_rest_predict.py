"""Test fixture for ServingInteropTest: answers TensorFlow Serving REST predict request bodies with
TensorFlow's own Python loader, the way TensorFlow Serving's REST API does.

Usage: python tf_rest_predict.py JOB.json

JOB.json: {"requests": [{"dir": D, "body": B, "out": O}, ...]}. For each request the script loads
D with tf.saved_model.load, decodes the body B ({"instances": ...} row format or {"inputs": ...}
columnar, optional "signature_name", {"b64": ...} for binary strings), calls the signature and
writes the response to O: {"predictions": [...]} for rows, {"outputs": ...} for columns (one
output: its bare value; several: an object by output name). Strings are written as UTF-8 text.
It prints one JSON line: {"tensorflow": tf.__version__, "python": the Python version}.
"""
import base64
import json
import platform
import sys

import numpy as np
import tensorflow as tf


def decode_b64(value):
    if isinstance(value, dict) and set(value) == {"b64"}:
        return base64.b64decode(value["b64"])
    if isinstance(value, list):
        return [decode_b64(v) for v in value]
    if isinstance(value, dict):
        return {k: decode_b64(v) for k, v in value.items()}
    return value


def tensor(value, spec):
    if spec.dtype == tf.string:
        return tf.constant(value, dtype=tf.string)
    return tf.constant(np.array(value, dtype=spec.dtype.as_numpy_dtype))


def feeds(body, specs):
    names = list(specs)
    if "instances" in body:
        instances = decode_b64(body["instances"])  # {"b64": ...} is bytes from here on
        if instances and isinstance(instances[0], dict):  # named inputs per instance
            return {n: tensor([i[n] for i in instances], specs[n]) for n in names}, "row"
        return {names[0]: tensor(instances, specs[names[0]])}, "row"
    inputs = decode_b64(body["inputs"])
    if isinstance(inputs, dict):
        return {n: tensor(inputs[n], specs[n]) for n in names}, "columnar"
    return {names[0]: tensor(inputs, specs[names[0]])}, "columnar"


def plain(array):
    if array.dtype.kind in ("S", "O"):
        return np.vectorize(lambda b: b.decode("utf-8"), otypes=[object])(array).tolist()
    return array.tolist()


def response(outputs, form):
    names = sorted(outputs)
    arrays = {n: outputs[n].numpy() for n in names}
    if form == "row":
        rows = []
        for i in range(len(arrays[names[0]])):
            row = {n: plain(arrays[n][i : i + 1])[0] for n in names}
            rows.append(row[names[0]] if len(names) == 1 else row)
        return {"predictions": rows}
    if len(names) == 1:
        return {"outputs": plain(arrays[names[0]])}
    return {"outputs": {n: plain(arrays[n]) for n in names}}


def main(job_path):
    with open(job_path, encoding="utf-8") as f:
        job = json.load(f)
    loaded = {}
    for request in job["requests"]:
        if request["dir"] not in loaded:
            loaded[request["dir"]] = tf.saved_model.load(request["dir"])
        with open(request["body"], encoding="utf-8") as f:
            body = json.load(f)
        fn = loaded[request["dir"]].signatures[body.get("signature_name", "serving_default")]
        specs = fn.structured_input_signature[1]
        inputs, form = feeds(body, specs)
        with open(request["out"], "w", encoding="utf-8") as f:
            json.dump(response(fn(**inputs), form), f)
    print(json.dumps({"tensorflow": tf.__version__, "python": platform.python_version()}))


if __name__ == "__main__":
    main(sys.argv[1])
