"""`python -m reader` works like the `reader` command."""

import sys

from reader.cli import main

if __name__ == "__main__":  # not when a tool merely imports every module
    sys.exit(main())
