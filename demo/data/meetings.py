"""Demo meetings drawn from the seed documents (../shared/seeds), as plain data.

Seed files, abbreviated in each meeting's "source":
  PCC pack   police-and-crime-committee-2015-01-08-agenda-pack.txt
  MOPAC CSE  mopac-challenge-cse-2015-06-10-transcript.txt
  JM         justice-matters-2016-11-28-transcript.txt and justice-matters-2016-11-28-slides.md

People are PEOPLE keys (demo/data/people.py) and agencies AGENCIES short names
(demo/data/agencies.py). Times are wall-clock times in Europe/London. Where a document gives no
timing, "planned_minutes" is None, or, where marked "estimate", is shared out in proportion to
how long the transcript spends on each item so that the items add up to the documented start and
finish times. The meetings are in meetings_pcc.py and meetings_hearings.py, the committees'
standing agendas in standing_agendas.py.

Each item: "title", "kind", and optionally "description", "recommendation", "presenters",
"lead_agency", "planned_minutes", "restricted_to" (agencies granted a restricted item),
"exempt_paragraph" (Schedule 12A, for a restricted item of a committee meeting in public),
"questions" (public questions) and "children" (sub-items).
"""

from .meetings_hearings import HEARINGS
from .meetings_pcc import PCC_MEETINGS
from .standing_agendas import STANDING_AGENDAS

__all__ = ["MEETINGS", "STANDING_AGENDAS"]

MEETINGS: list[dict] = [*PCC_MEETINGS, *HEARINGS]
