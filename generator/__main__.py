import sys

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C while Python is still loading the converter: one line, no traceback
    print("已中断（Ctrl-C） / interrupted", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
