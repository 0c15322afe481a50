// Keeps the quorum panel current while attendance is recorded elsewhere. The page is right
// without this: the server renders the panel on every load; this only refreshes it.
const panel = document.querySelector("[data-quorum-url]");

function render(q) {
  const state = panel.querySelector("[data-quorum-state]");
  const detail = panel.querySelector("[data-quorum-detail]");
  const tag = document.createElement("strong");
  if (!q.has_rule) {
    tag.className = "govuk-tag govuk-tag--grey";
    tag.textContent = "No quorum rule";
  } else if (q.met) {
    tag.className = "govuk-tag govuk-tag--green";
    tag.textContent = "Quorate";
  } else {
    tag.className = "govuk-tag govuk-tag--red";
    tag.textContent = "Not quorate";
  }
  // The panel is a live region: any change to it is read out, so it is touched only when
  // what it says has changed (not at every refresh, which re-announced it every 15 seconds).
  const shown = state.querySelector("strong");
  if (!shown || shown.className !== tag.className || shown.textContent !== tag.textContent) {
    state.replaceChildren(tag);
  }
  const n = q.members_present;
  let text = `${n} member${n === 1 ? "" : "s"} present`;
  if (q.has_rule) {
    text += ` of ${q.min_members_present} needed`;
    if (q.members_short) text += ` (${q.members_short} more needed)`;
  }
  text += ".";
  if (q.missing_agencies.length) {
    text += ` Not yet present: ${q.missing_agencies.join(", ")}.`;
  } else if (q.required_agencies.length) {
    text += " Every required agency is present.";
  }
  if (detail.textContent !== text) detail.textContent = text;
}

async function refresh() {
  try {
    const response = await fetch(panel.dataset.quorumUrl, {
      // Not the person acting: the refresh must not keep the session going (core/sessions.py).
      headers: { Accept: "application/json", "X-App-Background": "1" },
      credentials: "same-origin",
    });
    if (response.ok) render(await response.json());
  } catch {
    // Offline or signed out: keep what the page shows.
  }
}

if (panel && !panel.dataset.quorumLive) {
  panel.dataset.quorumLive = "1";
  setInterval(() => {
    if (document.visibilityState === "visible") refresh();
  }, 15000);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") refresh();
  });
}
