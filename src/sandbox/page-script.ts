/**
 * The sandbox page's script (plain browser JavaScript, no build step): polls the JSON state every
 * second and draws it, and turns what a person does into the API's actions. Block Kit arrives as
 * HTML from the server (block-kit-html.ts); this only wires its data attributes: buttons and
 * selects outside inputs send block actions, a modal's form submits its inputs' values.
 * Kept as a string so that the compiled app serves it without copying files.
 */
export const PAGE_SCRIPT = `"use strict";
(function () {
  var POLL_MS = 1000;
  var $ = function (id) { return document.getElementById(id); };
  var params = new URLSearchParams(location.search);
  var ui = {
    as: params.get("as") || "",
    open: params.get("open") || "",
    state: null,
    /** Per person, the newest ts seen in each conversation: the rest is unread. */
    seen: {},
    requested: 0,
    drawn: 0,
    shown: { people: "", sidebar: "", messages: "", home: "", modal: "", thread: "" },
    /** The ts of the message whose thread is open in the side pane, in the open conversation. */
    thread: "",
  };

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  async function api(path, body) {
    var init = body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
    var res = await fetch("/api/" + path, init);
    var data = await res.json();
    if (!res.ok) throw new Error(data.error || "HTTP " + res.status);
    return data;
  }

  /** Runs an action, says what went wrong if anything did, then redraws. Null when it failed. */
  async function act(path, body) {
    var result = null;
    try {
      result = await api(path, body);
      if (result.notice) toast(result.notice, false);
    } catch (err) {
      toast(err.message, true);
    }
    await refresh();
    return result;
  }

  async function refresh() {
    var query = new URLSearchParams();
    if (ui.as) query.set("as", ui.as);
    if (ui.open) query.set("open", ui.open);
    var seq = ++ui.requested;
    try {
      var state = await api("state?" + query.toString());
      // A slow poll must not draw over what a later request already drew.
      if (seq > ui.drawn) {
        ui.drawn = seq;
        draw(state);
      }
    } catch (err) {
      if (!ui.state) {
        ui.as = "";
        ui.open = "";
      }
      toast(err.message, true);
    }
  }

  function poll() {
    setTimeout(function () {
      refresh().then(poll);
    }, POLL_MS);
  }

  // ------------------------------------------------------------------ drawing

  function draw(s) {
    ui.state = s;
    ui.as = s.me.id;
    ui.open = s.open;
    history.replaceState(null, "", "?as=" + encodeURIComponent(ui.as) + "&open=" + encodeURIComponent(ui.open));
    drawPeople(s);
    drawClock(s);
    drawSidebar(s);
    drawPane(s);
    drawThread(s);
    drawModal(s);
    syncPickers(document);
  }

  function drawPeople(s) {
    var key = s.people.map(function (p) { return p.id; }).join();
    var select = $("sb-person");
    if (ui.shown.people !== key) {
      select.innerHTML = s.people.map(function (p) {
        // Who each person is, as Slack's profile shows it: name, then role and organization.
        return '<option value="' + escapeHtml(p.id) + '">' + escapeHtml(p.name + " · " + p.title) + "</option>";
      }).join("");
      ui.shown.people = key;
    }
    select.value = s.me.id;
    $("sb-person-title").textContent = s.me.title + " · " + s.me.tz.replace(/_/g, " ");
  }

  function drawClock(s) {
    var format = new Intl.DateTimeFormat("en-US", {
      timeZone: s.me.tz, weekday: "short", month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short",
    });
    var clock = $("sb-clock");
    clock.dateTime = s.now;
    clock.textContent = format.format(new Date(s.now));
  }

  function drawSidebar(s) {
    var conversations = s.channels.concat([s.dm]);
    var seen = ui.seen[s.me.id];
    if (!seen) {
      seen = ui.seen[s.me.id] = {};
      conversations.forEach(function (c) { seen[c.id] = c.latestTs; });
    }
    conversations.forEach(function (c) { if (c.id === s.open) seen[c.id] = c.latestTs; });
    function item(c, label) {
      var unread = c.latestTs && c.latestTs !== seen[c.id] && c.id !== s.open;
      return '<li><button type="button" class="sb-nav' + (unread ? " sb-unread" : "") + '" data-open="' + escapeHtml(c.id) + '" aria-current="' + (c.id === s.open) + '">' + label + "</button></li>";
    }
    var channels = s.channels.map(function (c) { return item(c, "# " + escapeHtml(c.name)); }).join("");
    var dms = item(s.dm, escapeHtml(s.dm.name) + ' <span class="sb-sub">app</span>');
    var html = channels + "|" + dms;
    if (ui.shown.sidebar !== html) {
      $("sb-channels").innerHTML = channels;
      $("sb-dms").innerHTML = dms;
      ui.shown.sidebar = html;
    }
    $("sb-home-link").setAttribute("aria-current", String(s.open === "home"));
  }

  function drawPane(s) {
    var isHome = s.open === "home";
    $("sb-title").textContent = s.title;
    $("sb-topic").textContent = s.topic;
    $("sb-home").hidden = !isHome;
    $("sb-messages").hidden = isHome;
    $("sb-composer").hidden = isHome;
    if (isHome) {
      var home = s.home || '<p class="sb-empty">Opening Convene’s Home tab…</p>';
      if (ui.shown.home !== home) {
        $("sb-home").innerHTML = home;
        ui.shown.home = home;
      }
      return;
    }
    ui.shown.home = "";
    var box = $("sb-messages");
    var html = s.items.length ? itemsHtml(s) : '<p class="sb-empty">Nothing here yet. Try <b>/convene help</b> below.</p>';
    var key = s.open + "|" + html;
    if (ui.shown.messages !== key) {
      var switched = ui.shown.messages.indexOf(s.open + "|") !== 0;
      var atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
      box.innerHTML = html;
      ui.shown.messages = key;
      if (switched || atBottom) box.scrollTop = box.scrollHeight;
    }
    $("sb-composer-input").placeholder = "Message " + (s.open === s.dm.id ? "Convene" : s.title) + ", or /convene help";
  }

  function itemsHtml(s) {
    var day = new Intl.DateTimeFormat("en-US", { timeZone: s.me.tz, weekday: "long", month: "long", day: "numeric", year: "numeric" });
    var time = new Intl.DateTimeFormat("en-US", { timeZone: s.me.tz, hour: "numeric", minute: "2-digit" });
    var lastDay = "";
    return s.items.map(function (item) {
      var d = day.format(new Date(item.at));
      var divider = d !== lastDay ? '<div class="sb-day">' + escapeHtml(d) + "</div>" : "";
      lastDay = d;
      return divider + itemHtml(item, time);
    }).join("");
  }

  function itemHtml(item, time, inThread) {
    if (item.kind === "join") {
      return '<div class="sb-join" data-kind="join" data-ts="' + escapeHtml(item.ts) + '"><span class="sb-author">' + escapeHtml(item.author) + "</span> " + item.html +
        ' <time class="sb-time" datetime="' + escapeHtml(item.at) + '">' + escapeHtml(time.format(new Date(item.at))) + "</time></div>";
    }
    var ephemeral = item.kind === "ephemeral";
    return '<article class="sb-msg' + (ephemeral ? " sb-ephemeral" : "") + (item.pinned ? " sb-pinned" : "") + '" data-item="true" data-kind="' + item.kind +
      '" data-ts="' + escapeHtml(item.ts) + '" data-channel="' + escapeHtml(item.channelId) + '">' +
      (item.pinned ? '<div class="sb-pin-mark">📌 Pinned</div>' : "") +
      '<div class="sb-avatar' + (item.fromApp ? "" : " sb-person-avatar") + '" aria-hidden="true">' + escapeHtml(item.author.charAt(0).toUpperCase()) + "</div>" +
      '<div class="sb-body"><div class="sb-meta"><span class="sb-author">' + escapeHtml(item.author) + "</span>" +
      (item.fromApp ? '<span class="sb-app-badge">APP</span>' : "") +
      '<time class="sb-time" datetime="' + escapeHtml(item.at) + '">' + escapeHtml(time.format(new Date(item.at))) + "</time>" +
      (item.edited ? '<span class="sb-edited">(edited)</span>' : "") + "</div>" +
      (ephemeral ? '<div class="sb-only-you">Only visible to you</div>' : "") +
      '<div class="sb-content">' + item.html + "</div>" +
      (item.replies.length && !inThread
        ? '<button type="button" class="sb-thread-link" data-thread="' + escapeHtml(item.ts) + '">' + item.replies.length + (item.replies.length === 1 ? " reply" : " replies") + "</button>"
        : "") +
      "</div></article>";
  }

  /** Slack's thread pane: the message, then its replies, beside the conversation (over it on a phone). */
  function drawThread(s) {
    var pane = $("sb-thread");
    var parent = ui.thread && s.open !== "home" ? s.items.find(function (i) { return i.ts === ui.thread; }) : null;
    if (!parent) ui.thread = "";
    document.body.classList.toggle("sb-thread-open", !!parent);
    if (!parent) {
      pane.hidden = true;
      pane.innerHTML = "";
      ui.shown.thread = "";
      return;
    }
    var time = new Intl.DateTimeFormat("en-US", { timeZone: s.me.tz, hour: "numeric", minute: "2-digit" });
    var html = '<header class="sb-thread-header"><h2>Thread</h2><span class="sb-topic">' + escapeHtml(s.title) + "</span>" +
      '<button type="button" class="sb-thread-close" data-close-thread="true" aria-label="Close thread">×</button></header>' +
      '<div class="sb-thread-body">' + itemHtml(parent, time, true) +
      '<div class="sb-thread-count">' + parent.replies.length + (parent.replies.length === 1 ? " reply" : " replies") + "</div>" +
      parent.replies.map(function (r) { return itemHtml(r, time, true); }).join("") + "</div>";
    if (ui.shown.thread === html) return;
    pane.innerHTML = html;
    pane.hidden = false;
    ui.shown.thread = html;
  }

  function drawModal(s) {
    var layer = $("sb-modal");
    if (!s.modal) {
      if (!layer.hidden) {
        layer.hidden = true;
        layer.innerHTML = "";
      }
      ui.shown.modal = "";
      return;
    }
    var key = s.modal.id + "|" + s.modal.html;
    if (ui.shown.modal === key) return;
    // Slack keeps what was typed into inputs that are still there (errors shown, view updated).
    var old = layer.querySelector("form.bk-modal");
    var typed = old && old.dataset.viewId === s.modal.id ? collect(old) : null;
    layer.innerHTML = s.modal.html;
    layer.hidden = false;
    ui.shown.modal = key;
    var form = layer.querySelector("form.bk-modal");
    // After a reload, what was typed comes back from this tab's storage, as Slack keeps a draft.
    if (!typed) typed = savedDraft(s.modal.id);
    if (typed) restore(form, typed);
    syncPickers(form);
    if (!old) {
      var first = form.querySelector("[autofocus], [data-input]");
      if (first) first.focus();
    }
  }

  // ------------------------------------------------------------------ people pickers

  /**
   * Slack's user pickers: type to find a person, pick them, and they show as a chip with a remove
   * button. The select stays underneath, hidden, as what the page reads and sends.
   */
  function syncPickers(root) {
    root.querySelectorAll('select[data-element-type$="users_select"]').forEach(function (select) {
      var picker = select.nextElementSibling && select.nextElementSibling.classList.contains("sb-picker") ? select.nextElementSibling : null;
      if (!picker) {
        picker = document.createElement("div");
        picker.className = "sb-picker";
        var labelId = select.id ? select.id + "-label" : "";
        var label = select.dataset.placeholder || "Select";
        var outside = !select.closest(".bk-input");
        picker.innerHTML =
          (outside ? '<div class="sb-picker-label">' + escapeHtml(label) + "</div>" : "") +
          '<div class="sb-chips"></div><input type="text" class="sb-picker-input" role="combobox" aria-autocomplete="list" aria-expanded="false" autocomplete="off">' +
          '<ul class="sb-picker-list" role="listbox" hidden></ul>';
        var input = picker.querySelector("input");
        input.placeholder = label;
        if (!outside && labelId && document.getElementById(labelId)) input.setAttribute("aria-labelledby", labelId);
        else input.setAttribute("aria-label", label);
        select.hidden = true;
        select.parentNode.insertBefore(picker, select.nextSibling);
      }
      drawChips(select, picker);
    });
  }

  function drawChips(select, picker) {
    var chosen = Array.from(select.selectedOptions).filter(function (o) { return o.value; });
    picker.querySelector(".sb-chips").innerHTML = chosen.map(function (o) {
      return '<span class="sb-chip" data-value="' + escapeHtml(o.value) + '">' + escapeHtml(o.textContent) +
        ' <button type="button" class="sb-chip-remove" aria-label="Remove ' + escapeHtml(o.textContent) + '">×</button></span>';
    }).join("");
  }

  function pickerMatches(select, typed) {
    var q = typed.trim().toLowerCase();
    return Array.from(select.options).filter(function (o) {
      return o.value && !o.selected && (!q || o.textContent.toLowerCase().indexOf(q) >= 0);
    }).slice(0, 8);
  }

  function showMatches(picker) {
    var select = picker.previousElementSibling;
    var input = picker.querySelector("input");
    var list = picker.querySelector(".sb-picker-list");
    var found = pickerMatches(select, input.value);
    list.innerHTML = found.map(function (o) { return '<li role="option" data-value="' + escapeHtml(o.value) + '">' + escapeHtml(o.textContent) + "</li>"; }).join("");
    list.hidden = found.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
  }

  function pick(picker, value, on) {
    var select = picker.previousElementSibling;
    Array.from(select.options).forEach(function (o) {
      if (o.value === value) o.selected = on;
      else if (on && !select.multiple) o.selected = false;
    });
    var input = picker.querySelector("input");
    input.value = "";
    picker.querySelector(".sb-picker-list").hidden = true;
    input.setAttribute("aria-expanded", "false");
    drawChips(select, picker);
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("input", function (e) {
    if (e.target.classList && e.target.classList.contains("sb-picker-input")) showMatches(e.target.closest(".sb-picker"));
  });
  document.addEventListener("focusin", function (e) {
    if (e.target.classList && e.target.classList.contains("sb-picker-input")) showMatches(e.target.closest(".sb-picker"));
  });
  document.addEventListener("keydown", function (e) {
    if (!e.target.classList || !e.target.classList.contains("sb-picker-input")) return;
    var picker = e.target.closest(".sb-picker");
    if (e.key === "Enter") {
      e.preventDefault();
      var first = picker.querySelector('.sb-picker-list:not([hidden]) [role="option"]');
      if (first) pick(picker, first.dataset.value, true);
    } else if (e.key === "Backspace" && e.target.value === "") {
      var last = Array.from(picker.querySelectorAll(".sb-chip")).pop();
      if (last) pick(picker, last.dataset.value, false);
    } else if (e.key === "Escape") {
      picker.querySelector(".sb-picker-list").hidden = true;
    }
  });
  document.addEventListener("mousedown", function (e) {
    var option = e.target.closest && e.target.closest('.sb-picker-list [role="option"]');
    if (option) {
      e.preventDefault();
      pick(option.closest(".sb-picker"), option.dataset.value, true);
      return;
    }
    var remove = e.target.closest && e.target.closest(".sb-chip-remove");
    if (remove) {
      e.preventDefault();
      pick(remove.closest(".sb-picker"), remove.closest(".sb-chip").dataset.value, false);
      return;
    }
    document.querySelectorAll(".sb-picker-list").forEach(function (l) { if (!l.closest(".sb-picker").contains(e.target)) l.hidden = true; });
  });

  // ------------------------------------------------------------------ modal values

  function savedDraft(viewId) {
    try {
      return JSON.parse(sessionStorage.getItem("sb-draft:" + viewId) || "null");
    } catch (err) {
      return null;
    }
  }

  function saveDraft(form) {
    try {
      sessionStorage.setItem("sb-draft:" + form.dataset.viewId, JSON.stringify(collect(form)));
    } catch (err) {
      // Storage full or refused: a reload then starts the form afresh.
    }
  }

  /** { [block_id]: { [action_id]: string | string[] | null } }, as block-kit-html.ts describes. */
  function collect(form) {
    var values = {};
    form.querySelectorAll('[data-input="true"]').forEach(function (el) {
      var block = el.getAttribute("name");
      var action = el.dataset.actionId;
      var byAction = values[block] || (values[block] = {});
      if (el.dataset.multi === "true") {
        var list = byAction[action] || (byAction[action] = []);
        if (el.tagName === "SELECT") Array.from(el.selectedOptions).forEach(function (o) { list.push(o.value); });
        else if (el.checked) list.push(el.value);
      } else if (el.type === "radio") {
        if (!(action in byAction)) byAction[action] = null;
        if (el.checked) byAction[action] = el.value;
      } else {
        var empty = el.value === "" && (el.tagName === "SELECT" || el.type === "date" || el.type === "time");
        byAction[action] = empty ? null : el.value;
      }
    });
    return values;
  }

  function restore(form, values) {
    form.querySelectorAll('[data-input="true"]').forEach(function (el) {
      var v = (values[el.getAttribute("name")] || {})[el.dataset.actionId];
      if (v === undefined) return;
      if (el.tagName === "SELECT" && el.multiple) Array.from(el.options).forEach(function (o) { o.selected = v.indexOf(o.value) >= 0; });
      else if (el.type === "checkbox") el.checked = Array.isArray(v) && v.indexOf(el.value) >= 0;
      else if (el.type === "radio") el.checked = v === el.value;
      else el.value = v === null ? "" : v;
    });
  }

  /** The required input blocks left empty, as Slack's client finds them before it sends anything. */
  function emptyRequired(form) {
    return Array.from(form.querySelectorAll(".bk-input:not([data-optional])")).filter(function (block) {
      var controls = Array.from(block.querySelectorAll('[data-input="true"]'));
      if (!controls.length) return false;
      return !controls.some(function (el) {
        if (el.type === "checkbox" || el.type === "radio") return el.checked;
        if (el.tagName === "SELECT" && el.multiple) return el.selectedOptions.length > 0;
        return el.value.trim() !== "";
      });
    });
  }

  var REQUIRED = "Please complete this required field.";

  /** Slack's inline red line under each empty required field; it goes once the field is filled. */
  function markRequired(blocks) {
    blocks.forEach(function (block) {
      if (block.querySelector('.bk-error[data-client="true"]')) return;
      var line = document.createElement("div");
      line.className = "bk-error";
      line.setAttribute("role", "alert");
      line.dataset.errorFor = block.dataset.blockId;
      line.dataset.client = "true";
      line.textContent = REQUIRED;
      block.classList.add("bk-has-error");
      block.appendChild(line);
      block.addEventListener("input", function () { line.remove(); block.classList.remove("bk-has-error"); }, { once: true });
      block.addEventListener("change", function () { line.remove(); block.classList.remove("bk-has-error"); }, { once: true });
    });
  }

  async function submitModal(form) {
    // As Slack's client: one submission at a time; a second click while it is on its way does nothing.
    if (form.dataset.submitting === "true") return;
    var empty = emptyRequired(form);
    if (empty.length) return void markRequired(empty);
    form.dataset.submitting = "true";
    try {
      await act("submit", { as: ui.as, viewId: form.dataset.viewId, values: collect(form) });
    } finally {
      form.dataset.submitting = "";
    }
  }

  // ------------------------------------------------------------------ actions

  /** Where an element lives, as the local Slack finds it: a message, an ephemeral message, a modal, Home. */
  function surfaceOf(el) {
    var item = el.closest("[data-item]");
    if (item) {
      return item.dataset.kind === "ephemeral" ? { kind: "ephemeral", ts: item.dataset.ts } : { kind: "message", channel: item.dataset.channel, ts: item.dataset.ts };
    }
    var modal = el.closest("form.bk-modal");
    if (modal) return { kind: "view", viewId: modal.dataset.viewId };
    return { kind: "home" };
  }

  function sendAction(el, selected) {
    return act("action", {
      as: ui.as, where: surfaceOf(el), actionId: el.dataset.actionId, blockId: el.dataset.blockId, elementType: el.dataset.elementType, selected: selected,
    });
  }

  function selectedOf(el) {
    if (el.tagName === "SELECT") return el.multiple ? Array.from(el.selectedOptions).map(function (o) { return o.value; }) : el.value;
    if (el.type === "checkbox") {
      var group = el.closest(".bk-checkboxes") || el.parentNode;
      return Array.from(group.querySelectorAll('input[type="checkbox"]'))
        .filter(function (c) { return c.checked && c.dataset.actionId === el.dataset.actionId; })
        .map(function (c) { return c.value; });
    }
    return el.value;
  }

  function confirmFirst(el) {
    if (!el.dataset.confirm) return Promise.resolve(true);
    var c = JSON.parse(el.dataset.confirm);
    return new Promise(function (resolve) {
      var layer = $("sb-confirm");
      var ok = $("sb-confirm-ok");
      var deny = $("sb-confirm-deny");
      $("sb-confirm-title").textContent = c.title;
      $("sb-confirm-text").textContent = c.text;
      ok.textContent = c.confirm;
      deny.textContent = c.deny;
      ok.className = "bk-button " + (c.style === "danger" ? "bk-danger" : "bk-primary");
      layer.hidden = false;
      ok.focus();
      function done(answer) {
        layer.hidden = true;
        ok.onclick = deny.onclick = layer.onkeydown = null;
        resolve(answer);
      }
      ok.onclick = function () { done(true); };
      deny.onclick = function () { done(false); };
      layer.onkeydown = function (e) { if (e.key === "Escape") done(false); };
    });
  }

  async function clickButton(button) {
    if (!(await confirmFirst(button))) return;
    if (button.dataset.url) window.open(button.dataset.url, "_blank", "noopener");
    await sendAction(button, undefined);
  }

  async function choose(el) {
    var option = el.tagName === "SELECT" && !el.multiple ? el.selectedOptions[0] : null;
    if (!(await confirmFirst(el))) return;
    if (option && option.dataset.url) window.open(option.dataset.url, "_blank", "noopener");
    await sendAction(el, selectedOf(el));
  }

  function openConversation(id) {
    showNav(false);
    ui.thread = "";
    ui.open = id;
    if (id === "home") act("home", { as: ui.as });
    else refresh();
  }

  function switchPerson(id) {
    ui.thread = "";
    var home = ui.open === "home";
    ui.as = id;
    ui.open = home ? "home" : "";
    if (home) act("home", { as: id });
    else refresh();
  }

  async function advance(button) {
    var buttons = document.querySelectorAll("[data-advance]");
    buttons.forEach(function (b) { b.disabled = true; });
    await act("clock", { advance: button.dataset.advance, as: ui.as });
    buttons.forEach(function (b) { b.disabled = false; });
  }

  async function sendComposer() {
    var input = $("sb-composer-input");
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    // Just after switching person, their conversation is not known until their state arrives.
    if (!ui.state || ui.state.me.id !== ui.as) await refresh();
    var result = await act("command", { as: ui.as, channel: ui.open, text: text });
    if (!result) input.value = text;
  }

  function showNav(open) {
    document.body.classList.toggle("sb-nav-open", open);
    $("sb-menu").setAttribute("aria-expanded", String(open));
  }

  var toastTimer = 0;
  function toast(text, isError) {
    var el = $("sb-toast");
    el.textContent = text;
    el.className = "sb-toast" + (isError ? " sb-error" : "");
    el.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { el.hidden = true; }, 5000);
  }

  document.addEventListener("click", function (e) {
    var t = e.target;
    if (!(t instanceof Element)) return;
    var nav = t.closest("[data-open]");
    if (nav) return openConversation(nav.dataset.open);
    var thread = t.closest("[data-thread]");
    if (thread) {
      ui.thread = thread.dataset.thread;
      return drawThread(ui.state);
    }
    if (t.closest("[data-close-thread]")) {
      ui.thread = "";
      return drawThread(ui.state);
    }
    var ff = t.closest("[data-advance]");
    if (ff) return void advance(ff);
    var close = t.closest('[data-role="close"]');
    if (close) return void act("close", { as: ui.as, viewId: close.closest("form.bk-modal").dataset.viewId });
    var button = t.closest("button[data-action-id]");
    if (button && button.dataset.input !== "true") return void clickButton(button);
  });

  document.addEventListener("input", function (e) {
    var form = e.target.closest && e.target.closest("form.bk-modal");
    if (form) saveDraft(form);
  });

  document.addEventListener("change", function (e) {
    var el = e.target;
    var draft = el.closest && el.closest("form.bk-modal");
    if (draft) saveDraft(draft);
    if (el.id === "sb-person") return switchPerson(el.value);
    if (!el.dataset || !el.dataset.actionId) return;
    // Inputs report when the modal is submitted, unless their block dispatches actions.
    if (el.dataset.input === "true" && !el.closest('[data-dispatch="true"]')) return;
    void choose(el);
  });

  document.addEventListener("submit", function (e) {
    e.preventDefault();
    var form = e.target;
    if (form.id === "sb-composer") return void sendComposer();
    if (form.matches("form.bk-modal")) return void submitModal(form);
  });

  $("sb-menu").addEventListener("click", function () { showNav(!document.body.classList.contains("sb-nav-open")); });
  $("sb-scrim").addEventListener("click", function () { showNav(false); });

  refresh().then(poll);
})();
`;
