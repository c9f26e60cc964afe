"""``python -m bench.law_cases``: see the package's docstring."""

import sys

from bench.law_cases.runner import main

sys.exit(main())
