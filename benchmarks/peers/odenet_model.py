"""The odenet4j benchmark image model written independently in JAX and in TensorFlow Python.

A benchmark tool, not part of the product. The network (what PeerExport exports, see
peer.json): stem conv3x3 + BN + relu; three stages of (residual stitch, ODE block) at widths
w, 2w, 4w and strides 1, 2, 2; head BN, global mean, dense. Each ODE block integrates
dh/dt = eps * R(theta(t), h) over [0, 1] with N Euler steps, R = conv(relu(BN(conv(relu(BN(h)))))),
theta(t) = sum_k phi_k(t) C_k with piecewise_constant:K, i.e. step n (t = n/N, read from the
right) uses coefficient floor(n K / N). BatchNorms inside the blocks are continuous in depth:
inference reads the running-statistic coefficient of the step; training refits every reached
coefficient to m * old + (1 - m) * (mean of the batch statistics of the steps it covers), clamping
a variance <= 0 to 1e-5; unreached coefficients keep their value.

The network structure is written once (`forward`) over a few primitives that each framework
provides (`JaxOps`, `TfOps`); the training steps are each framework's own (jax.value_and_grad,
tf.GradientTape). Weights come from the exported version's variables/ checkpoint.
"""

import json
import os

import numpy as np

BN_EPSILON = 1e-5
BN_MOMENTUM = 0.9
VARIANCE_FLOOR = 1e-5
STATE_SUFFIXES = ("/moving_mean", "/moving_variance")


# ----------------------------------------------------------------------------------------------
# The export: spec, weights, inputs


def load_export(directory):
    """peer.json, the weights {name: float32 array} and the inputs of a PeerExport directory."""
    with open(os.path.join(directory, "peer.json")) as f:
        spec = json.load(f)
    if spec["basis"] != "piecewise_constant" or spec["scheme"] != "euler":
        raise ValueError(
            f"peer model: expected piecewise_constant with euler, found {spec['basis']} {spec['scheme']}"
        )
    import tensorflow as tf  # the checkpoint reader; TensorFlow is needed for the check anyway

    reader = tf.train.load_checkpoint(os.path.join(directory, spec["saved_model"], "variables", "variables"))
    dtypes = reader.get_variable_to_dtype_map()
    weights = {}
    for name in reader.get_variable_to_shape_map():
        if dtypes[name] != tf.float32 or name.endswith("variance_clamps") or name.startswith("optimizer"):
            continue
        weights[name] = np.asarray(reader.get_tensor(name), dtype=np.float32)
    h, w, c = spec["input"]
    inputs = {}
    for batch, file in spec["images"].items():
        data = np.fromfile(os.path.join(directory, file), dtype="<f4")
        inputs[int(batch)] = data.reshape(int(batch), h, w, c)
    labels = np.fromfile(os.path.join(directory, spec["labels"]), dtype="<i4")
    return spec, weights, inputs, labels


def split(weights):
    """(parameters, state): running statistics are state, everything else is trained."""
    params = {k: v for k, v in weights.items() if not k.endswith(STATE_SUFFIXES)}
    state = {k: v for k, v in weights.items() if k.endswith(STATE_SUFFIXES)}
    return params, state


