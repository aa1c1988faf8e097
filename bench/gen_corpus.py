#!/usr/bin/env python3
"""Writes a deterministic corpus of OSS bucket-inventory documents for the benchmarks.

    gen_corpus.py --count 10000 --out DIR [--seed 1]   # 1-2 KB documents in nested folders
    gen_corpus.py --list-mb 100 --out FILE [--seed 1]  # one large ListInventoryConfigurationsResult
    gen_corpus.py --list-count 10000 --out FILE        # a list of exactly that many configurations

About 85% of the documents are valid and 15% carry one typical mistake each; 80% are XML
and 20% JSON (the ossutil shape). The same seed and count give the same bytes.
"""

import argparse
import json
import os
import random

FIELDS = ["Size", "StorageClass", "TransitionTime", "LastModifiedDate", "ETag", "IsMultipartUploaded",
          "ObjectType", "ObjectAcl", "Crc64", "EncryptionStatus", "TaggingCount"]
CLASSES = ["Standard", "IA", "Archive", "ColdArchive"]
# One typical mistake each: what people get wrong in real documents.
MISTAKES = ["frequency-typo", "frequency-case", "transistion-time", "missing-format", "size-unit",
            "capital-boolean", "double-prefix", "bare-bucket", "hourly", "duplicate-id",
            "bounds-reversed", "both-encryptions"]


def configuration(rng, index):
    """A valid configuration as a dict of the ossutil JSON shape (element names as keys)."""
    account = str(rng.randrange(10**15, 10**16))
    doc = {
        "Id": f"report-{index:07d}-{rng.choice(['daily', 'weekly', 'audit', 'media', 'logs'])}",
        "IsEnabled": rng.random() < 0.9,
        "Filter": {"Prefix": f"{rng.choice(['logs', 'media', 'backup', 'photos'])}/{rng.randrange(1000):03d}/"},
        "Destination": {"OSSBucketDestination": {
            "Format": "CSV",
            "AccountId": account,
            "RoleArn": f"acs:ram::{account}:role/AliyunOSSRole",
            "Bucket": f"acs:oss:::inventory-{rng.randrange(100):02d}",
            "Prefix": f"inventory/{rng.choice(['finance', 'media', 'platform', 'analytics'])}/{index:07d}/",
        }},
        "Schedule": {"Frequency": rng.choice(["Daily", "Weekly"])},
        "IncludedObjectVersions": rng.choice(["All", "Current"]),
        "OptionalFields": {"Field": rng.sample(FIELDS, rng.randint(9, 11))},
    }
    # Every document filters and encrypts, which makes them 1 to 1.5 KB.
    low = rng.randrange(0, 10**6)
    doc["Filter"].update({
        "LastModifyBeginTimeStamp": str(rng.randrange(1262275200, 1600000000)),
        "LastModifyEndTimeStamp": str(rng.randrange(1600000000, 1700000000)),
        "LowerSizeBound": str(low),
        "UpperSizeBound": str(low + rng.randrange(1, 10**9)),
        "StorageClass": ",".join(rng.sample(CLASSES, rng.randint(1, 3))),
    })
    doc["Destination"]["OSSBucketDestination"]["Encryption"] = (
        {"SSE-KMS": {"KeyId": f"key-{rng.randrange(10**6)}"}} if rng.random() < 0.5 else {"SSE-OSS": {}})
    return doc


