"""``python -m synth.scans OUT --count N --seed S``: write a synthetic batch."""

import argparse
from pathlib import Path

from synth.scans.batchgen import HANDS, generate


def main() -> None:
    """Parse the arguments and write the batch."""
    parser = argparse.ArgumentParser(prog="python -m synth.scans", description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--former-towns", type=float, default=None, help="share of hukous in a former township"
    )
    parser.add_argument("--hands", choices=HANDS, default="typeset", help="how values are filled")
    args = parser.parse_args()
    truths = generate(
        args.out,
        count=args.count,
        seed=args.seed,
        former_towns=args.former_towns,
        hands=args.hands,
    )
    print(f"wrote {len(truths)} records under {args.out}")


if __name__ == "__main__":
    main()
