"""``python -m coopanalysis`` runs the command line."""

from coopanalysis.run.cli import main

raise SystemExit(main())
