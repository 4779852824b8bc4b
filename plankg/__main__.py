"""``python -m plankg``: the command line (the app uses it to start the SPARQL endpoint beside itself)."""
from __future__ import annotations

import sys

from plankg.cli import main

if __name__ == "__main__":
    sys.exit(main())
