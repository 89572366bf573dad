"""``python -m unvote`` runs the command line."""

from unvote.cli import main

main()