def step_cells(k, steps):
    """Coefficient read by each Euler step: t = n/N from the right, cell floor(n K / N)."""
    return [(n * k) // steps for n in range(steps)]


def parameter_count(params):
    return int(sum(v.size for v in params.values()))


# ----------------------------------------------------------------------------------------------
# The network, once, over framework primitives


def forward(ops, spec, params, state, x, train):
    """Logits, and in training the new value of every running statistic (by checkpoint name)."""
    updates = {}

    def plain_bn(name, h):
        g, b = params[name + "/gamma"], params[name + "/beta"]
        if not train:
            return ops.bn_infer(h, g, b, state[name + "/moving_mean"], state[name + "/moving_variance"])
        y, mean, var = ops.bn_train(h, g, b)
        for suffix, batch in (("/moving_mean", mean), ("/moving_variance", var)):
            updates[name + suffix] = state[name + suffix] * BN_MOMENTUM + batch * (1.0 - BN_MOMENTUM)
        return y

    def stitch(name, h, width, stride):
        x_in = h
        h = ops.relu(plain_bn(name + "/bn1", h))
        h = ops.conv(h, params[name + "/conv1/kernel"], stride)
        h = ops.relu(plain_bn(name + "/bn2", h))
        h = ops.conv(h, params[name + "/conv2/kernel"], 1)
        skip = x_in
        if ops.channels(x_in) != width or stride != 1:
            skip = plain_bn(name + "/skip_bn", ops.conv(x_in, params[name + "/skip_conv/kernel"], stride))
        if spec["stitch_epsilon"] != 1.0:
            h = h * np.float32(spec["stitch_epsilon"])
        return skip + h

    def block(name, h):
        k, steps = spec["k"], spec["steps"]
        cells = step_cells(k, steps)
        dt = spec["epsilon"] / steps
        seen = {}  # BN name -> per-step (mean, biased variance)

        def bn(bn_name, h, cell, n):
            full = name + "/" + bn_name
            g, b = params[full + "/gamma"][cell], params[full + "/beta"][cell]
            if not train:
                mean = state[full + "/moving_mean"][cell]
                var = state[full + "/moving_variance"][cell]
                return ops.bn_infer(h, g, b, mean, var)
            y, mean, var = ops.bn_train(h, g, b)
            seen.setdefault(full, [None] * steps)[n] = (mean, var)
            return y

        for n, cell in enumerate(cells):
            r = ops.relu(bn("bn1", h, cell, n))
            r = ops.conv(r, params[name + "/conv1/kernel"][cell], 1)
            r = ops.relu(bn("bn2", r, cell, n))
            r = ops.conv(r, params[name + "/conv2/kernel"][cell], 1)
            h = h + r if dt == 1.0 else h + r * np.float32(dt)
        for full, stats in seen.items():
            for which, suffix in ((0, "/moving_mean"), (1, "/moving_variance")):
                old = state[full + suffix]
                rows = []
                for c in range(k):
                    covered = [stats[n][which] for n in range(steps) if cells[n] == c]
                    if not covered:
                        rows.append(old[c])
                        continue
                    fitted = covered[0] if len(covered) == 1 else ops.mean_of(covered)
                    row = old[c] * BN_MOMENTUM + fitted * (1.0 - BN_MOMENTUM)
                    if which == 1:
                        row = ops.floor_nonpositive(row, VARIANCE_FLOOR)
                    rows.append(row)
                updates[full + suffix] = ops.stack(rows)
        return h

    w = spec["width"]
    h = ops.conv(x, params["stem/conv/kernel"], 1)
    h = ops.relu(plain_bn("stem/bn", h))
    for s, (width, stride) in enumerate(zip((w, 2 * w, 4 * w), (1, 2, 2))):
        h = stitch(f"stage{s + 1}/stitch", h, width, stride)
        h = block(f"stage{s + 1}/block", h)
    h = plain_bn("head/bn", h)
    h = ops.spatial_mean(h)
    logits = ops.matmul(h, params["head/dense/kernel"]) + params["head/dense/bias"]
    return logits, updates


# ----------------------------------------------------------------------------------------------
# JAX


class JaxOps:
    """jax.numpy / lax primitives; BatchNorm composed of jnp ops (XLA fuses it)."""

    def __init__(self):
        import jax
        import jax.numpy as jnp
        from jax import lax

        self.jax, self.jnp, self.lax = jax, jnp, lax

    def conv(self, x, kernel, stride):
        if kernel.shape[0] == 1 and stride > 1:  # 1x1 strided: subsample, then a stride-1 conv
            x, stride = x[:, ::stride, ::stride, :], 1
        return self.lax.conv_general_dilated(
            x, kernel, (stride, stride), "SAME", dimension_numbers=("NHWC", "HWIO", "NHWC")
        )

    def channels(self, x):
        return x.shape[-1]

    def bn_infer(self, x, gamma, beta, mean, var):
        scale = gamma * self.lax.rsqrt(var + BN_EPSILON)
        return x * scale + (beta - mean * scale)

    def bn_train(self, x, gamma, beta):
        jnp = self.jnp
        mean = jnp.mean(x, axis=(0, 1, 2))
        var = jnp.mean(jnp.square(x - mean), axis=(0, 1, 2))  # biased
        y = (x - mean) * (gamma * self.lax.rsqrt(var + BN_EPSILON)) + beta
        return y, self.lax.stop_gradient(mean), self.lax.stop_gradient(var)

    def relu(self, x):
        return self.jax.nn.relu(x)

    def spatial_mean(self, x):
        return self.jnp.mean(x, axis=(1, 2))

    def matmul(self, a, b):
        return a @ b

    def mean_of(self, xs):
        return self.jnp.mean(self.jnp.stack(xs), axis=0)

    def stack(self, xs):
        return self.jnp.stack(xs)

    def floor_nonpositive(self, x, floor):
        return self.jnp.where(x <= 0, np.float32(floor), x)


class JaxModel:
    """Jitted inference and training step (SGD, Nesterov momentum, coupled weight decay)."""

    def __init__(self, spec, weights):
        import jax
        import jax.numpy as jnp

        self.jax, self.spec, self.ops = jax, spec, JaxOps()
        params, state = split(weights)
        self.params = {k: jnp.asarray(v) for k, v in params.items()}
        self.state = {k: jnp.asarray(v) for k, v in state.items()}
        self.momentum = {k: jnp.zeros_like(v) for k, v in self.params.items()}
        lr, mom, wd = (np.float32(spec[k]) for k in ("learning_rate", "momentum", "weight_decay"))
        if not spec["nesterov"]:
            raise ValueError("peer training step: expected Nesterov momentum, found plain momentum")
        ops = self.ops

        def infer(params, state, x):
            return forward(ops, spec, params, state, x, False)[0]

        def loss_fn(params, state, x, y):
            logits, updates = forward(ops, spec, params, state, x, True)
            logp = jax.nn.log_softmax(logits)
            loss = -jnp.mean(jnp.take_along_axis(logp, y[:, None], axis=1))
            return loss, updates

        def train_step(params, state, moment, x, y):
            (loss, updates), grads = jax.value_and_grad(loss_fn, has_aux=True)(params, state, x, y)
            new_p, new_m = {}, {}
            for k, p in params.items():
                g = grads[k] + p * wd
                m = moment[k] * mom + g
                new_m[k] = m
                new_p[k] = p - (g * lr + m * (lr * mom))  # ApplyMomentum with use_nesterov
            return new_p, {**state, **updates}, new_m, loss

        self._infer = jax.jit(infer)
        self._train = jax.jit(train_step, donate_argnums=(0, 1, 2))

    def infer(self, x):
        return self._infer(self.params, self.state, x)

    def train_step(self, x, y):
        self.params, self.state, self.momentum, loss = self._train(
            self.params, self.state, self.momentum, x, y
        )
        return loss

    def device_put(self, x):
        return self.jax.device_put(x)

    @staticmethod
    def ready(value):
        return np.asarray(value.block_until_ready())


# ----------------------------------------------------------------------------------------------
# TensorFlow Python


class TfOps:
    """tf.nn primitives; BatchNorm is TensorFlow's fused kernel (FusedBatchNormV3), as Keras uses."""

    def __init__(self):
        import tensorflow as tf

        self.tf = tf
        self.empty = tf.constant([], tf.float32)

    def conv(self, x, kernel, stride):
        if kernel.shape[0] == 1 and stride > 1:  # 1x1 strided: subsample, then a stride-1 conv
            x, stride = x[:, ::stride, ::stride, :], 1
        return self.tf.nn.conv2d(x, kernel, strides=stride, padding="SAME")

    def channels(self, x):
        return x.shape[-1]

    def bn_infer(self, x, gamma, beta, mean, var):
        return self.tf.raw_ops.FusedBatchNormV3(
            x=x, scale=gamma, offset=beta, mean=mean, variance=var,
            epsilon=BN_EPSILON, data_format="NHWC", is_training=False,
        )[0]

    def bn_train(self, x, gamma, beta):
        tf = self.tf
        out = tf.raw_ops.FusedBatchNormV3(
            x=x, scale=gamma, offset=beta, mean=self.empty, variance=self.empty,
            epsilon=BN_EPSILON, data_format="NHWC", is_training=True,
        )
        n = tf.cast(tf.size(x) // tf.shape(x)[-1], tf.float32)
        biased = out[2] * ((n - 1.0) / n)  # the kernel's batch variance is Bessel-corrected
        return out[0], tf.stop_gradient(out[1]), tf.stop_gradient(biased)

    def relu(self, x):
        return self.tf.nn.relu(x)

    def spatial_mean(self, x):
        return self.tf.reduce_mean(x, axis=[1, 2])

    def matmul(self, a, b):
        return self.tf.matmul(a, b)

    def mean_of(self, xs):
        return self.tf.reduce_mean(self.tf.stack(xs), axis=0)

    def stack(self, xs):
        return self.tf.stack(xs)

    def floor_nonpositive(self, x, floor):
        return self.tf.where(x <= 0, self.tf.constant(floor, self.tf.float32), x)


class TfModel:
    """tf.function inference and training step over tf.Variables; jit_compile for XLA."""

    def __init__(self, spec, weights, xla):
        import tensorflow as tf

        self.tf, self.spec, self.ops = tf, spec, TfOps()
        params, state = split(weights)
        self.params = {k: tf.Variable(v, name=k.replace("/", "_")) for k, v in params.items()}
        self.state = {k: tf.Variable(v, trainable=False, name=k.replace("/", "_")) for k, v in state.items()}
        self.momentum = {k: tf.Variable(tf.zeros_like(v), trainable=False) for k, v in params.items()}
        lr, mom, wd = (float(spec[k]) for k in ("learning_rate", "momentum", "weight_decay"))
        if not spec["nesterov"]:
            raise ValueError("peer training step: expected Nesterov momentum, found plain momentum")
        ops, names = self.ops, sorted(params)

        def infer(x):
            return forward(ops, spec, self.params, self.state, x, False)[0]

        def train_step(x, y):
            with tf.GradientTape() as tape:
                logits, updates = forward(ops, spec, self.params, self.state, x, True)
                loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
            grads = tape.gradient(loss, [self.params[k] for k in names])
            for k, g in zip(names, grads):
                v = self.params[k]
                tf.raw_ops.ResourceApplyMomentum(
                    var=v.handle, accum=self.momentum[k].handle, lr=tf.constant(lr, tf.float32),
                    grad=g + v * wd, momentum=tf.constant(mom, tf.float32), use_nesterov=True,
                )
            for k, value in updates.items():
                self.state[k].assign(value)
            return loss

        self._infer = tf.function(infer, jit_compile=xla)
        self._train = tf.function(train_step, jit_compile=xla)

    def infer(self, x):
        return self._infer(x)

    def train_step(self, x, y):
        return self._train(x, y)

    def device_put(self, x):
        return self.tf.constant(x)

    @staticmethod
    def ready(value):
        return value.numpy()


PEERS = ("jax", "tf", "tf-xla")


def make(peer, spec, weights):
    """A peer model, or raises ImportError when its framework is not installed."""
    if peer == "jax":
        return JaxModel(spec, weights)
    if peer in ("tf", "tf-xla"):
        return TfModel(spec, weights, xla=peer == "tf-xla")
    raise ValueError(f"peer: expected one of {PEERS}, found {peer}")
