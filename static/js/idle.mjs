// The warning before a session ends after a time without activity (accounts/idle.py, ADR 0020).
//
// The page says how long its session has left. Typing on the page counts as activity: it tells
// the server, at most every few minutes. Two minutes before the end a dialog lets the person stay
// signed in or sign out now; if they do nothing, what they typed into the page's forms is kept
// in this tab's storage (under their own id and the page's address) and they are shown that they
// were signed out. Signing out on purpose keeps nothing. When they sign in again and come back to
// the page, what they typed is put back.

const TYPING_COUNTS_EVERY_MS = 5 * 60 * 1000;
// The browser moves on a moment after the server's time is up, never before it.
const AFTER_THE_END_MS = 2000;
const SKIPPED_FIELDS = new Set(["hidden", "password", "file", "submit", "button", "reset"]);

function keptKey(person, location) {
  return `idle-kept:${person}:${location.pathname}${location.search}`;
}

function inWords(seconds) {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts = [];
  if (minutes) parts.push(`${minutes} minute${minutes === 1 ? "" : "s"}`);
  if (rest || !minutes) parts.push(`${rest} second${rest === 1 ? "" : "s"}`);
  return parts.join(" ");
}

function fieldsOf(root) {
  const fields = [];
  for (const form of root.querySelectorAll("form")) {
    // Forms marked data-idle-no-keep (equality answers) are never kept in the browser.
    if (form.closest("dialog") || form.method.toLowerCase() !== "post" || form.hasAttribute("data-idle-no-keep")) {
      continue;
    }
    for (const field of form.elements) {
      if (!field.name || SKIPPED_FIELDS.has(field.type) || field.disabled) continue;
      fields.push(field);
    }
  }
  return fields;
}

function keepTyping(person) {
  const typed = [];
  for (const field of fieldsOf(document)) {
    if (field.type === "checkbox" || field.type === "radio") {
      if (field.checked) typed.push({ name: field.name, value: field.value, checked: true });
    } else if (field.value) {
      typed.push({ name: field.name, value: field.value });
    }
  }
  if (typed.length) sessionStorage.setItem(keptKey(person, window.location), JSON.stringify(typed));
}

function putTypingBack(person) {
  const key = keptKey(person, window.location);
  const kept = sessionStorage.getItem(key);
  if (!kept) return;
  sessionStorage.removeItem(key);
  const fields = fieldsOf(document);
  let restored = 0;
  for (const entry of JSON.parse(kept)) {
    for (const field of fields.filter((candidate) => candidate.name === entry.name)) {
      if (entry.checked && field.value === entry.value) {
        field.checked = true;
        restored += 1;
      } else if (!entry.checked && field.type !== "checkbox" && field.type !== "radio") {
        field.value = entry.value;
        restored += 1;
      }
    }
  }
  if (restored) showKeptNotice();
}

function showKeptNotice() {
  const main = document.getElementById("main-content");
  if (!main) return;
  const banner = document.createElement("div");
  banner.className = "govuk-notification-banner";
  banner.setAttribute("role", "region");
  banner.setAttribute("aria-labelledby", "idle-kept-title");
  banner.innerHTML =
    '<div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="idle-kept-title">Important</h2></div>' +
    '<div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">We kept what you typed before you were signed out. Check it, then carry on.</p></div>';
  main.prepend(banner);
}

function start(dialog) {
  const person = dialog.dataset.person;
  const warningSeconds = Number(dialog.dataset.idleWarningSeconds);
  const form = dialog.querySelector("form[data-idle-stay]");
  const countdown = dialog.querySelector("[data-idle-countdown]");
  const announce = dialog.querySelector("[data-idle-announce]");
  let deadline = Date.now() + Number(dialog.dataset.idleSeconds) * 1000;
  let lastTold = Date.now();
  let returnFocusTo = null;
  let leaving = false;
  let ticking = null;

  putTypingBack(person);

  const signedOutUrl = () =>
    `${dialog.dataset.signedOut}?next=${encodeURIComponent(window.location.pathname + window.location.search)}`;

  function timeUp() {
    if (leaving) return;
    leaving = true;
    window.clearInterval(ticking);
    keepTyping(person);
    window.location.assign(signedOutUrl());
  }

  async function stillHere() {
    lastTold = Date.now();
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        redirect: "manual",
      });
      if (!response.ok) return timeUp();
      const answer = await response.json();
      deadline = Date.now() + answer.seconds_left * 1000;
    } catch {
      // The network failed: the time left is unchanged, and the warning will come again.
    }
  }

  function close() {
    if (dialog.open) dialog.close();
    if (returnFocusTo) returnFocusTo.focus();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    await stillHere();
    close();
  });
  dialog.addEventListener("cancel", async (event) => {
    // Escape means "stay signed in", as the GOV.UK pattern has it.
    event.preventDefault();
    await stillHere();
    close();
  });
  // A form sent after the time is up (a tab that slept, say) would reach a server that has signed
  // the person out: keep what it holds instead, as when the time runs out.
  document.addEventListener(
    "submit",
    (event) => {
      if (dialog.contains(event.target) || Date.now() < deadline) return;
      event.preventDefault();
      timeUp();
    },
    true,
  );
  document.addEventListener("input", (event) => {
    if (dialog.contains(event.target) || Date.now() - lastTold < TYPING_COUNTS_EVERY_MS) return;
    stillHere();
  });

  let lastAnnounced = null;
  ticking = window.setInterval(() => {
    if (Date.now() >= deadline + AFTER_THE_END_MS) return timeUp();
    const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    if (left > warningSeconds) return;
    countdown.textContent = inWords(left);
    if (!dialog.open) {
      returnFocusTo = document.activeElement;
      dialog.showModal();
      dialog.setAttribute("tabindex", "-1");
      dialog.focus();
    }
    // A screen reader hears the time at whole minutes and the last half minute, not every second.
    const worthSaying = left % 60 === 0 || left === 30;
    if (worthSaying && lastAnnounced !== left) {
      announce.textContent = `You will be signed out in ${inWords(left)}.`;
      lastAnnounced = left;
    }
  }, 1000);
}

const dialog = document.getElementById("idle-warning");
if (dialog && typeof dialog.showModal === "function") start(dialog);
