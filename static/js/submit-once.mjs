// A form is sent once: after the first submit its buttons are disabled, so a double click or
// an impatient second click sends nothing more. Progressive enhancement only: the server
// guards every create anyway (core/once.py).
const BUTTONS = "button:not([type]), button[type=submit], input[type=submit]";

function buttonsOf(form) {
  const inside = [...form.querySelectorAll(BUTTONS)];
  const outside = form.id ? [...document.querySelectorAll(`[form="${CSS.escape(form.id)}"]`)] : [];
  return [...inside, ...outside.filter((el) => el.matches(BUTTONS))];
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post") return;
  if (form.dataset.submitted === "true") {
    event.preventDefault();
    return;
  }
  if (event.defaultPrevented) return;
  form.dataset.submitted = "true";
  form.setAttribute("aria-busy", "true");
  // Disabled once the browser has put the pressed button's name and value into the form data.
  window.setTimeout(() => {
    for (const button of buttonsOf(form)) {
      button.disabled = true;
      button.setAttribute("aria-disabled", "true");
    }
  }, 0);
});

// A page shown again from the back/forward cache can be sent again.
window.addEventListener("pageshow", (event) => {
  if (!event.persisted) return;
  for (const form of document.querySelectorAll("form[data-submitted]")) {
    delete form.dataset.submitted;
    form.removeAttribute("aria-busy");
    for (const button of buttonsOf(form)) {
      button.disabled = false;
      button.removeAttribute("aria-disabled");
    }
  }
});
