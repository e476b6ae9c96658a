"""Measures kernel start-up: process start to the first cell's result, and to the result of
a first cell that uses ND4J (a fresh kernel each time). Prints the median of N runs.

usage: /usr/bin/python3 measure_startup.py [N]
"""
import statistics
import sys
import time

from jupyter_client.manager import KernelManager

from kernel_client import KERNEL_NAME

ND4J_CELL = "org.nd4j.linalg.factory.Nd4j.ones(2, 2).sumNumber()"


def first_result(code):
    km = KernelManager(kernel_name=KERNEL_NAME)
    start = time.time()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        msg_id = kc.execute(code)
        while True:
            msg = kc.get_iopub_msg(timeout=120)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "execute_result":
                return time.time() - start
            if msg["msg_type"] == "error":
                raise RuntimeError(msg["content"])
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    for label, code in (("first cell (1 + 1)", "1 + 1"), ("first cell using ND4J", ND4J_CELL)):
        times = [first_result(code) for _ in range(runs)]
        print(f"{label}: median {statistics.median(times):.2f} s "
              f"(min {min(times):.2f}, max {max(times):.2f}, {runs} runs)")


if __name__ == "__main__":
    main()
