/**
 * The sandbox page's own look (every rule under an `sb-` class), beside BLOCK_KIT_CSS for the
 * blocks themselves: Slack's aubergine sidebar and white pane; below 700px the sidebar slides in
 * from a menu button and a modal takes the whole screen.
 */
export const PAGE_STYLES = `
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font-family: Lato, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 15px; color: #1d1c1d; background: #ffffff; }
button { font: inherit; }
.sb-app { display: grid; grid-template-columns: 260px minmax(0, 1fr); grid-template-rows: auto minmax(0, 1fr); height: 100vh; height: 100dvh; }

.sb-clockbar { grid-column: 1 / -1; display: flex; align-items: center; gap: 12px; flex-wrap: wrap;
  padding: 6px 12px; background: #350d36; color: #ffffff; }
.sb-menu { display: none; background: none; border: 0; color: #ffffff; font-size: 22px; cursor: pointer; padding: 0 4px; }
.sb-brand { font-weight: 900; }
.sb-tag { font-weight: 400; font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; background: #e8912d;
  color: #1d1c1d; border-radius: 3px; padding: 1px 5px; margin-left: 4px; }
.sb-clock { font-variant-numeric: tabular-nums; margin-left: auto; }
.sb-ff { display: flex; gap: 6px; flex-wrap: wrap; }
.sb-ff button { background: rgba(255, 255, 255, 0.12); color: #ffffff; border: 1px solid rgba(255, 255, 255, 0.3);
  border-radius: 4px; padding: 4px 10px; cursor: pointer; font-size: 13px; font-weight: 700; }
.sb-ff button:hover { background: rgba(255, 255, 255, 0.22); }
.sb-ff button:disabled { opacity: 0.5; cursor: progress; }

.sb-sidebar { background: #3f0e40; color: #cfc3cf; overflow-y: auto; padding: 12px 0; }
.sb-sidebar h2 { font-size: 13px; font-weight: 700; margin: 16px 16px 4px; color: #cfc3cf; }
.sb-sidebar ul { list-style: none; margin: 0; padding: 0; }
.sb-person { display: flex; flex-direction: column; gap: 4px; margin: 0 16px; font-size: 13px; }
.sb-person select { font: inherit; font-size: 15px; font-weight: 700; padding: 6px; border-radius: 4px; border: 0; width: 100%; }
.sb-person-title { margin: 4px 16px 0; font-size: 13px; }
.sb-nav { display: block; width: 100%; text-align: left; background: none; border: 0; color: inherit; cursor: pointer;
  padding: 4px 16px; font-size: 15px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.sb-nav:hover { background: rgba(0, 0, 0, 0.2); }
.sb-nav[aria-current="true"] { background: #1164a3; color: #ffffff; }
.sb-nav.sb-unread { color: #ffffff; font-weight: 900; }
.sb-sub { font-size: 12px; opacity: 0.8; }
.sb-note { font-size: 12px; line-height: 1.4; margin: 24px 16px 8px; color: #b9a8b9; }
.sb-scrim { display: none; }

.sb-pane { display: grid; grid-template-rows: auto minmax(0, 1fr) auto; min-width: 0; min-height: 0; }
.sb-pane-header { display: flex; align-items: baseline; gap: 12px; padding: 10px 20px; border-bottom: 1px solid #dddddd; min-width: 0; }
.sb-pane-header h1 { font-size: 18px; font-weight: 900; margin: 0; white-space: nowrap; }
.sb-topic { color: #616061; font-size: 13px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.sb-messages, .sb-home { overflow-y: auto; min-height: 0; }
.sb-messages { padding: 8px 0 16px; }
.sb-empty { color: #616061; padding: 24px 20px; }
.sb-day { display: flex; align-items: center; gap: 8px; margin: 16px 20px 4px; font-size: 13px; font-weight: 700; color: #616061; }
.sb-day::before, .sb-day::after { content: ""; flex: 1; border-top: 1px solid #dddddd; }
.sb-msg { display: grid; grid-template-columns: 36px minmax(0, 1fr); gap: 8px; padding: 6px 20px; }
.sb-msg:hover { background: #f8f8f8; }
.sb-avatar { width: 36px; height: 36px; border-radius: 4px; background: #2c4a6e; color: #ffffff; display: flex;
  align-items: center; justify-content: center; font-weight: 900; }
.sb-avatar.sb-person-avatar { background: #8a6d3b; }
.sb-meta { display: flex; align-items: baseline; gap: 6px; flex-wrap: wrap; }
.sb-author { font-weight: 900; }
.sb-app-badge { font-size: 10px; font-weight: 700; color: #616061; background: rgba(29, 28, 29, 0.08); border-radius: 2px; padding: 1px 3px; }
.sb-time, .sb-edited { font-size: 12px; color: #616061; }
.sb-only-you { font-size: 12px; color: #616061; margin: 2px 0 4px; }
.sb-msg.sb-ephemeral { background: #f4f8fb; }
.sb-thread-link { background: none; border: 0; padding: 2px 0; margin-top: 4px; color: #1264a3; font-weight: 700; font-size: 13px; cursor: pointer; }
.sb-thread-link:hover { text-decoration: underline; }
.sb-join { padding: 4px 20px 4px 64px; color: #616061; font-size: 14px; }
.sb-join .sb-author { color: #1d1c1d; font-weight: 700; }
.sb-thread-open .sb-app { grid-template-columns: 260px minmax(0, 1fr) minmax(280px, 380px); }
.sb-thread { border-left: 1px solid #dddddd; display: grid; grid-template-rows: auto minmax(0, 1fr); min-height: 0; background: #ffffff; }
.sb-thread[hidden] { display: none; }
.sb-thread-header { display: flex; align-items: baseline; gap: 8px; padding: 10px 16px; border-bottom: 1px solid #dddddd; }
.sb-thread-header h2 { font-size: 18px; font-weight: 900; margin: 0; }
.sb-thread-close { margin-left: auto; background: none; border: 0; font-size: 22px; cursor: pointer; color: #616061; }
.sb-thread-body { overflow-y: auto; padding: 8px 0; }
.sb-thread-count { display: flex; align-items: center; gap: 8px; margin: 8px 16px; font-size: 13px; color: #616061; }
.sb-thread-count::after { content: ""; flex: 1; border-top: 1px solid #dddddd; }
.sb-thread .sb-msg { padding: 6px 16px; }
.sb-home .bk-home { margin: 0; }
.sb-file { margin: 6px 0; }
.sb-file img { max-width: 360px; max-height: 280px; border: 1px solid #ddd; border-radius: 6px; display: block; }
.sb-file figcaption, .sb-file span { color: #616061; font-size: 13px; }

.sb-composer { display: flex; gap: 8px; padding: 12px 20px 16px; }
.sb-composer[hidden] { display: none; }
.sb-composer input { flex: 1; min-width: 0; font: inherit; padding: 10px 12px; border: 1px solid rgba(29, 28, 29, 0.3); border-radius: 8px; }
.sb-composer button { font-weight: 700; color: #ffffff; background: #007a5a; border: 0; border-radius: 6px; padding: 0 16px; cursor: pointer; }

.sb-layer { position: fixed; inset: 0; background: rgba(0, 0, 0, 0.45); display: flex; align-items: center;
  justify-content: center; padding: 16px; z-index: 10; }
.sb-layer[hidden] { display: none; }
#sb-confirm { z-index: 20; }
.sb-dialog { background: #ffffff; border-radius: 8px; padding: 20px; width: 100%; max-width: 440px; }
.sb-dialog h2 { margin: 0 0 8px; font-size: 20px; }
.sb-dialog-buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 16px; }
.sb-pinned { background: #fef9ec; }
.sb-pin-mark { grid-column: 1 / -1; font-size: 12px; color: #616061; margin-bottom: 2px; }
.sb-picker { position: relative; display: flex; flex-wrap: wrap; align-items: center; gap: 4px; border: 1px solid #bbbbbb; border-radius: 4px; padding: 4px 6px; background: #ffffff; min-width: 200px; }
.sb-picker-label { flex: 1 0 100%; font-size: 12px; font-weight: 700; color: #616061; }
.sb-chip { display: inline-flex; align-items: center; gap: 2px; background: #e8f5fa; color: #1264a3; border-radius: 4px; padding: 2px 6px; font-size: 14px; }
.sb-chip-remove { border: 0; background: none; color: inherit; cursor: pointer; font-size: 15px; padding: 0 2px; }
.sb-picker-input { flex: 1 1 120px; border: 0; outline: none; font: inherit; padding: 4px 2px; min-width: 80px; }
.sb-picker-list { position: absolute; left: 0; right: 0; top: 100%; z-index: 5; margin: 2px 0 0; padding: 4px 0; list-style: none; background: #ffffff; border: 1px solid #dddddd; border-radius: 6px; box-shadow: 0 4px 12px rgba(0,0,0,.12); }
.sb-picker-list [role="option"] { padding: 6px 12px; cursor: pointer; }
.sb-picker-list [role="option"]:hover { background: #1264a3; color: #ffffff; }
.sb-toast { position: fixed; left: 50%; bottom: 88px; transform: translateX(-50%); max-width: min(560px, calc(100vw - 32px));
  background: #1d1c1d; color: #ffffff; padding: 10px 16px; border-radius: 8px; z-index: 30; font-size: 14px; }
.sb-toast.sb-error { background: #a3103f; }

@media (max-width: 700px) {
  .sb-app { grid-template-columns: minmax(0, 1fr); }
  .sb-menu { display: inline-block; }
  .sb-clock { margin-left: 0; font-size: 13px; }
  .sb-ff { width: 100%; flex-wrap: nowrap; }
  .sb-ff button { flex: 1 1 auto; padding: 4px 6px; font-size: 12px; white-space: nowrap; }
  .sb-sidebar { position: fixed; top: 0; bottom: 0; left: 0; width: min(300px, 85vw); z-index: 5;
    transform: translateX(-100%); transition: transform 0.15s ease-out; }
  .sb-nav-open .sb-sidebar { transform: none; }
  .sb-nav-open .sb-scrim { display: block; position: fixed; inset: 0; background: rgba(0, 0, 0, 0.4); z-index: 4; }
  .sb-pane-header { padding: 8px 12px; }
  .sb-msg { padding: 6px 12px; }
  .sb-thread-open .sb-app { grid-template-columns: minmax(0, 1fr); }
  .sb-thread { position: fixed; inset: 0; z-index: 6; border-left: 0; }
  .sb-composer { padding: 8px 12px 12px; }
  .sb-layer { padding: 0; align-items: stretch; }
  .sb-layer .bk-modal { max-width: none; max-height: none; height: 100%; border-radius: 0; }
}
`;
