import gc
import sys

gc.disable()  # what the imports make lives as long as the process: no collection need look for garbage in it
try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C while Python is still loading the converter: one line, no traceback
    print("已中断（Ctrl-C） / interrupted", file=sys.stderr)
    sys.exit(130)
gc.freeze()  # (and none walks it later)
gc.enable()

sys.exit(main())
