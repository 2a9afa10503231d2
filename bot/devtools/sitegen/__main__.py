"""``python -m bot.devtools.sitegen OUT --pages N --base-url URL``: write the benchmark site."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.devtools.sitegen import generate_site


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.devtools.sitegen", description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--base-url", default="http://127.0.0.1:8765")
    args = parser.parse_args()
    site = generate_site(args.out, args.pages, args.base_url)
    print(f"{len(site.page_paths)} pages and their site maps written to {args.out}")


main()