def spoil(rng, doc, mistake):
    """Puts one mistake into a configuration; returns the XML element name to duplicate, if any."""
    dest = doc["Destination"]["OSSBucketDestination"]
    if mistake == "frequency-typo":
        doc["Schedule"] = {"Frequncy": doc["Schedule"]["Frequency"]}
    elif mistake == "frequency-case":
        doc["Schedule"]["Frequency"] = doc["Schedule"]["Frequency"].lower()
    elif mistake == "transistion-time":
        doc["OptionalFields"]["Field"][0] = "TransistionTime"
    elif mistake == "missing-format":
        del dest["Format"]
    elif mistake == "size-unit":
        doc["Filter"]["LowerSizeBound"] = "1KB"
    elif mistake == "capital-boolean":
        doc["IsEnabled"] = "True"
    elif mistake == "double-prefix":
        dest["Bucket"] = "acs:oss:::" + dest["Bucket"]
    elif mistake == "bare-bucket":
        dest["Bucket"] = dest["Bucket"].removeprefix("acs:oss:::")
    elif mistake == "hourly":
        doc["Schedule"]["Frequency"] = "Hourly"
    elif mistake == "duplicate-id":
        return "Id"
    elif mistake == "bounds-reversed":
        doc["Filter"]["LowerSizeBound"] = "2048"
        doc["Filter"]["UpperSizeBound"] = "1024"
    elif mistake == "both-encryptions":
        dest["Encryption"] = {"SSE-OSS": {}, "SSE-KMS": {"KeyId": "key-1"}}
    return None


def to_xml(name, value, indent, out, duplicate=None):
    pad = "  " * indent
    if value == {} or value is None:
        out.append(f"{pad}<{name}/>")
    elif isinstance(value, dict):
        out.append(f"{pad}<{name}>")
        for key, child in value.items():
            to_xml(key, child, indent + 1, out)
            if key == duplicate:
                to_xml(key, child, indent + 1, out)
        out.append(f"{pad}</{name}>")
    elif isinstance(value, list):
        for item in value:
            to_xml(name, item, indent, out)
    else:
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        text = text.replace("&", "&amp;").replace("<", "&lt;")
        out.append(f"{pad}<{name}>{text}</{name}>")


def document(rng, index):
    doc = configuration(rng, index)
    duplicate = None
    if rng.random() < 0.15:
        duplicate = spoil(rng, doc, rng.choice(MISTAKES))
    if rng.random() < 0.8:
        lines = ['<?xml version="1.0" encoding="UTF-8"?>']
        to_xml("InventoryConfiguration", doc, 0, lines, duplicate)
        return "xml", "\n".join(lines) + "\n"
    if duplicate:
        # JSON keeps duplicate keys only as text: write the member twice by hand.
        text = json.dumps(doc, indent=2)
        line = f'  "Id": {json.dumps(doc["Id"])},\n'
        return "json", text.replace(line, line + line, 1) + "\n"
    return "json", json.dumps(doc, indent=2) + "\n"


def write_corpus(count, out, seed):
    rng = random.Random(seed)
    total = 0
    for index in range(count):
        ext, text = document(rng, index)
        folder = os.path.join(out, f"r{index // 1000:03d}", f"t{index // 100 % 10}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"inventory-{index:07d}.{ext}"), "w") as f:
            f.write(text)
        total += len(text)
    print(f"{count} documents, {total / 1e6:.1f} MB, in {out}")


def write_list(megabytes, count, out, seed):
    rng = random.Random(seed)
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    size = 0
    index = 0
    with open(out, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<ListInventoryConfigurationsResult>\n')
        while (count is not None and index < count) or (count is None and size < megabytes * 1_000_000):
            lines = []
            to_xml("InventoryConfiguration", configuration(rng, index), 1, lines)
            text = "\n".join(lines) + "\n"
            f.write(text)
            size += len(text)
            index += 1
        f.write("  <IsTruncated>false</IsTruncated>\n</ListInventoryConfigurationsResult>\n")
    print(f"{index} configurations, {size / 1e6:.1f} MB, in {out}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int)
    parser.add_argument("--list-mb", type=int)
    parser.add_argument("--list-count", type=int, help="a list of exactly this many configurations")
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.list_mb or args.list_count:
        write_list(args.list_mb, args.list_count, args.out, args.seed)
    else:
        write_corpus(args.count or 10000, args.out, args.seed)


if __name__ == "__main__":
    main()
