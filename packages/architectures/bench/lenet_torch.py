"""PyTorch CPU reference for bench/lenet-speed.ts: one LeNet-5 epoch on Fashion-MNIST.

Same net, data, batch size, optimizer and loss as the tfjs side. Prints one JSON line:
{"wallMs", "cpuMs", "steps", "loss"}. Usage: lenet_torch.py DATA_DIR SAMPLES BATCH THREADS WARMUP_STEPS
"""
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(data_dir, base):
    for name in (base, base + '.gz'):
        if os.path.exists(os.path.join(data_dir, name)):
            return os.path.join(data_dir, name)
    raise FileNotFoundError(os.path.join(data_dir, base))


def main():
    data_dir, samples, batch, threads, warmup = sys.argv[1], *map(int, sys.argv[2:6])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    images = read_idx(find(data_dir, 'train-images-idx3-ubyte'))[:samples]
    labels = read_idx(find(data_dir, 'train-labels-idx1-ubyte'))[:samples]
    xs = torch.from_numpy(images.astype(np.float32) / 255).reshape(-1, 1, 28, 28)
    ys = torch.from_numpy(labels.astype(np.int64))
    net = nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.Tanh(), nn.AvgPool2d(2),
        nn.Conv2d(6, 16, 5), nn.Tanh(), nn.AvgPool2d(2),
        nn.Conv2d(16, 120, 5), nn.Tanh(), nn.Flatten(),
        nn.Linear(120, 84), nn.Tanh(), nn.Linear(84, 10))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def step(x, y):
        opt.zero_grad()
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
        return loss

    for i in range(warmup):
        step(xs[i * batch:(i + 1) * batch], ys[i * batch:(i + 1) * batch])
    wall, cpu = time.perf_counter(), time.process_time()
    total, steps = 0.0, 0
    for start in range(0, samples, batch):
        total += step(xs[start:start + batch], ys[start:start + batch]).item()
        steps += 1
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(json.dumps({'wallMs': wall * 1000, 'cpuMs': cpu * 1000, 'steps': steps, 'loss': total / steps}))


if __name__ == '__main__':
    main()
