"""`python -m marsad` runs the command line."""

import sys

from marsad.cli.main import main

sys.exit(main())
