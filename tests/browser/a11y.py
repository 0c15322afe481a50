"""Helpers for the accessibility browser tests: a signed-in context per persona, axe-core run
in the page, and the page checks axe leaves to others (ids, id references, the tab title)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.test import Client

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 A and AA as axe-core tags them (2.0, 2.1 and 2.2 levels A and AA).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary),
  }));
}"""

# What axe no longer checks (duplicate ids) or only partly (every id of an id list must exist),
# and the tab title's form: "<page>", an en dash, "Partnership meetings".
PAGE_CHECKS = """() => {
  const problems = [];
  const seen = {};
  for (const el of document.querySelectorAll('[id]')) seen[el.id] = (seen[el.id] || 0) + 1;
  for (const [id, n] of Object.entries(seen)) if (n > 1) problems.push(`id ${id} x${n}`);
  for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls']) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const ref of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(ref)) problems.push(`${attr}=${ref} points at nothing`);
      }
    }
  }
  if (!/^\\S.* \u2013 Partnership meetings$/.test(document.title)) {
    problems.push(`title ${JSON.stringify(document.title)}`);
  }
  return problems;
}"""


def session_cookie(user, live_server) -> dict:
    """A session cookie for `user`, signed in with a password (no second factor asked)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


def new_context(browser, live_server, user=None, **options):
    """A browser context with axe-core loaded in every page (an init script is not subject to
    the page's Content-Security-Policy), signed in as `user` when given."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **options)
    context.add_init_script(path=str(AXE))
    if user is not None:
        context.add_cookies([session_cookie(user, live_server)])
    return context


def violations(page) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations on the page, and the page checks', in words."""
    found = [
        f"{v['id']} ({v['impact']}): {v['help']}; " + " | ".join(v["nodes"])
        for v in page.evaluate(RUN_AXE, WCAG_TAGS)
    ]
    return found + page.evaluate(PAGE_CHECKS)
