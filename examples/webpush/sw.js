// The service worker of the ntfy Web Push example: it shows each push
// message ntfy sends (JSON: title, body, status, command, duration, host).
"use strict";

function describe(data) {
  const failed = typeof data.status === "number" && data.status !== 0;
  const mark = data.status === null || data.status === undefined
    ? "" : failed ? "\u274c " : "\u2705 ";
  const title = mark + (data.title || "ntfy");
  const lines = [];
  if (data.body)
    lines.push(data.body);
  const facts = [];
  if (data.host)
    facts.push(data.host);
  if (typeof data.duration === "number")
    facts.push(Math.round(data.duration) + " s");
  if (failed)
    facts.push("exit " + data.status);
  if (facts.length)
    lines.push(facts.join(" \u00b7 "));
  return { title, body: lines.join("\n"), failed };
}

self.addEventListener("push", (event) => {
  let data;
  try {
    data = event.data ? event.data.json() : {};
  } catch (e) {
    data = { body: event.data ? event.data.text() : "" };
  }
  const n = describe(data);
  event.waitUntil(self.registration.showNotification(n.title, {
    body: n.body,
    tag: n.failed ? undefined : "ntfy",
    renotify: !n.failed,
    requireInteraction: n.failed,
    data: data,
  }));
});

// A click brings the page back.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(self.clients.matchAll({ type: "window" }).then((list) => {
    for (const c of list)
      if ("focus" in c)
        return c.focus();
    return self.clients.openWindow("./");
  }));
});
