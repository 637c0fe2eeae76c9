#!/usr/bin/python3
"""MoE Lab beside its fastest peer: moelab-cli against PyTorch (and NumPy), as ratios.

Run with Debian's Python, which is where python3-torch and python3-numpy install:

    /usr/bin/python3 bench/compare_pytorch.py [--build build/release] [--repeat 3]

W1: the vowels of Jacobs et al. (1991), 408 training cases x 2 formants, 4 linear softmax experts
    and a linear softmax gate, mixture NLL, full-batch SGD (lr 0.5): time per epoch.
W2: Fashion-MNIST, 60000 x 784, 8 linear softmax experts and a linear softmax gate, mixture NLL,
    shuffled mini-batches of 128, SGD (lr 0.05), one epoch: time per epoch, beside an Eigen SGEMM
    of the same shapes (moelab_bench_core's W2_FashionGemmBaseline) timed by the same script.
W2-K: W2 with top-K routing at K = 1, 2 and 8 of the 8 experts: each expert computes only the
    cases routed to it, so an epoch gets faster as K falls; the speed-up against K = 8 (dense) of
    the same run, beside PyTorch dispatching each expert's cases with index_select.

The machine may be shared and noisy, so every figure is read against moelab-cli measured in the
same run: the implementations take turns (run 1 of each, then run 2 of each, ...) and the median
of --repeat runs is reported. See bench/README.md.
"""

import argparse
import ctypes
import csv
import gzip
import importlib
import itertools
import json
import math
import os
import platform
import re
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import numpy as np
except ImportError:
    np = None

REPO = Path(__file__).resolve().parent.parent
CLI_RELATIVE = Path("app") / "moelab-cli"
BENCH_RELATIVE = Path("bench") / "moelab_bench_core"
VOWELS_CSV = REPO / "datasets" / "peterson_barney_1952.csv"
FASHION_DEFAULT_DIR = "/usr/share/datasets/fashion-mnist"

THREAD_COUNTS = (1, 2)

# W1: datasets/README.md and core/data/vowels.cpp. Labels in the paper's order [i] [I] [a] [A].
W1_VOWELS = ("iy", "ih", "aa", "ah")
W1_TRAIN_CASES = 408
W1_EXPERTS = 4
W1_CLASSES = 4
W1_LR = 0.5
W1_GRADIENT_TOLERANCE = 1e-8  # finite differences against the hand-written gradient, float64

# W2.
W2_TRAIN_CASES = 60000
W2_TEST_CASES = 10000
W2_INPUTS = 784
W2_EXPERTS = 8
W2_CLASSES = 10
W2_BATCH = 128
W2_LR = 0.05
W2_WARMUP_BATCHES = 50
SPARSE_KS = (1, 2, 8)  # W2-K: routed experts per case; 8 of 8 is the dense baseline
GEMM_BENCHMARK = "W2_FashionGemmBaseline"
EVAL_CHUNK = 10000

MIB = 1024.0 * 1024.0


# ---- small helpers -----------------------------------------------------------------------------


class BenchError(RuntimeError):
    """A measurement that cannot be made as specified; the message says what was missing."""


def say(text=""):
    print(text, flush=True)


def import_torch(skip):
    if skip:
        return None
    try:
        return importlib.import_module("torch")
    except ImportError:
        say("PyTorch is missing: install the Debian package python3-torch "
            "(apt-get install python3-torch) and run this script with /usr/bin/python3.")
        return None


def loaded_blas_libraries():
    """The BLAS/LAPACK shared libraries this process has mapped (after numpy/torch loaded)."""
    names = set()
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            for line in maps:
                path = line.split()[-1]
                base = os.path.basename(path).lower()
                if path.startswith("/") and any(k in base for k in ("blas", "mkl", "blis", "atlas")):
                    names.add(path)
    except OSError:
        pass
    return sorted(names)


def blas_warning(paths, torch_loaded):
    """Why the loaded BLAS would make the peers slower than they need to be, or None."""
    if not paths:
        return None
    if any(re.search(r"/blas/libblas\.so", p) for p in paths) and not any(
            re.search(r"openblas|mkl|blis|atlas", p) for p in paths):
        return ("NumPy/PyTorch use Debian's reference BLAS (libblas3), about 20x slower than "
                "OpenBLAS here; install libopenblas0-openmp (scripts/setup.sh --bench).")
    if torch_loaded and any("openblas-pthread" in p for p in paths):
        return ("the pthread build of OpenBLAS keeps a thread pool beside PyTorch's OpenMP one, "
                "so the T=2 PyTorch rows oversubscribe the cores; install libopenblas0-openmp "
                "(scripts/setup.sh --bench) and select it with update-alternatives.")
    return None


def set_blas_threads(count):
    """OpenBLAS keeps its own thread count, which torch.set_num_threads does not set."""
    for path in loaded_blas_libraries():
        if "openblas" in os.path.basename(path):
            try:
                ctypes.CDLL(path).openblas_set_num_threads(ctypes.c_int(count))
            except (OSError, AttributeError):
                pass


def set_threads(torch, count):
    if torch is not None:
        torch.set_num_threads(count)
    set_blas_threads(count)


