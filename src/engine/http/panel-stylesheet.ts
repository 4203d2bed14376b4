/**
 * The panel's own stylesheet: a dense working layout over AdminJS's spacious default chrome (issue 24, item 4).
 * AdminJS's design system styles its components with one generated class each; every rule here starts at the app's
 * root (`[data-css=app]`) or names a stable `data-css`/`adminjs_*` hook, so it outweighs them without `!important`
 * wherever the cascade allows.
 *
 * What it does, measured at 1280×720 (test/e2e/density.e2e.test.ts): a list shows at least 12 rows and never scrolls
 * sideways; a row is one line (a long value ends in «…», the whole of it in the cell's tooltip); the row menu sticks to
 * the table's right edge; the sidebar can be hidden (`html[data-sidebar=collapsed]`, set by the top bar's button).
 */
export const PANEL_STYLESHEET = `
/* chrome: a 48 px top bar, a 232 px menu, 16 px margins */
[data-css=app] [data-css=topbar] { height: 48px; min-height: 48px; }
[data-css=app] [data-css=logged-in] > section, [data-css=app] [data-css=logged-in] { height: 48px; }
[data-css=app] [data-css=sidebar] { width: 240px; min-width: 240px; }
[data-css=app] [data-css=sidebar-logo] { padding: 12px 16px 8px; height: 48px; }
[data-css=app] [data-css=sidebar-resources] a.adminjs_Box { padding: 4px 8px 4px 12px; white-space: nowrap; }
[data-css=app] [data-css=sidebar-resources] a.adminjs_Box, [data-css=app] [data-css=sidebar-resources] a.adminjs_Box * { font-size: 13px; }
[data-css=app] [data-css=sidebar-resources] > section { padding-left: 12px; padding-right: 12px; }
[data-css=app] [data-css=sidebar-resources] label.adminjs_Label { margin-bottom: 4px; }
html[data-sidebar=collapsed] [data-css=app] [data-css=sidebar] { display: none; }
[data-css=app] [data-css=topbar] { position: sticky; top: 0; z-index: 20; }
[data-css=app] [data-css=sidebar-toggle] {
  position: absolute; left: 8px; top: 8px; width: 32px; height: 32px; border: 0; border-radius: 4px;
  background: transparent; cursor: pointer; color: #454655;
}
[data-css=app] [data-css=sidebar-toggle]:hover { background: #f0f1f9; }
[data-css=app] [data-css=app-content] > section[data-css$="-list"],
[data-css=app] [data-css=app-content] > section[data-css$="-show"],
[data-css=app] [data-css=app-content] > section[data-css$="-edit"],
[data-css=app] [data-css=app-content] > section[data-css$="-new"],
[data-css=app] [data-css=app-content] > section[data-css=dashboard] { padding: 12px 16px; }

/* a page's heading: the breadcrumbs and the heading with its buttons in two short rows */
[data-css=app] [data-css$="-action-header"] h2.adminjs_H2 { font-size: 24px; line-height: 32px; margin: 0 0 8px; }
[data-css=app] [data-css$="-action-header"] .adminjs_Button { padding-top: 4px; padding-bottom: 4px; min-height: 0; }

/* a list: its box, the search row, compact one-line rows */
[data-css=app] [data-css$="-list-table-wrapper"] { padding: 8px 12px; }
[data-css=app] [data-css$="-list-table-wrapper"] .adminjs_Input { height: 32px; }
[data-css=app] [data-css$="-list-table-wrapper"] form .adminjs_Button { height: 32px; padding-top: 0; padding-bottom: 0; }
[data-css=app] table.adminjs_Table { width: 100%; }
[data-css=app] table.adminjs_Table thead td.adminjs_TableCell { padding: 6px 6px; height: auto; line-height: 15px; vertical-align: bottom; font-size: 12px; }
[data-css=app] table.adminjs_Table tbody td.adminjs_TableCell {
  padding: 2px 6px; height: 30px; line-height: 20px; font-size: 13px; vertical-align: middle; white-space: nowrap; word-break: normal;
}
[data-css=app] table.adminjs_Table tbody td.adminjs_TableCell > section,
[data-css=app] table.adminjs_Table tbody td.adminjs_TableCell > section > * {
  max-width: 14em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 13px;
}
/* the row's long text (a letter's «О чем», an organization's name) takes the width the other columns leave */
[data-css=app] table.adminjs_Table tbody td[data-property-name=information],
[data-css=app] table.adminjs_Table tbody td[data-property-name=name],
[data-css=app] table.adminjs_Table tbody td[data-property-name=fullName] { width: 100%; max-width: 0; }
[data-css=app] table.adminjs_Table tbody td[data-property-name=information] > section,
[data-css=app] table.adminjs_Table tbody td[data-property-name=information] > section > *,
[data-css=app] table.adminjs_Table tbody td[data-property-name=name] > section,
[data-css=app] table.adminjs_Table tbody td[data-property-name=name] > section > *,
[data-css=app] table.adminjs_Table tbody td[data-property-name=fullName] > section,
[data-css=app] table.adminjs_Table tbody td[data-property-name=fullName] > section > * { max-width: none; min-width: 8em; }
[data-css=app] table.adminjs_Table tbody td.adminjs_TableCell .adminjs_Badge { padding: 1px 6px; line-height: 16px; }
[data-css=app] table.adminjs_Table tbody td.adminjs_TableCell .adminjs_Checkbox + label,
[data-css=app] table.adminjs_Table td.adminjs_TableCell .adminjs_CheckBox { margin: 0; }
/* the row menu: a small button kept at the table's right edge */
[data-css=app] table.adminjs_Table tbody td.options { position: sticky; right: 0; background: inherit; padding: 0 2px; width: 28px; height: 30px; }
[data-css=app] table.adminjs_Table tbody tr { background: #fff; }
[data-css=app] table.adminjs_Table tbody tr:hover { background: #f4f5fd; }
[data-css=app] table.adminjs_Table tbody td.options .adminjs_Button { height: 24px; width: 24px; min-width: 0; padding: 0; }
/* pagination and the page size under the list */
[data-css=app] [data-css$="-list-table-wrapper"] [data-testid=page-size] { margin-top: 8px; }
[data-css=app] [data-css$="-list-table-wrapper"] > .adminjs_Text { margin-top: 8px; }

/* a 403 or 404 page in the content area (components/engine/panel-error.tsx) replaces what AdminJS drew there */
[data-css=app] [data-css=app-content][data-panel-error] > :not([data-css=topbar]):not([data-testid^=panel-error]) { display: none; }

/* a card: its section bar stays under the top bar while the card scrolls */
[data-css=app] [data-css$="-show-drawer-content"] > section:has([data-testid=card-sections]) {
  position: sticky; top: 48px; z-index: 10; background: #fff; padding-top: 4px;
}
[data-css=app] [data-testid=card-sections] { margin-bottom: 0; }
/* a card's values and tables wrap between words only (the design system breaks anywhere: «без/скана», «397-/97/297») */
[data-css=app] [data-css$="-show-drawer-content"] td, [data-css=app] [data-css$="-show-drawer-content"] section {
  word-break: normal; overflow-wrap: normal;
}
/* a card's or a form's heading row: the record's name, never broken mid-word */
[data-css=app] [data-css$="-show-action-header"] h2.adminjs_H2, [data-css=app] [data-css$="-edit-action-header"] h2.adminjs_H2 { overflow-wrap: normal; word-break: normal; }

/* a form: short fields two to a row from 1200 px (a text, a list of organizations, a group's title take the row);
   «Сохранить» stays in sight at the bottom of the screen */
@media (min-width: 1200px) {
  [data-css=app] form[data-testid=record-form] > section:first-child,
  [data-css=app] form[data-testid=record-form] [data-testid^=fieldset-] {
    display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); column-gap: 24px; align-items: start;
  }
  [data-css=app] form[data-testid=record-form] > section:first-child > *:has(textarea),
  [data-css=app] form[data-testid=record-form] > section:first-child > [data-css$="-organizations"],
  [data-css=app] form[data-testid=record-form] > section:first-child > [data-testid^=fieldset-],
  [data-css=app] form[data-testid=record-form] > section:first-child > h3,
  [data-css=app] form[data-testid=record-form] [data-testid^=fieldset-] > h3,
  [data-css=app] form[data-testid=record-form] [data-testid^=fieldset-] > *:has(textarea),
  [data-css=app] form[data-testid=record-form] [data-testid^=fieldset-] > *:has([data-css$="-requisitesCheck"]) { grid-column: 1 / -1; }
}
[data-css=app] form[data-testid=record-form] > section:last-child {
  position: sticky; bottom: 0; z-index: 10; background: #fff; border-top: 1px solid #e6e7ef; padding-top: 12px; padding-bottom: 12px;
}

/* a heading focused by the page itself (a card on arrival) is where reading starts, not a control: no outline */
[data-css=app] h2[tabindex="-1"]:focus { outline: none; }

/* keyboard: focus is always visible */
[data-css=app] a:focus-visible, [data-css=app] button:focus-visible, [data-css=app] input:focus-visible,
[data-css=app] textarea:focus-visible, [data-css=app] [tabindex]:focus-visible, [data-css=app] tr:focus-visible {
  outline: 2px solid #3040d6; outline-offset: 1px;
}
`;
