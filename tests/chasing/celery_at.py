"""Run a Celery command (worker or beat) with its clock moved to FAKE_NOW, still ticking.

The worker tests use this to move a real worker and beat through days with time-machine
instead of sleeping: each phase of a test starts them again at a later FAKE_NOW.
"""

import datetime
import os
import sys

import time_machine

if os.environ.get("FAKE_NOW"):
    time_machine.travel(datetime.datetime.fromisoformat(os.environ["FAKE_NOW"]), tick=True).start()

from celery.__main__ import main

sys.exit(main())