def interleaved_medians(runners, repeat):
    """Runs each runner `repeat` times, taking turns, and keeps the median-time measurement.

    `runners` maps a key to a function returning a dict with at least "seconds" (per epoch).
    """
    samples = {key: [] for key in runners}
    for round_index in range(repeat):
        for key, runner in runners.items():
            result = runner()
            samples[key].append(result)
            say(f"  run {round_index + 1}/{repeat}  {key:<34} {format_seconds(result['seconds'])}")
    chosen = {}
    for key, results in samples.items():
        ordered = sorted(results, key=lambda r: r["seconds"])
        median = dict(ordered[(len(ordered) - 1) // 2])
        median["seconds"] = statistics.median(r["seconds"] for r in results)
        median["all_seconds"] = [r["seconds"] for r in results]
        chosen[key] = median
    return chosen


def format_spread(all_seconds):
    if not all_seconds or len(all_seconds) < 2:
        return "-"
    return f"{100 * (max(all_seconds) - min(all_seconds)) / statistics.median(all_seconds):.0f} %"


def format_seconds(seconds):
    if seconds is None or math.isnan(seconds):
        return "-"
    if seconds >= 0.1:
        return f"{seconds:.3f} s"
    if seconds >= 1e-4:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} us"


# ---- moelab-cli ---------------------------------------------------------------------------------


class MoelabCli:
    """moelab-cli train, with its flags read from `train --help` (the CLI changes over time)."""

    LABEL_LINE = re.compile(r"^(?P<label>[a-z][a-z /]*[a-z])\s{2,}(?P<value>\S.*?)\s*$")
    NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
    TIME_UNITS = {"s": 1.0, "ms": 1e-3, "us": 1e-6, "µs": 1e-6}

    def __init__(self, path):
        self.path = Path(path)
        completed = subprocess.run([str(self.path), "train", "--help"], capture_output=True,
                                   text=True, check=False)
        if completed.returncode != 0:
            raise BenchError(f"'{self.path} train --help' failed: {completed.stderr.strip()}")
        self.help = completed.stdout
        self.flags = set(re.findall(r"(?m)^\s*(--[a-z][a-z0-9-]*)", self.help))
        for needed in ("--dataset", "--experts", "--epochs", "--threads"):
            if needed not in self.flags:
                raise BenchError(f"moelab-cli train --help lists no {needed} flag.")
        # --size became --cases; whichever the CLI has sets the number of training cases.
        self.cases_flag = next((f for f in ("--cases", "--size") if f in self.flags), None)
        self.has_precision = "--precision" in self.flags
        json_help = re.search(r"(?m)^\s*--json(?:[ =](?P<metavar>[A-Z][A-Z_]*))?", self.help)
        self.json_mode = None if json_help is None else (
            "file" if json_help.group("metavar") else "stdout")

    def describe(self):
        return "moelab-cli" + (" float" if self.has_precision else " (double)")

    def command(self, options, threads, cases=None):
        args = [str(self.path), "train"]
        for flag, value in options.items():
            args += [flag, str(value)]
        if cases is not None:
            if self.cases_flag is None:
                raise BenchError("moelab-cli train --help lists neither --cases nor --size.")
            args += [self.cases_flag, str(cases)]
        if self.has_precision:
            args += ["--precision", "float"]
        args += ["--threads", str(threads)]
        return args

    def train(self, options, threads, cases=None, expected_train_cases=None):
        """Runs one training; returns seconds (whole run), epochs, loss, accuracies, peak RSS."""
        args = self.command(options, threads, cases)
        report = None
        if self.json_mode is not None:
            report = self._run_with_json(args)
        if report is None:
            stdout, peak_rss = self._run(args)
            report = self.parse_label_lines(stdout)
            report["peak_rss_bytes"] = report.get("own_peak_bytes") or peak_rss
        if expected_train_cases is not None and report.get("train_cases") not in (
                None, expected_train_cases):
            raise BenchError(f"moelab-cli trained on {report['train_cases']} cases, expected "
                             f"{expected_train_cases}: {' '.join(args)}")
        report["command"] = " ".join(args)
        return report

    def _run(self, args):
        """Runs the CLI and returns its stdout and its own peak resident set size in bytes."""
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            process = subprocess.Popen(args, stdout=out, stderr=err)
            # wait4 gives this child's own rusage; RUSAGE_CHILDREN would be the maximum over every
            # child so far (e.g. the SGEMM benchmark), not this run's.
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            stdout = out.read().decode("utf-8", "replace")
            stderr = err.read().decode("utf-8", "replace")
        if process.returncode != 0:
            raise BenchError(f"{' '.join(args)} exited with {process.returncode}:\n"
                             f"{stderr.strip()}")
        return stdout, usage.ru_maxrss * 1024  # Linux reports kilobytes

    def _run_with_json(self, args):
        """A run with --json (FILE or stdout, as the help shows); None when its report cannot be
        read, and the caller then runs without --json."""
        with tempfile.TemporaryDirectory() as folder:
            json_path = Path(folder) / "report.json"
            extra = ["--json", str(json_path)] if self.json_mode == "file" else ["--json"]
            try:
                stdout, peak_rss = self._run(args + extra)
                text = json_path.read_text() if self.json_mode == "file" else stdout
                report = self.parse_json(text) or self.parse_label_lines(stdout)
            except (BenchError, OSError, ValueError):
                return None
        report["peak_rss_bytes"] = peak_rss
        return report

    @staticmethod
    def parse_json(text):
        """The numbers of a JSON report, or None when it lacks the elapsed time or the epochs."""
        start = text.find("{")
        if start < 0:
            return None
        flat = {}  # the first value of each key, at any depth

        def walk(node):
            for key, value in node.items():
                if isinstance(value, dict):
                    walk(value)
                else:
                    flat.setdefault(key.lower(), value)

        report = json.loads(text[start:])
        # The final metrics first: the config also has a "loss" (its name) and an "epochs".
        if isinstance(report.get("metrics"), dict):
            walk(report["metrics"])
        walk(report)
        elapsed = next((flat[k] for k in ("elapsed_s", "elapsed_seconds", "elapsed", "seconds")
                        if isinstance(flat.get(k), (int, float))), None)
        epochs = flat.get("epochs")
        if elapsed is None or not isinstance(epochs, (int, float)):
            return None

        def fraction(key):
            value = flat.get(key)
            if not isinstance(value, (int, float)):
                return None
            return value / 100 if value > 1 else value

        return {"elapsed": float(elapsed), "epochs": int(epochs),
                "loss": flat.get("loss") if isinstance(flat.get("loss"), (int, float)) else None,
                "train_accuracy": fraction("train_accuracy"),
                "test_accuracy": fraction("test_accuracy"),
                "train_cases": flat.get("train_cases")}

    @classmethod
    def parse_label_lines(cls, stdout):
        """Reads 'label   value' lines (e.g. 'elapsed         1.07 s'); unknown labels are kept."""
        rows = {}
        for line in stdout.splitlines():
            match = cls.LABEL_LINE.match(line)
            if match:
                rows.setdefault(match.group("label"), match.group("value"))

        def number(label):
            match = cls.NUMBER.search(rows.get(label, ""))
            return float(match.group()) if match else None

        elapsed_text = rows.get("elapsed")
        epochs = number("epochs")
        if elapsed_text is None or epochs is None:
            missing = "elapsed" if elapsed_text is None else "epochs"
            raise BenchError(f"moelab-cli train printed no '{missing}' line; it printed:\n{stdout}")
        value = cls.NUMBER.search(elapsed_text)
        unit = elapsed_text[value.end():].strip().split(" ")[0] if value else ""
        if value is None or unit not in cls.TIME_UNITS:
            raise BenchError(f"cannot read the time in moelab-cli's line 'elapsed  {elapsed_text}'")
        train_cases = re.search(r"(\d+) train\b", rows.get("dataset", ""))
        # "elapsed  0.2443 s (training 0.1627 s, the rest metrics)": the training alone.
        training = re.search(r"training\s+(" + cls.NUMBER.pattern + r")\s*(\w+)", elapsed_text)
        # "peak memory  258.3 MB resident": the CLI's own high-water mark (this script's wait4
        # would also count the memory of the Python process it was forked from).
        peak = re.search(r"(" + cls.NUMBER.pattern + r")\s*MB", rows.get("peak memory", ""))
        percent = {label: number(label) for label in ("train accuracy", "test accuracy")}
        return {
            "elapsed": float(value.group()) * cls.TIME_UNITS[unit],
            "training": float(training.group(1)) * cls.TIME_UNITS.get(training.group(2), 1.0)
            if training and training.group(2) in cls.TIME_UNITS else None,
            "epochs": int(epochs),
            "loss": number("loss"),
            "train_accuracy": None if percent["train accuracy"] is None
            else percent["train accuracy"] / 100,
            "test_accuracy": None if percent["test accuracy"] is None
            else percent["test accuracy"] / 100,
            "train_cases": int(train_cases.group(1)) if train_cases else None,
            "own_peak_bytes": float(peak.group(1)) * 1e6 if peak else None,
        }


def cli_runner(cli, options, threads, cases, expected_train_cases):
    def run():
        # The runs are interleaved with PyTorch's in this process, whose OpenMP threads spin for a
        # while after each of its runs (libgomp's default wait policy) and would take a core from
        # the CLI: let them fall asleep first.
        time.sleep(1.0)
        report = cli.train(options, threads, cases, expected_train_cases)
        if report["epochs"] <= 0:
            raise BenchError(f"moelab-cli trained no epoch: {report['command']}")
        report["seconds"] = report["elapsed"] / report["epochs"]
        # The training alone (metrics excluded), when the CLI reports it.
        report["training_seconds"] = (report["training"] / report["epochs"]
                                      if report.get("training") is not None else None)
        return report

    return run


# ---- the mixture in PyTorch (W1 and W2) ---------------------------------------------------------


def torch_mixture_nll(torch, logits, labels, experts, classes):
    """Mean of -log sum_i p_i(x) o_i(x)[y]; logits = [gate (experts) | experts x classes]."""
    functional = torch.nn.functional
    log_gate = functional.log_softmax(logits[:, :experts], dim=1)
    log_experts = functional.log_softmax(logits[:, experts:].reshape(-1, experts, classes), dim=2)
    picked = log_experts.gather(2, labels.view(-1, 1, 1).expand(-1, experts, 1)).squeeze(2)
    return -torch.logsumexp(log_gate + picked, dim=1).mean()


def torch_mixture_layer(torch, inputs, experts, classes, seed):
    """One Linear for gate and experts; weights U(+-1/sqrt(inputs)) (PyTorch's and moelab's
    default), biases zero (as moelab)."""
    torch.manual_seed(seed)
    layer = torch.nn.Linear(inputs, experts + experts * classes)
    with torch.no_grad():
        layer.bias.zero_()
    return layer


def torch_evaluate(torch, layer, x, y, experts, classes):
    """Mean mixture NLL and accuracy of the mixture's prediction, without gradients."""
    functional = torch.nn.functional
    total_loss, correct = 0.0, 0
    with torch.no_grad():
        for start in range(0, x.shape[0], EVAL_CHUNK):
            xs, ys = x[start:start + EVAL_CHUNK], y[start:start + EVAL_CHUNK]
            logits = layer(xs)
            log_gate = functional.log_softmax(logits[:, :experts], dim=1)
            log_experts = functional.log_softmax(
                logits[:, experts:].reshape(-1, experts, classes), dim=2)
            log_mixture = torch.logsumexp(log_gate.unsqueeze(2) + log_experts, dim=1)
            total_loss -= float(log_mixture.gather(1, ys.view(-1, 1)).sum())
            correct += int((log_mixture.argmax(dim=1) == ys).sum())
    return total_loss / x.shape[0], correct / x.shape[0]


# ---- W2: Fashion-MNIST -------------------------------------------------------------------------


def fashion_directory():
    return Path(os.environ.get("MOELAB_FASHION_MNIST_DIR") or FASHION_DEFAULT_DIR)


def read_idx(path, magic):
    with gzip.open(path, "rb") as handle:
        data = handle.read()
    found, = struct.unpack(">I", data[:4])
    if found != magic:
        raise BenchError(f"{path} is not an IDX file of the expected kind (magic {found:#x}).")
    dimensions = magic & 0xFF
    shape = struct.unpack(f">{dimensions}I", data[4:4 + 4 * dimensions])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dimensions).reshape(shape)


