"""``python -m coopanalysis`` runs the command line."""

from coopanalysis.cli import main

raise SystemExit(main())
