"""Runs commands in turn, round after round (A B C, A B C, ...), and writes each one's wall
times with their median and mean, in the JSON layout of hyperfine's --export-json.

hyperfine runs all of one command's runs before the next command's, so a machine that
slows down for a while (a shared, noisy one) slows one command and not the others, and a
ratio between them moves with it. Taking turns spreads such a while over every command.

Usage: python3 bench/alternate.py --rounds N --export-json FILE -n NAME COMMAND [-n NAME COMMAND ...]

Each COMMAND runs through the shell, in the current directory, its output discarded. One
round before the measured ones warms the caches and is not counted.
"""

import json
import statistics
import subprocess
import sys
import time


def parse(argv):
    rounds, export, commands = 10, None, []
    at = 0
    while at < len(argv):
        flag = argv[at]
        if flag == "--rounds":
            rounds = int(argv[at + 1])
            at += 2
        elif flag == "--export-json":
            export = argv[at + 1]
            at += 2
        elif flag == "-n":
            commands.append((argv[at + 1], argv[at + 2]))
            at += 3
        else:
            sys.exit(f"alternate.py: unknown argument {flag!r}")
    if export is None or not commands or rounds < 1:
        sys.exit(__doc__)
    return rounds, export, commands


def timed(command):
    start = time.perf_counter()
    subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    rounds, export, commands = parse(sys.argv[1:])
    for _, command in commands:
        timed(command)
    times = {name: [] for name, _ in commands}
    for _ in range(rounds):
        for name, command in commands:
            times[name].append(timed(command))
    results = [
        {
            "command": name,
            "median": statistics.median(times[name]),
            "mean": statistics.mean(times[name]),
            "times": times[name],
        }
        for name, _ in commands
    ]
    with open(export, "w") as f:
        json.dump({"results": results}, f, indent=2)


if __name__ == "__main__":
    main()
