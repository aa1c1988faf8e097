"""Turns the benchmark's hyperfine and /usr/bin/time results into the Markdown table."""

import json
import os
import sys


def load(path):
    with open(path) as f:
        return {r["command"]: r for r in json.load(f)["results"]}


def read(path):
    return open(path).read().strip() if os.path.exists(path) else "?"


def kib(text):
    """A peak resident set size in KiB, as MiB."""
    return f"{int(text) / 1024:.1f} MiB" if text.isdigit() else "?"


def main():
    out, counts = sys.argv[1], [int(c) for c in sys.argv[2:]]
    print("| measurement | time (median) | ratio | notes |")
    print("|---|---|---|---|")
    for count in counts:
        r = load(f"{out}/throughput-{count}.json")
        files = int(read(f"{out}/files-{count}.txt"))
        mb = int(read(f"{out}/bytes-{count}.txt")) / 1e6
        inv = r["invlint"]["median"]
        floor = r["parse floor"]["median"]
        for name, result in r.items():
            t = result["median"]
            note = ""
            if name == "invlint":
                note = f"{files / t:,.0f} files/s, {mb / t:.1f} MB/s; peak RSS {kib(read(f'{out}/memory-{count}.txt'))}"
            elif name == "parse floor":
                note = f"peak RSS {kib(read(f'{out}/floor-memory-{count}.txt'))}"
            elif name.startswith("xmllint"):
                note = f"XML files only (80%); invlint is {t / inv:.1f}x faster"
            ratio = f"{t / floor:.2f}x floor"
            print(f"| {count:,} files ({mb:.0f} MB): {name} | {t:.3f} s | {ratio} | {note} |")
        alternating = f"{out}/alternating-{count}.json"
        if os.path.exists(alternating):
            turns = load(alternating)
            inv = turns["invlint"]["median"]
            floor = turns["parse floor"]["median"]
            for name, result in turns.items():
                t = result["median"]
                rounds = len(result["times"])
                note = f"taking turns, median of {rounds}"
                if name.startswith("xmllint"):
                    note += f"; invlint is {t / inv:.2f}x faster"
                ratio = f"{t / floor:.2f}x floor"
                print(f"| {count:,} files, in turns: {name} | {t:.3f} s | {ratio} | {note} |")
    small = load(f"{out}/small.json")
    for name, result in small.items():
        print(f"| {name} | {result['median'] * 1000:.2f} ms | | mean {result['mean'] * 1000:.2f} ms |")
    for mb in ("50", "100"):
        path = f"{out}/list-{mb}.json"
        if os.path.exists(path):
            results = load(path)
            floor = next((r["median"] for n, r in results.items() if n.startswith("parse floor")), None)
            for name, result in results.items():
                t = result["median"]
                memory = "list-floor-memory" if name.startswith("parse floor") else "list-memory"
                peak = kib(read(f"{out}/{memory}-{mb}.txt"))
                ratio = f"{t / floor:.2f}x floor" if floor else ""
                print(f"| {name} | {t:.3f} s | {ratio} | {float(mb) / t:.1f} MB/s; peak RSS {peak} |")
    findings = read(f"{out}/findings-count.txt")
    for name, result in load(f"{out}/render.json").items():
        print(f"| {findings} findings, --format {name} (parse, check, render) | {result['median']:.3f} s | | |")


if __name__ == "__main__":
    main()
