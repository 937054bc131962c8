"""`python -m generator`: the `sebar` command, for a computer where `sebar` is not (yet) on the PATH."""

from __future__ import annotations

import sys

from generator.cli import main

sys.exit(main())
