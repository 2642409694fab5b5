"""python -m wstextract: the same as the wstextract command."""

from .cli import cli

cli(prog_name="wstextract")
