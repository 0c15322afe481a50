// Warns before the session ends, with a "stay signed in" button (WCAG 2.2.1 timing adjustable),
// and puts back what was typed before a session ended (core/drafts.py keeps it server-side).
const dialog = document.getElementById("session-timeout");

function show(part) {
  for (const el of dialog.querySelectorAll("[data-when]")) el.hidden = el.dataset.when !== part;
}

function spoken(seconds) {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

if (dialog && typeof dialog.showModal === "function") {
  const lifetime = Number(dialog.dataset.sessionSeconds) * 1000;
  const warning = Number(dialog.dataset.warningSeconds) * 1000;
  const title = dialog.querySelector("#session-timeout-title");
  const warningTitle = title.textContent;
  const count = dialog.querySelector(".app-timeout-count");
  const said = dialog.querySelector(".app-timeout-said");
  const form = dialog.querySelector("form");
  // The server's clock minus this one's, so that the server's end time reads right here.
  const skew = Number(dialog.dataset.serverNow) * 1000 - Date.now();
  let endsAt = 0;
  let timers = [];

  // When the session ends as the server last said, in any tab (core/sessions.py sets the
  // cookie on each renewal); 0 once signed out.
  const sharedEnd = () => {
    const match = document.cookie.match(/(?:^|;\s*)session_ends=(\d+)/);
    return match ? Number(match[1]) * 1000 - skew : 0;
  };
  // True (and the countdown moved on) when another tab or request renewed the session since.
  const renewedElsewhere = () => {
    const end = sharedEnd();
    if (end <= endsAt + 1000) return false;
    if (dialog.open) dialog.close();
    plan(end);
    return true;
  };

  const clear = () => {
    for (const timer of timers) window.clearTimeout(timer), window.clearInterval(timer);
    timers = [];
  };
  const tick = () => {
    if (renewedElsewhere()) return;
    const left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    const minutes = Math.floor(left / 60);
    count.textContent = `${minutes}:${String(left % 60).padStart(2, "0")}`;
    // Screen readers hear the time left when the warning opens and every 20 seconds, not each tick.
    if (left % 20 === 0 || !said.textContent) said.textContent = spoken(left);
  };
  const ended = () => {
    if (renewedElsewhere()) return;
    clear();
    title.textContent = title.dataset.endedText;
    show("ended");
    if (!dialog.open) dialog.showModal();
  };
  const warn = () => {
    if (renewedElsewhere()) return;
    title.textContent = warningTitle;
    said.textContent = "";
    show("warning");
    tick();
    timers.push(window.setInterval(tick, 1000));
    if (!dialog.open) dialog.showModal();
    form.querySelector("button").focus();
  };
  const plan = (end) => {
    clear();
    endsAt = end;
    const left = end - Date.now();
    timers.push(window.setTimeout(warn, Math.max(0, left - warning)));
    timers.push(window.setTimeout(ended, left));
  };
  const schedule = () => plan(sharedEnd() || Date.now() + lifetime);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      const type = response.headers.get("Content-Type") || "";
      if (!response.ok || !type.includes("application/json")) throw new Error("signed out");
      dialog.close();
      schedule();
    } catch {
      ended();
    }
  });
  dialog.querySelector("[data-close]").addEventListener("click", () => dialog.close());
  // Escape closes a modal dialog: the countdown goes on, and shows again when it ends.
  schedule();
}

// What was typed before the session ended, back in the form it was typed in.
const kept = document.getElementById("kept-draft-data");
if (kept) {
  const draft = JSON.parse(kept.textContent);
  const form = [...document.forms].find(
    (f) => f.method.toLowerCase() === "post" && new URL(f.action, location.href).pathname === draft.action,
  );
  if (form) {
    for (const [name, values] of Object.entries(draft.fields)) {
      const field = form.elements.namedItem(name);
      if (!field) continue;
      const elements = field instanceof RadioNodeList ? [...field] : [field];
      for (const el of elements) {
        if (el.type === "checkbox" || el.type === "radio") el.checked = values.includes(el.value);
        else if (el.type === "file") continue;
        else if (el instanceof HTMLSelectElement) {
          for (const option of el.options) option.selected = values.includes(option.value);
        } else el.value = values[elements.indexOf(el)] ?? values[0] ?? "";
      }
    }
  }
}