def load_fashion():
    """Float32 images standardised per pixel over the training set (population std; a constant
    pixel's std is 1), as MoE Lab does, and int64 labels."""
    folder = fashion_directory()
    names = {part: folder / f"{part}.gz" for part in (
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")}
    for path in names.values():
        if not path.exists():
            raise BenchError(f"{path} is missing: install the Debian package dataset-fashion-mnist.")
    train_pixels = read_idx(names["train-images-idx3-ubyte"], 0x803).reshape(-1, W2_INPUTS)
    test_pixels = read_idx(names["t10k-images-idx3-ubyte"], 0x803).reshape(-1, W2_INPUTS)
    train_y = read_idx(names["train-labels-idx1-ubyte"], 0x801).astype(np.int64)
    test_y = read_idx(names["t10k-labels-idx1-ubyte"], 0x801).astype(np.int64)
    if (train_pixels.shape[0], len(train_y), test_pixels.shape[0], len(test_y)) != (
            W2_TRAIN_CASES, W2_TRAIN_CASES, W2_TEST_CASES, W2_TEST_CASES):
        raise BenchError(f"Fashion-MNIST has {train_pixels.shape[0]} + {test_pixels.shape[0]} "
                         f"images, expected {W2_TRAIN_CASES} + {W2_TEST_CASES}.")

    # Exact integer moments of the byte pixels: n^2 var = n sum(p^2) - (sum p)^2.
    sums = np.zeros(W2_INPUTS, np.int64)
    squares = np.zeros(W2_INPUTS, np.int64)
    for chunk in np.array_split(train_pixels, 10):
        wide = chunk.astype(np.int64)
        sums += wide.sum(axis=0)
        squares += (wide * wide).sum(axis=0)
    n = train_pixels.shape[0]
    scaled_variance = n * squares - sums * sums
    mean = sums / (255.0 * n)
    std = np.sqrt(scaled_variance.astype(np.float64)) / (255.0 * n)
    std[scaled_variance == 0] = 1.0

    def standardise(pixels):
        x = pixels.astype(np.float32) / np.float32(255)
        x -= mean.astype(np.float32)
        x /= std.astype(np.float32)
        return x

    return standardise(train_pixels), train_y, standardise(test_pixels), test_y


def torch_w2_train(torch, layer, x, y, batches=None):
    """The loop a competent PyTorch user writes: a fresh random permutation each epoch, batches
    gathered by index_select from the float32 tensor, SGD. Returns the seconds taken."""
    optimizer = torch.optim.SGD(layer.parameters(), lr=W2_LR)
    cases = x.shape[0]
    starts = range(0, cases, W2_BATCH)
    if batches is not None:
        starts = starts[:batches]
    begin = time.perf_counter()
    order = torch.randperm(cases)
    for start in starts:
        index = order[start:start + W2_BATCH]
        loss = torch_mixture_nll(torch, layer(x.index_select(0, index)), y.index_select(0, index),
                                 W2_EXPERTS, W2_CLASSES)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
    return time.perf_counter() - begin


def torch_w2_runner(torch, data, threads, seeds):
    train_x, train_y, test_x, test_y = data

    def run():
        set_threads(torch, threads)
        layer = torch_mixture_layer(torch, W2_INPUTS, W2_EXPERTS, W2_CLASSES, next(seeds))
        seconds = torch_w2_train(torch, layer, train_x, train_y)
        begin = time.perf_counter()
        loss, train_accuracy = torch_evaluate(torch, layer, train_x, train_y, W2_EXPERTS,
                                              W2_CLASSES)
        _, test_accuracy = torch_evaluate(torch, layer, test_x, test_y, W2_EXPERTS, W2_CLASSES)
        evaluation = time.perf_counter() - begin
        return {"seconds": seconds, "evaluation_seconds": evaluation, "loss": loss,
                "train_accuracy": train_accuracy, "test_accuracy": test_accuracy}

    return run


def gemm_baseline(bench_binary, repeat):
    """Seconds per epoch of moelab_bench_core's SGEMM baseline: every repetition, by thread count."""
    args = [str(bench_binary), f"--benchmark_filter={GEMM_BENCHMARK}", "--benchmark_format=json",
            f"--benchmark_repetitions={repeat}"]
    completed = subprocess.run(args, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise BenchError(f"{' '.join(args)} exited with {completed.returncode}:\n"
                         f"{completed.stderr.strip()}")
    try:
        benchmarks = json.loads(completed.stdout)["benchmarks"]
    except (ValueError, KeyError):
        said = (completed.stderr.strip() or completed.stdout.strip())[-500:]
        raise BenchError(f"{bench_binary.name} ran no benchmark named {GEMM_BENCHMARK} (the SGEMM "
                         f"baseline of W2); it said: {said}") from None
    name_pattern = re.compile(rf"^{GEMM_BENCHMARK}/(\d+)(?:/|$)")
    unit = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
    per_threads = {}
    for entry in benchmarks:
        match = name_pattern.match(entry.get("run_name", entry.get("name", "")))
        if not match or entry.get("run_type", "iteration") != "iteration":
            continue
        if entry.get("error_occurred"):
            raise BenchError(f"{entry['name']} failed: {entry.get('error_message', '?')}")
        if "s_per_epoch" in entry:
            seconds = float(entry["s_per_epoch"])
        elif "real_time" in entry and entry.get("time_unit") in unit:
            seconds = float(entry["real_time"]) * unit[entry["time_unit"]]
        else:
            raise BenchError(f"{entry['name']} has neither the counter s_per_epoch nor real_time "
                             f"with a time_unit.")
        per_threads.setdefault(int(match.group(1)), []).append(seconds)
    missing = [t for t in THREAD_COUNTS if t not in per_threads]
    if missing:
        names = sorted({e.get("name", "?") for e in benchmarks}) or ["none"]
        raise BenchError(
            f"{bench_binary.name} has no benchmark named "
            f"{', '.join(f'{GEMM_BENCHMARK}/{t}' for t in missing)} (the thread count as its first "
            f"argument); it ran: {', '.join(names)}.")
    return per_threads, " ".join(args)


def run_w2(cli, bench_binary, torch, repeat):
    """Rows of W2, the GEMM baseline and the CLI's memory."""
    options = {"--dataset": "fashion-mnist", "--experts": W2_EXPERTS, "--hidden": 0,
               "--gate": "linear", "--loss": "mixture-nll", "--optimizer": "sgd", "--lr": W2_LR,
               "--batch": W2_BATCH, "--epochs": 1}
    say(f"W2: SGEMM baseline ({GEMM_BENCHMARK}, {repeat} repetitions)")
    gemm_runs, gemm_command = gemm_baseline(bench_binary, repeat)
    gemm = {t: statistics.median(runs) for t, runs in gemm_runs.items()}

    runners = {f"moelab-cli T={t}": cli_runner(cli, options, t, W2_TRAIN_CASES, W2_TRAIN_CASES)
               for t in THREAD_COUNTS}
    torch_label = None
    if torch is not None:
        say("W2: loading Fashion-MNIST for PyTorch")
        train_x, train_y, test_x, test_y = load_fashion()
        data = tuple(torch.from_numpy(a) for a in (train_x, train_y, test_x, test_y))
        for threads in THREAD_COUNTS:  # warm-up: allocator, thread pools, kernels
            set_threads(torch, threads)
            warm = torch_mixture_layer(torch, W2_INPUTS, W2_EXPERTS, W2_CLASSES, seed=0)
            torch_w2_train(torch, warm, data[0], data[1], batches=W2_WARMUP_BATCHES)
        seeds = itertools.count(1)
        torch_label = f"pytorch {torch.__version__.split('+')[0]} float32"
        for t in THREAD_COUNTS:
            runners[f"pytorch T={t}"] = torch_w2_runner(torch, data, t, seeds)

    say(f"W2: one epoch each, {repeat} rounds")
    results = interleaved_medians(runners, repeat)

    rows = []
    for t in THREAD_COUNTS:
        moelab = results[f"moelab-cli T={t}"]
        if moelab.get("training_seconds") is not None:
            epoch_only = dict(moelab, seconds=moelab["training_seconds"])
            rows.append(make_row("W2", cli.describe() + " epoch", t, epoch_only,
                                 moelab["training_seconds"], gemm[t],
                                 note="the training epoch only (the CLI's 'training' time)",
                                 command=moelab["command"]))
        rows.append(make_row("W2", cli.describe() + " epoch + metrics", t, moelab,
                             moelab["seconds"], gemm[t],
                             note="the whole run: epoch and the final metrics of all 70000 images",
                             command=moelab["command"]))
    for t in THREAD_COUNTS:
        if torch_label is None:
            break
        run = results[f"pytorch T={t}"]
        moelab = results[f"moelab-cli T={t}"]
        moelab_epoch = moelab.get("training_seconds") or moelab["seconds"]
        rows.append(make_row("W2", torch_label + " (randperm + index_select)", t, run,
                             moelab_epoch, gemm[t], note="training epoch only"))
        with_metrics = dict(run, seconds=run["seconds"] + run["evaluation_seconds"])
        rows.append(make_row("W2", torch_label + " epoch + metrics pass", t, with_metrics,
                             moelab["seconds"], gemm[t],
                             note="plus loss and accuracy over train and test, like moelab-cli"))
    for t in THREAD_COUNTS:
        rows.append({"workload": "W2", "implementation": "Eigen SGEMM baseline (2 GEMMs/batch)",
                     "threads": t, "seconds": gemm[t], "all_seconds": gemm_runs[t],
                     "ratio": gemm[t] / (results[f"moelab-cli T={t}"].get("training_seconds")
                                         or results[f"moelab-cli T={t}"]["seconds"]),
                     "gemm_fraction": 1.0, "command": gemm_command})
    memory = {
        "moelab_peak_rss_bytes": {t: results[f"moelab-cli T={t}"]["peak_rss_bytes"]
                                  for t in THREAD_COUNTS},
        "float32_dataset_bytes": (W2_TRAIN_CASES + W2_TEST_CASES) * W2_INPUTS * 4,
    }
    return rows, memory


# ---- W2-K: sparse top-K routing -----------------------------------------------------------------


def torch_sparse_parameters(torch, seed):
    """Gate (784 -> 8) and 8 experts (784 -> 10) as separate tensors, U(+-1/sqrt(784)), biases 0."""
    torch.manual_seed(seed)
    bound = 1.0 / math.sqrt(W2_INPUTS)
    gate_w = torch.empty(W2_INPUTS, W2_EXPERTS).uniform_(-bound, bound).requires_grad_()
    gate_b = torch.zeros(W2_EXPERTS, requires_grad=True)
    expert_w = torch.empty(W2_EXPERTS, W2_INPUTS, W2_CLASSES).uniform_(-bound, bound)
    expert_w.requires_grad_()
    expert_b = torch.zeros(W2_EXPERTS, W2_CLASSES, requires_grad=True)
    return [gate_w, gate_b, expert_w, expert_b]


def torch_sparse_nll(torch, parameters, x, y, k):
    """Mixture NLL of top-K routing, -log sum_{i in topK} p_i o_i[y] with p renormalised over the
    K largest gate logits, each expert run only on its cases (index_select, as users write it)."""
    gate_w, gate_b, expert_w, expert_b = parameters
    functional = torch.nn.functional
    top_logits, top_experts = torch.topk(x @ gate_w + gate_b, k, dim=1)
    terms = functional.log_softmax(top_logits, dim=1)  # log p over the K chosen, B x K
    picked = torch.zeros_like(terms)
    for expert in range(W2_EXPERTS):
        rows, slots = torch.nonzero(top_experts == expert, as_tuple=True)
        if rows.numel() == 0:
            continue
        log_o = functional.log_softmax(x.index_select(0, rows) @ expert_w[expert]
                                       + expert_b[expert], dim=1)
        picked = picked.index_put((rows, slots), log_o.gather(1, y.index_select(0, rows)
                                                              .view(-1, 1)).squeeze(1))
    return -torch.logsumexp(terms + picked, dim=1).mean()


def torch_sparse_runner(torch, data, threads, k, seeds):
    train_x, train_y = data[0], data[1]

    def run():
        set_threads(torch, threads)
        parameters = torch_sparse_parameters(torch, next(seeds))
        optimizer = torch.optim.SGD(parameters, lr=W2_LR)
        cases = train_x.shape[0]
        begin = time.perf_counter()
        order = torch.randperm(cases)
        loss = None
        for start in range(0, cases, W2_BATCH):
            index = order[start:start + W2_BATCH]
            loss = torch_sparse_nll(torch, parameters, train_x.index_select(0, index),
                                    train_y.index_select(0, index), k)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
        return {"seconds": time.perf_counter() - begin, "loss": float(loss)}

    return run


def run_sparse(cli, torch, repeat):
    """moelab-cli's W2 epoch at K = 1, 2, 8 and T = 1, 2, and PyTorch's top-K dispatch at the same
    K; rows with the speed-up against K = 8 of the same implementation and thread count."""
    runners = {}
    for t in THREAD_COUNTS:
        for k in SPARSE_KS:
            options = {"--dataset": "fashion-mnist", "--experts": W2_EXPERTS, "--top-k": k,
                       "--hidden": 0, "--gate": "linear", "--loss": "mixture-nll",
                       "--optimizer": "sgd", "--lr": W2_LR, "--batch": W2_BATCH, "--epochs": 1}
            runners[("moelab-cli", t, k)] = cli_runner(cli, options, t, W2_TRAIN_CASES,
                                                       W2_TRAIN_CASES)
    if torch is not None:
        say("W2-K: loading Fashion-MNIST for PyTorch")
        train_x, train_y, _, _ = load_fashion()
        data = (torch.from_numpy(train_x), torch.from_numpy(train_y))
        seeds = itertools.count(1)
        for t in THREAD_COUNTS:
            for k in SPARSE_KS:
                runners[("pytorch", t, k)] = torch_sparse_runner(torch, data, t, k, seeds)
    say(f"W2-K: one epoch each at K = {', '.join(map(str, SPARSE_KS))}, {repeat} rounds")
    named = {f"{who} T={t} K={k}": runner for (who, t, k), runner in runners.items()}
    results = interleaved_medians(named, repeat)
    rows = []
    dense = max(SPARSE_KS)
    for who in ("moelab-cli", "pytorch"):
        for t in THREAD_COUNTS:
            if f"{who} T={t} K={dense}" not in results:
                continue
            baseline = results[f"{who} T={t} K={dense}"]
            base_seconds = baseline.get("training_seconds") or baseline["seconds"]
            for k in SPARSE_KS:
                run = results[f"{who} T={t} K={k}"]
                seconds = run.get("training_seconds") or run["seconds"]
                moelab = results[f"moelab-cli T={t} K={k}"]
                rows.append({"workload": "W2-K", "implementation": who, "threads": t, "k": k,
                             "seconds": seconds, "all_seconds": run.get("all_seconds"),
                             "speedup": base_seconds / seconds,
                             "ratio": seconds / (moelab.get("training_seconds")
                                                 or moelab["seconds"]),
                             "loss": run.get("loss"), "command": run.get("command")})
    return rows


def print_sparse(rows):
    say("W2-K: one training epoch of W2 (metrics excluded) with top-K routing over 8 experts")
    say(f"{'implementation':<12} {'T':>2} {'K':>2} {'time/epoch':>11} {'spread':>7} "
        f"{'speed-up vs K=8':>16} {'x moelab':>9} {'loss':>7}")
    for row in rows:
        say(f"{row['implementation']:<12} {row['threads']:>2} {row['k']:>2} "
            f"{format_seconds(row['seconds']):>11} {format_spread(row.get('all_seconds')):>7} "
            f"{row['speedup']:>16.2f} {row['ratio']:>9.2f} "
            f"{'-' if row.get('loss') is None else format(row['loss'], '.4f'):>7}")
    say("speed-up vs K=8 = the same implementation's dense (K = 8) time / this time; x moelab = "
        "this time / moelab-cli's at the same T and K. PyTorch's loss is its last batch's, "
        "moelab-cli's the training set's.")


# ---- W1: vowels ---------------------------------------------------------------------------------


def load_vowels():
    """The training rows of MoE Lab's `vowels`: [i] [I] [a] [A] by (F1, F2), test speakers being
    every third speaker of each group (men, women, children) in speaker order."""
    with open(VOWELS_CSV, newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["Vowel"] in W1_VOWELS]
    speaker_types = {}
    for row in rows:
        speaker_types.setdefault(int(row["Speaker"]), row["Type"])
    seen, test_speakers = {}, set()
    for speaker in sorted(speaker_types):
        group = speaker_types[speaker]
        seen[group] = seen.get(group, 0) + 1
        if seen[group] % 3 == 0:
            test_speakers.add(speaker)
    train = [r for r in rows if int(r["Speaker"]) not in test_speakers]
    features = [(float(r["F1"]), float(r["F2"])) for r in train]
    labels = [W1_VOWELS.index(r["Vowel"]) for r in train]
    if len(labels) != W1_TRAIN_CASES:
        raise BenchError(f"{VOWELS_CSV.name} gave {len(labels)} training rows, expected "
                         f"{W1_TRAIN_CASES}.")
    return features, labels


def standardised(features):
    x = np.array(features, dtype=np.float64)
    return (x - x.mean(axis=0)) / x.std(axis=0)  # population std, as MoE Lab


def numpy_initial_weights(inputs, seed):
    rng = np.random.default_rng(seed)
    rows = W1_EXPERTS + W1_EXPERTS * W1_CLASSES
    bound = 1.0 / math.sqrt(inputs)
    return rng.uniform(-bound, bound, (rows, inputs)), np.zeros(rows)


def numpy_loss_and_gradient(weights, bias, x, y, rows):
    """Mixture NLL and its gradient, written out: z = x W^T + b = [gate | experts x classes].

    dE/dgate_j = p_j - h_j and dE/dexpert_ic = h_i (o_ic - [c = y]), with h the posterior
    p_i o_i[y] / sum_k p_k o_k[y]; all divided by the number of cases (the mean).
    """
    cases = x.shape[0]
    z = x @ weights.T + bias
    gate = z[:, :W1_EXPERTS]
    experts = z[:, W1_EXPERTS:].reshape(cases, W1_EXPERTS, W1_CLASSES)

    gate = gate - gate.max(axis=1, keepdims=True)
    gate_exp = np.exp(gate)
    gate_sum = gate_exp.sum(axis=1, keepdims=True)
    p = gate_exp / gate_sum
    log_p = gate - np.log(gate_sum)

    experts = experts - experts.max(axis=2, keepdims=True)
    experts_exp = np.exp(experts)
    experts_sum = experts_exp.sum(axis=2, keepdims=True)
    o = experts_exp / experts_sum
    log_o_y = experts[rows, :, y] - np.log(experts_sum[:, :, 0])

    s = log_p + log_o_y
    s_max = s.max(axis=1, keepdims=True)
    s_exp = np.exp(s - s_max)
    s_sum = s_exp.sum(axis=1, keepdims=True)
    loss = -float(np.mean(s_max[:, 0] + np.log(s_sum[:, 0])))
    h = s_exp / s_sum

    scale = x.dtype.type(1.0 / cases)
    d_gate = (p - h) * scale
    d_experts = h[:, :, None] * o
    d_experts[rows, :, y] -= h
    d_experts *= scale
    dz = np.concatenate([d_gate, d_experts.reshape(cases, -1)], axis=1)
    return loss, dz.T @ x, dz.sum(axis=0)


def check_numpy_gradient(x, y):
    """Aborts unless the hand-written gradient matches central differences (float64)."""
    rows = np.arange(x.shape[0])
    rng = np.random.default_rng(12345)
    weights = rng.normal(0.0, 0.7, (W1_EXPERTS + W1_EXPERTS * W1_CLASSES, x.shape[1]))
    bias = rng.normal(0.0, 0.7, weights.shape[0])
    _, d_weights, d_bias = numpy_loss_and_gradient(weights, bias, x, y, rows)
    step = 1e-6
    worst = 0.0
    for values, analytic in ((weights, d_weights), (bias, d_bias)):
        flat, flat_analytic = values.reshape(-1), analytic.reshape(-1)
        for i in range(flat.size):
            kept = flat[i]
            flat[i] = kept + step
            above = numpy_loss_and_gradient(weights, bias, x, y, rows)[0]
            flat[i] = kept - step
            below = numpy_loss_and_gradient(weights, bias, x, y, rows)[0]
            flat[i] = kept
            numeric = (above - below) / (2 * step)
            worst = max(worst, abs(numeric - flat_analytic[i]) / max(1.0, abs(numeric)))
    if not worst <= W1_GRADIENT_TOLERANCE:
        raise BenchError(f"the hand-written NumPy gradient disagrees with finite differences "
                         f"(worst relative difference {worst:.3g} > {W1_GRADIENT_TOLERANCE:g}).")
    return worst


def numpy_w1_runner(x64, y, epochs, dtype, seeds):
    x = x64.astype(dtype)
    rows = np.arange(x.shape[0])
    learning_rate = dtype(W1_LR)

    def run():
        set_blas_threads(1)
        weights, bias = (a.astype(dtype) for a in numpy_initial_weights(x.shape[1], next(seeds)))
        begin = time.perf_counter()
        for _ in range(epochs):
            _, d_weights, d_bias = numpy_loss_and_gradient(weights, bias, x, y, rows)
            weights -= learning_rate * d_weights
            bias -= learning_rate * d_bias
        seconds = (time.perf_counter() - begin) / epochs
        loss, _, _ = numpy_loss_and_gradient(weights, bias, x, y, rows)
        z = x @ weights.T + bias
        p = np.exp(z[:, :W1_EXPERTS] - z[:, :W1_EXPERTS].max(axis=1, keepdims=True))
        experts = z[:, W1_EXPERTS:].reshape(-1, W1_EXPERTS, W1_CLASSES)
        o = np.exp(experts - experts.max(axis=2, keepdims=True))
        o /= o.sum(axis=2, keepdims=True)
        mixture = (p[:, :, None] * o).sum(axis=1)
        return {"seconds": seconds, "loss": loss,
                "train_accuracy": float(np.mean(mixture.argmax(axis=1) == y))}

    return run


def torch_w1_runner(torch, x64, y, epochs, seeds):
    x = torch.from_numpy(x64.astype(np.float32))
    labels = torch.from_numpy(y)

    def train(layer, count):
        optimizer = torch.optim.SGD(layer.parameters(), lr=W1_LR)
        for _ in range(count):
            loss = torch_mixture_nll(torch, layer(x), labels, W1_EXPERTS, W1_CLASSES)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()

    set_threads(torch, 1)
    train(torch_mixture_layer(torch, x.shape[1], W1_EXPERTS, W1_CLASSES, seed=0), 200)  # warm-up

    def run():
        set_threads(torch, 1)
        layer = torch_mixture_layer(torch, x.shape[1], W1_EXPERTS, W1_CLASSES, next(seeds))
        begin = time.perf_counter()
        train(layer, epochs)
        seconds = (time.perf_counter() - begin) / epochs
        loss, accuracy = torch_evaluate(torch, layer, x, labels, W1_EXPERTS, W1_CLASSES)
        return {"seconds": seconds, "loss": loss, "train_accuracy": accuracy}

    return run


def run_w1(cli, torch, repeat, epochs):
    options = {"--dataset": "vowels", "--experts": W1_EXPERTS, "--hidden": 0, "--gate": "linear",
               "--loss": "mixture-nll", "--optimizer": "sgd", "--lr": W1_LR, "--batch": 0,
               "--epochs": epochs}
    features, labels = load_vowels()
    runners = {f"moelab-cli T={t}": cli_runner(cli, options, t, None, W1_TRAIN_CASES)
               for t in THREAD_COUNTS}
    gradient_check = None
    if np is not None:
        x = standardised(features)
        y = np.array(labels, dtype=np.int64)
        gradient_check = check_numpy_gradient(x, y)
        say(f"W1: NumPy gradient matches finite differences (worst relative difference "
            f"{gradient_check:.1e})")
        runners["numpy float64"] = numpy_w1_runner(x, y, epochs, np.float64, itertools.count(1))
        runners["numpy float32"] = numpy_w1_runner(x, y, epochs, np.float32, itertools.count(1))
        if torch is not None:
            runners["pytorch float32"] = torch_w1_runner(torch, x, y, epochs, itertools.count(1))

    say(f"W1: {epochs} full-batch epochs each, {repeat} rounds")
    results = interleaved_medians(runners, repeat)
    moelab = {t: results[f"moelab-cli T={t}"] for t in THREAD_COUNTS}
    rows = [make_row("W1", cli.describe(), t, moelab[t], moelab[t]["seconds"],
                     note="epoch + per-epoch metrics", command=moelab[t]["command"])
            for t in THREAD_COUNTS]
    peers = {"numpy float64": f"numpy {np.__version__ if np else ''} float64 (hand gradients)",
             "numpy float32": f"numpy {np.__version__ if np else ''} float32 (hand gradients)",
             "pytorch float32": "pytorch {} float32 autograd".format(
                 torch.__version__.split("+")[0] if torch else "")}
    for key, label in peers.items():
        if key in results:
            rows.append(make_row("W1", label, 1, results[key], moelab[1]["seconds"],
                                 note="training only"))
    return rows, gradient_check


# ---- report -------------------------------------------------------------------------------------


def make_row(workload, implementation, threads, run, moelab_seconds, gemm_seconds=None, note="",
             command=None):
    row = {"workload": workload, "implementation": implementation, "threads": threads,
           "seconds": run["seconds"], "all_seconds": run.get("all_seconds"),
           "ratio": run["seconds"] / moelab_seconds,
           "gemm_fraction": None if gemm_seconds is None else gemm_seconds / run["seconds"],
           "loss": run.get("loss"), "train_accuracy": run.get("train_accuracy"),
           "test_accuracy": run.get("test_accuracy"), "note": note}
    if "peak_rss_bytes" in run:
        row["peak_rss_bytes"] = run["peak_rss_bytes"]
    if command:
        row["command"] = command
    return row


def print_table(rows):
    header = ("workload", "implementation", "T", "time/epoch", "spread", "x moelab", "SGEMM/t",
              "loss", "train acc")
    lines = []
    for row in rows:
        lines.append((
            row["workload"], row["implementation"], str(row["threads"]),
            format_seconds(row["seconds"]), format_spread(row.get("all_seconds")),
            f"{row['ratio']:.2f}",
            "-" if row.get("gemm_fraction") is None else f"{row['gemm_fraction']:.3f}",
            "-" if row.get("loss") is None else f"{row['loss']:.4f}",
            "-" if row.get("train_accuracy") is None else f"{100 * row['train_accuracy']:.1f} %"))
    widths = [max(len(header[i]), *(len(line[i]) for line in lines)) for i in range(len(header))]
    right = {2, 3, 4, 5, 6, 7, 8}

    def render(cells):
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths)))

    say(render(header))
    say("  ".join("-" * w for w in widths))
    previous = None
    for line in lines:
        if previous is not None and line[0] != previous:
            say()
        previous = line[0]
        say(render(line))
    say()
    say("time/epoch = median of the runs; spread = (slowest - fastest) / median over the runs.")
    say("x moelab   = time / moelab-cli's time at the same thread count (W1 peers: against T=1); "
        "below 1 the peer is faster.")
    say("SGEMM/t    = SGEMM baseline time / this time: the share of the SGEMM rate reached.")


