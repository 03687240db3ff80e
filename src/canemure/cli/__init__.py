"""The ``canemure`` command-line interface (entry point: :func:`canemure.cli.main.main`)."""
