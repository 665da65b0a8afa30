"""The batch bench's baseline: Python's csv module reads a CSV and writes the same rows.

python3 tests/benches/pycsv.py IN.csv OUT.csv  (run by `BATCH_VS_PYTHON=ROWS cargo bench --bench batch`)
"""
import csv
import sys

with open(sys.argv[1], encoding="utf-8", newline="") as f, open(
    sys.argv[2], "w", encoding="utf-8", newline=""
) as o:
    r = csv.reader(f)
    w = csv.writer(o)
    for row in r:
        w.writerow(row)