def print_memory(memory):
    dataset = memory["float32_dataset_bytes"]
    parts = ", ".join(f"{rss / MIB:.0f} MiB (T={t})"
                      for t, rss in memory["moelab_peak_rss_bytes"].items())
    worst = max(memory["moelab_peak_rss_bytes"].values())
    say(f"memory   moelab-cli peak RSS on W2: {parts}; the float32 dataset "
        f"(70000 x 784 x 4 B) is {dataset / MIB:.1f} MiB, so {worst / dataset:.1f}x that.")


def environment(torch):
    blas = loaded_blas_libraries()
    return {
        "python": platform.python_version(), "executable": sys.executable,
        "numpy": None if np is None else np.__version__,
        "torch": None if torch is None else torch.__version__,
        "blas": blas, "cpu_count": os.cpu_count(), "machine": platform.machine(),
        "load_average_start": os.getloadavg(),
        "variables": {k: v for k, v in os.environ.items()
                      if k.startswith(("OMP_", "GOMP_", "OPENBLAS_", "MKL_"))},
    }


def parse_arguments():
    parser = argparse.ArgumentParser(
        description="moelab-cli beside PyTorch and NumPy on W1 (vowels) and W2 (Fashion-MNIST).",
        epilog="Run with /usr/bin/python3 (Debian's python3-torch and python3-numpy).")
    parser.add_argument("--build", default=str(REPO / "build" / "release"),
                        help="build directory holding app/moelab-cli and bench/moelab_bench_core "
                             "(default: build/release)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each implementation; the median is reported (default: 3)")
    parser.add_argument("--skip-torch", action="store_true", help="do not run PyTorch")
    parser.add_argument("--w1-epochs", type=int, default=20000,
                        help="full-batch epochs per W1 run (default: 20000)")
    parser.add_argument("--only", choices=("w1", "w2", "sparse"),
                        help="run one workload (sparse: W2 at K = 1, 2, 8)")
    parser.add_argument("--json", metavar="OUT", help="also write every number to this file")
    arguments = parser.parse_args()
    if arguments.repeat < 1 or arguments.w1_epochs < 1:
        parser.error("--repeat and --w1-epochs must be at least 1")
    return arguments


