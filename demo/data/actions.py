"""Demo actions drawn from the seed documents (../shared/seeds), as plain data.

Seed files, abbreviated in the comments:
  PCC pack   police-and-crime-committee-2015-01-08-agenda-pack.txt (its Summary List of Actions,
             from line 1262, and the three letters appended to it)
  KLCS       keeping-londons-children-safe-2014-07-report.txt (its eight recommendations)
  MOPAC CSE  mopac-challenge-cse-2015-06-10-transcript.txt
  JM         justice-matters-2016-11-28-transcript.txt and justice-matters-2016-11-28-slides.md

Each action:
  reference     stable, so that a second load matches it and changes nothing
  committee     COMMITTEES short name in demo/data/committees.py
  meeting       the seed meeting it came from (its start, London time), or None
  item          the agenda item it came from, as the path of titles from the top of the agenda
  source        where it came from when that is not a demo meeting (an earlier meeting's minute,
                a report's recommendation); the text before the first comma heads its group in
                the Summary of actions, as the seed's headings do
  created_on    when it was promised (the meeting, the report)
  description   the action as the document words it
  action_by     the agency as the document names it, matched to a demo agency by its name,
                short name or aliases (or, for GLA officers, ACTION_BY_OFFICERS)
  co_agencies   other agencies sharing it, named the same way
  owner         PEOPLE key of the person it is assigned to, or None: unassigned, for the
                agency's lead to assign
  status        as the document prints it, or as the transcript leaves it
  due_text      the deadline as promised ("n/a" where the seed's Deadline column says so)
  due_in_days   outstanding actions only: see demo.actions.demo_due_date
  due_on        done actions only: the historic due date, when the document gives one
  updates       dated progress notes in order: "on", "by" (PEOPLE key), "note", "status" (the
                status it moves to) and "evidence" (a file in demo/data/evidence, shown under
                "evidence_name")

The survivor who spoke at Justice Matters is never named; the actions of that item follow its
restriction (granted to MOPAC only).
"""

from .actions_jm import JUSTICE_MATTERS
from .actions_klcs import KLCS_RECOMMENDATIONS
from .actions_mopac import MOPAC_CHALLENGE
from .actions_pcc import PCC_SUMMARY_LIST

# Who records each committee's actions (a member of its secretariat).
RECORDED_BY: dict[str, str] = {
    "PCC": "joanna_brown",
    "MOPAC-CH": "marie_snelling",
    "JM": "samantha_cunningham",
}

# The Summary List names two GLA officers, not agencies, in its "Action by" column.
ACTION_BY_OFFICERS: dict[str, str] = {
    "Monitoring Officer": "GLA",
    "Executive Director of Secretariat": "GLA",
}


ACTIONS: list[dict] = [
    *PCC_SUMMARY_LIST,
    *KLCS_RECOMMENDATIONS,
    *MOPAC_CHALLENGE,
    *JUSTICE_MATTERS,
]
