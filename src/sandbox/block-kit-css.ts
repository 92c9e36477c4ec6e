/**
 * The look of the sandbox's Block Kit HTML: close to Slack's light theme (Lato or the system font,
 * near-black text, grey secondary text, green primary and red danger buttons, blue links and
 * mentions), every rule scoped to a `bk-` class. Usable from a phone's 375px up.
 */
export const BLOCK_KIT_CSS = `
.bk-blocks, .bk-modal, .bk-home {
  font-family: Lato, "Slack-Lato", -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 15px; line-height: 1.46668; color: #1d1c1d; -webkit-font-smoothing: antialiased;
  overflow-wrap: anywhere; word-break: break-word;
}
.bk-blocks { display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.bk-block { margin: 0; min-width: 0; }
.bk-blocks b { font-weight: 700; }
.bk-link { color: #1264a3; text-decoration: none; }
.bk-link:hover { text-decoration: underline; }
.bk-mention, .bk-channel { color: #1264a3; background: rgba(29, 155, 209, 0.1); border-radius: 3px; padding: 0 2px; }
.bk-broadcast { color: #1d1c1d; background: rgba(242, 199, 68, 0.4); }
.bk-date { border-bottom: 1px dotted #868686; cursor: help; }
.bk-code { font-family: Monaco, Menlo, Consolas, "Courier New", monospace; font-size: 12px; color: #e01e5a;
  background: rgba(29, 28, 29, 0.04); border: 1px solid rgba(29, 28, 29, 0.13); border-radius: 3px; padding: 2px 3px 1px; }
.bk-pre { font-family: Monaco, Menlo, Consolas, "Courier New", monospace; font-size: 12px; line-height: 1.5;
  background: rgba(29, 28, 29, 0.04); border: 1px solid rgba(29, 28, 29, 0.13); border-radius: 4px;
  padding: 8px; margin: 4px 0; white-space: pre-wrap; overflow-x: auto; }
.bk-quote { border-left: 4px solid #dddddd; margin: 4px 0; padding: 0 0 0 12px; }
.bk-li { display: block; padding-left: 1.1em; text-indent: -1.1em; }
.bk-unsupported { display: inline-block; color: #616061; background: #f8f8f8; border: 1px dashed #bbbbbb;
  border-radius: 4px; padding: 2px 6px; font-size: 13px; }
div.bk-unsupported, .bk-block.bk-unsupported { display: block; }

.bk-header { font-size: 18px; font-weight: 900; line-height: 1.33; margin: 4px 0 0; }
.bk-divider { border: 0; border-top: 1px solid #dddddd; margin: 4px 0; }
.bk-section { display: flex; gap: 12px; align-items: flex-start; }
.bk-section-main { flex: 1 1 auto; min-width: 0; }
.bk-accessory { flex: 0 0 auto; max-width: 50%; }
.bk-accessory-image { width: 88px; height: 88px; object-fit: cover; border-radius: 6px; }
.bk-fields { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px 16px; margin-top: 4px; }
.bk-text + .bk-fields { margin-top: 8px; }
.bk-context { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; font-size: 13px; color: #616061; }
.bk-context .bk-link { color: #1264a3; }
.bk-context-image { width: 20px; height: 20px; border-radius: 4px; object-fit: cover; }
.bk-image img { max-width: 100%; height: auto; border-radius: 8px; display: block; }
.bk-image-title { font-size: 15px; color: #616061; margin-bottom: 4px; }
.bk-image-alt { color: #616061; font-style: italic; }
.bk-actions { display: flex; flex-wrap: wrap; gap: 8px; }
.bk-rt-section { white-space: normal; }
.bk-rt-list { margin: 2px 0 2px 1.5em; padding: 0; }

.bk-button { font: inherit; font-size: 15px; font-weight: 700; line-height: 1.2; height: 36px; min-width: 56px;
  padding: 0 12px; border-radius: 4px; cursor: pointer; color: #1d1c1d; background: #ffffff;
  border: 1px solid rgba(29, 28, 29, 0.3); max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bk-button:hover { background: #f8f8f8; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08); }
.bk-button:focus-visible, .bk-select:focus-visible, .bk-text-input:focus, .bk-picker:focus {
  outline: none; border-color: #1264a3; box-shadow: 0 0 0 1px #1264a3, 0 0 0 5px rgba(29, 155, 209, 0.3); }
.bk-primary { color: #ffffff; background: #007a5a; border-color: #007a5a; }
.bk-primary:hover { background: #148567; border-color: #148567; }
.bk-danger { color: #e01e5a; background: #ffffff; border-color: #e01e5a; }
.bk-danger:hover { color: #ffffff; background: #e01e5a; }
.bk-button:disabled { opacity: 0.5; cursor: default; }

.bk-select, .bk-text-input, .bk-picker { font: inherit; font-size: 15px; color: #1d1c1d; background: #ffffff;
  border: 1px solid rgba(29, 28, 29, 0.3); border-radius: 4px; padding: 6px 10px; min-height: 36px;
  box-sizing: border-box; max-width: 100%; }
.bk-input .bk-select, .bk-input .bk-text-input, .bk-input .bk-picker { width: 100%; }
.bk-select[multiple] { min-height: 88px; }
textarea.bk-text-input { min-height: 88px; resize: vertical; }
.bk-overflow { width: 36px; padding: 0 6px; text-align: center; }
.bk-input { display: flex; flex-direction: column; gap: 4px; margin: 4px 0 8px; }
.bk-label { font-weight: 700; font-size: 15px; }
.bk-optional { font-weight: 400; color: #616061; }
.bk-hint { font-size: 13px; color: #616061; }
.bk-error { font-size: 13px; color: #e01e5a; }
.bk-has-error .bk-select, .bk-has-error .bk-text-input, .bk-has-error .bk-picker { border-color: #e01e5a; }
.bk-checkboxes, .bk-radios { display: flex; flex-direction: column; gap: 6px; }
.bk-option { display: flex; gap: 8px; align-items: flex-start; cursor: pointer; }
.bk-option input { margin: 3px 0 0; width: 16px; height: 16px; accent-color: #1264a3; flex: 0 0 auto; }
.bk-option-body { display: flex; flex-direction: column; }
.bk-option-desc { font-size: 13px; color: #616061; }
.bk-errors-unmatched { border-left: 4px solid #e01e5a; padding-left: 8px; }

.bk-modal { display: flex; flex-direction: column; width: 100%; max-width: 520px; max-height: calc(100vh - 32px);
  margin: 0 auto; background: #ffffff; border-radius: 8px; box-sizing: border-box;
  box-shadow: 0 0 0 1px rgba(29, 28, 29, 0.13), 0 18px 48px rgba(0, 0, 0, 0.35); }
.bk-modal-header { display: flex; align-items: center; gap: 12px; padding: 16px 20px 12px; border-bottom: 1px solid #dddddd; }
.bk-modal-title { font-size: 22px; font-weight: 900; line-height: 1.2; margin: 0; flex: 1 1 auto; min-width: 0; }
.bk-modal-body { padding: 16px 20px; overflow-y: auto; flex: 1 1 auto; }
.bk-modal-footer { display: flex; justify-content: flex-end; flex-wrap: wrap; gap: 8px; padding: 16px 20px; border-top: 1px solid #dddddd; }
.bk-home { padding: 16px 20px; max-width: 720px; box-sizing: border-box; }

@media (max-width: 480px) {
  .bk-modal { max-width: none; max-height: none; min-height: 100%; border-radius: 0; box-shadow: none; }
  .bk-modal-header, .bk-modal-body, .bk-modal-footer, .bk-home { padding-left: 12px; padding-right: 12px; }
  .bk-modal-title { font-size: 18px; }
  .bk-section { flex-wrap: wrap; }
  .bk-accessory { max-width: 100%; }
  .bk-fields { gap: 8px 12px; }
  .bk-modal-footer .bk-button { flex: 1 1 0; }
}
`;