def main():
    arguments = parse_arguments()
    build = Path(arguments.build)
    cli_path, bench_path = build / CLI_RELATIVE, build / BENCH_RELATIVE
    if not cli_path.exists():
        raise BenchError(f"{cli_path} not found: build it with "
                         f"'cmake --build {build} --target moelab-cli'.")
    if arguments.only in (None, "w2") and not bench_path.exists():
        raise BenchError(f"{bench_path} not found: build it with "
                         f"'cmake --build {build} --target moelab_bench_core'.")
    if np is None:
        say("NumPy is missing: install the Debian packages python3-numpy and python3-torch "
            "(scripts/setup.sh --bench) and run this script with /usr/bin/python3; the NumPy and "
            "PyTorch rows are skipped.")
    torch = import_torch(arguments.skip_torch or np is None)
    env = environment(torch)
    warning = blas_warning(env["blas"], torch is not None)
    if warning:
        say("warning: " + warning)
    say(f"python {env['python']} ({env['executable']}), numpy {env['numpy']}, torch "
        f"{env['torch']}, BLAS {', '.join(env['blas']) or '-'}")
    if env["variables"]:
        say("environment: " + " ".join(f"{k}={v}" for k, v in sorted(env["variables"].items())))

    cli = MoelabCli(cli_path)
    say(f"moelab-cli: cases flag {cli.cases_flag}, --precision "
        f"{'float' if cli.has_precision else 'absent (double)'}, --json "
        f"{cli.json_mode or 'absent'}")

    rows, memory, gradient_check, sparse_rows = [], None, None, []
    if arguments.only in (None, "w1"):
        w1_rows, gradient_check = run_w1(cli, torch, arguments.repeat, arguments.w1_epochs)
        rows += w1_rows
    if arguments.only in (None, "w2"):
        w2_rows, memory = run_w2(cli, bench_path, torch, arguments.repeat)
        rows += w2_rows
    if arguments.only in (None, "sparse"):
        sparse_rows = run_sparse(cli, torch, arguments.repeat)
    env["load_average_end"] = os.getloadavg()

    say()
    if rows:
        print_table(rows)
    if sparse_rows:
        say()
        print_sparse(sparse_rows)
    if memory:
        print_memory(memory)
    say(f"load average {env['load_average_start'][0]:.2f} at the start, "
        f"{env['load_average_end'][0]:.2f} at the end ({env['cpu_count']} CPUs)")

    if arguments.json:
        document = {"environment": env, "repeat": arguments.repeat,
                    "w1_epochs": arguments.w1_epochs, "numpy_gradient_check": gradient_check,
                    "rows": rows, "sparse_rows": sparse_rows, "memory": memory}
        Path(arguments.json).write_text(json.dumps(document, indent=2) + "\n")
        say(f"wrote {arguments.json}")


if __name__ == "__main__":
    try:
        main()
    except BenchError as error:
        print(f"compare_pytorch: {error}", file=sys.stderr)
        sys.exit(1)
