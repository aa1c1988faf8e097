"""Hostile inputs, each at size n and 10n: invlint's time and peak memory must grow at
most tenfold (plus a constant) when the input does. Prints one line per input with both
measurements and their ratios, and exits 1 when a ratio is over the bound.

Usage: python3 bench/hostile.py [INVLINT] [--scale S]   (S multiplies every n; default 1)

Each case is run with /usr/bin/time (wall seconds, peak resident set), output to
/dev/null, one run each, with a 120 s timeout: the ratios, not the seconds, are the
result, and the machines are noisy, so a ratio over 10 is allowed slack of 0.25 s and
20 MB at the small size.
"""

import os
import subprocess
import sys
import tempfile

OSS_CONFIG = """<InventoryConfiguration><Id>{id}</Id><IsEnabled>{enabled}</IsEnabled><Destination><OSSBucketDestination><Format>CSV</Format><AccountId>1000000000000000</AccountId><RoleArn>acs:ram::1000000000000000:role/AliyunOSSRole</RoleArn><Bucket>acs:oss:::destination-bucket</Bucket></OSSBucketDestination></Destination><Schedule><Frequency>Daily</Frequency></Schedule><IncludedObjectVersions>Current</IncludedObjectVersions></InventoryConfiguration>"""
OBS_CONFIG = """<InventoryConfiguration><Id>c{i}</Id><IsEnabled>true</IsEnabled><Destination><Format>CSV</Format><Bucket>destbucket</Bucket></Destination><Schedule><Frequency>Daily</Frequency></Schedule><IncludedObjectVersions>Current</IncludedObjectVersions></InventoryConfiguration>"""
VALID_HEAD = """<InventoryConfiguration><Id>report1</Id><IsEnabled>true</IsEnabled><Destination><OSSBucketDestination><Format>CSV</Format><AccountId>1000000000000000</AccountId><RoleArn>acs:ram::1000000000000000:role/AliyunOSSRole</RoleArn><Bucket>acs:oss:::destination-bucket</Bucket></OSSBucketDestination></Destination><Schedule><Frequency>Daily</Frequency></Schedule><IncludedObjectVersions>Current</IncludedObjectVersions>"""


def oss_list(n, enabled="true", same_id=False, newline=""):
    configs = newline.join(OSS_CONFIG.format(id="same" if same_id else f"c{i}", enabled=enabled) for i in range(n))
    return f"<ListInventoryConfigurationsResult>{configs}<IsTruncated>false</IsTruncated></ListInventoryConfigurationsResult>"


def cases():
    """(name, base n, files for n, extra arguments)."""
    return [
        ("INV030: n OBS configurations of one bucket without a prefix", 2000,
         lambda n: {"a.xml": "<ListInventoryConfiguration>" + "".join(OBS_CONFIG.format(i=i) for i in range(n)) + "</ListInventoryConfiguration>"},
         ["--provider", "obs", "--bucket", "b"]),
        ("INV028: two files of n configurations with one Id", 2000,
         lambda n: {"a.xml": oss_list(n, same_id=True), "b.xml": oss_list(n, same_id=True)},
         ["--bucket", "b"]),
        ("positions: one line of n configurations, each with a finding", 2000,
         lambda n: {"a.xml": oss_list(n, enabled="True")}, []),
        ("--format full: one line of n findings", 2000,
         lambda n: {"a.xml": oss_list(n, enabled="True")}, ["--format", "full"]),
        ("INV031: an invlint-ignore comment left open over n lines", 20000,
         lambda n: {"a.xml": VALID_HEAD + "<!-- invlint-ignore\n" + "".join(f"name{i}\n" for i in range(n)) + "-->\n</InventoryConfiguration>"},
         ["--format", "full"]),
        ("n comments between elements", 40000,
         lambda n: {"a.xml": VALID_HEAD + "<!-- c -->" * n + "</InventoryConfiguration>"}, []),
        ("INV013: n repeated Fields", 20000,
         lambda n: {"a.xml": VALID_HEAD + "<OptionalFields>" + "<Field>Size</Field>" * n + "</OptionalFields></InventoryConfiguration>"}, []),
        ("memory: n bytes of tiny unknown elements", 1_000_000,
         lambda n: {"a.xml": VALID_HEAD + "<x/>" * (n // 4) + "</InventoryConfiguration>"}, []),
        ("memory: n files of 512 KB of tiny unknown elements at once", 2,
         lambda n: {f"f{i}.xml": VALID_HEAD + "<x/>" * (512 * 1024 // 4) + "</InventoryConfiguration>" for i in range(n)},
         []),
    ]


def measure(binary, files, args):
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in files.items():
            with open(os.path.join(tmp, name), "w") as f:
                f.write(text)
        # The size limit is raised: what grows is the work, not the refusal.
        command = ["/usr/bin/time", "-f", "%e %M", binary, "check", "--isolated", "--max-file-size", "1GiB",
                   "--color", "never", *args, *sorted(files)]
        try:
            result = subprocess.run(command, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            return None
        seconds, kilobytes = result.stderr.strip().splitlines()[-1].split()
        return float(seconds), int(kilobytes) / 1024


def main():
    args = sys.argv[1:]
    scale = 1.0
    if "--scale" in args:
        at = args.index("--scale")
        scale = float(args[at + 1])
        del args[at:at + 2]
    binary = os.path.abspath(args[0] if args else "target/release/invlint")
    over = 0
    print(f"{'input':<64} {'n':>9} {'s':>7} {'MB':>7} | {'10n s':>7} {'MB':>7} | time x  mem x")
    for name, n, make, extra in cases():
        n = max(1, int(n * scale))
        small = measure(binary, make(n), extra)
        large = measure(binary, make(10 * n), extra)
        if small is None or large is None:
            print(f"{name:<64} {n:>9} {'timeout (120 s)':>32}")
            over += 1
            continue
        time_ratio = large[0] / max(small[0], 0.01)
        memory_ratio = large[1] / max(small[1], 1)
        ok = large[0] <= 10 * small[0] + 0.25 and large[1] <= 10 * small[1] + 20
        over += 0 if ok else 1
        print(f"{name:<64} {n:>9} {small[0]:>7.2f} {small[1]:>7.1f} | {large[0]:>7.2f} {large[1]:>7.1f} | {time_ratio:>6.1f} {memory_ratio:>6.1f}{'' if ok else '  OVER'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
