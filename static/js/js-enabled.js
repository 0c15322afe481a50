// Marks the page as having JavaScript before it is drawn, as govuk-frontend expects (its
// components style themselves by these classes). A file, not an inline script: the
// Content-Security-Policy allows no inline script.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
