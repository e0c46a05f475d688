import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();

// "Print this page" buttons are hidden until this script can make them work; without it, the
// browser's own print still prints the page.
for (const button of document.querySelectorAll('[data-module="app-print"]')) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}

// The warning before signing out after a time without activity.
import "./idle.mjs";
