/**
 * The sandbox page's one HTML document: a clock bar, a Slack-like sidebar (who you are, Convene's
 * Home, channels, the DM with Convene), the conversation or Home tab, a composer, and layers for
 * modals and confirm dialogs. page-script.ts fills it in from the JSON state.
 */
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Convene sandbox</title>
<link rel="stylesheet" href="/page.css">
<script src="/page.js" defer></script>
</head>
<body>
<div class="sb-app">
  <header class="sb-clockbar">
    <button type="button" class="sb-menu" id="sb-menu" aria-controls="sb-sidebar" aria-expanded="false" aria-label="Show channels">&#9776;</button>
    <span class="sb-brand">Convene <span class="sb-tag">sandbox</span></span>
    <time class="sb-clock" id="sb-clock" aria-live="polite"></time>
    <span class="sb-ff" role="group" aria-label="Fast-forward the clock">
      <button type="button" data-advance="hour">+1 hour</button>
      <button type="button" data-advance="day">+1 day</button>
      <button type="button" data-advance="next-reminder">To next reminder</button>
    </span>
  </header>
  <nav class="sb-sidebar" id="sb-sidebar" aria-label="Workspace">
    <label class="sb-person">You are
      <select id="sb-person" aria-label="Who you are"></select>
    </label>
    <p class="sb-person-title" id="sb-person-title"></p>
    <h2>Apps</h2>
    <ul><li><button type="button" class="sb-nav" data-open="home" id="sb-home-link">Convene <span class="sb-sub">Home</span></button></li></ul>
    <h2>Channels</h2>
    <ul id="sb-channels"></ul>
    <h2>Direct messages</h2>
    <ul id="sb-dms"></ul>
    <p class="sb-note">A local Slack on this computer; every click reaches Convene as Slack would send it.
      To use a real workspace, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (see README.md).</p>
  </nav>
  <div class="sb-scrim" id="sb-scrim"></div>
  <main class="sb-pane">
    <header class="sb-pane-header">
      <h1 id="sb-title">Convene</h1>
      <span class="sb-topic" id="sb-topic"></span>
    </header>
    <div class="sb-messages" id="sb-messages"></div>
    <div class="sb-home" id="sb-home" hidden></div>
    <form class="sb-composer" id="sb-composer" autocomplete="off">
      <input id="sb-composer-input" aria-label="Message" placeholder="Message, or /convene help">
      <button type="submit">Send</button>
    </form>
  </main>
  <aside class="sb-thread" id="sb-thread" aria-label="Thread" hidden></aside>
</div>
<div class="sb-layer" id="sb-modal" hidden></div>
<div class="sb-layer" id="sb-confirm" hidden>
  <div class="sb-dialog" role="alertdialog" aria-modal="true" aria-labelledby="sb-confirm-title">
    <h2 id="sb-confirm-title"></h2>
    <p id="sb-confirm-text"></p>
    <div class="sb-dialog-buttons">
      <button type="button" class="bk-button" id="sb-confirm-deny"></button>
      <button type="button" class="bk-button bk-primary" id="sb-confirm-ok"></button>
    </div>
  </div>
</div>
<div class="sb-toast" id="sb-toast" role="status" hidden></div>
</body>
</html>
`;
