// Starts govuk-frontend's components (header menu, error summary, skip link...).
import { initAll } from "/assets/govuk/govuk-frontend.min.js";
import "./submit-once.mjs";
import "./session-timeout.mjs";

initAll();
