import React, { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Box, Button, DrawerContent, DrawerFooter, Icon, MessageBox } from '@adminjs/design-system';
import { ActionHeader, BasePropertyComponent, LayoutElementRenderer, useQueryParams, useRecord, useTranslation, type ActionProps } from 'adminjs';
import { draftKey, dropDraft, goToLogin, isLeavingForLogin, readDraft, sameValues, writeDraft } from './form-draft';

type Props = ActionProps & { OriginalComponent?: React.ComponentType<ActionProps> };

/** The fields a person types into (not a picker's search box, a radio or a check box). */
const TEXT_FIELDS = 'input[type=text]:not([aria-autocomplete]):not([id^=react-select]), input:not([type]):not([aria-autocomplete]), textarea';

/** The login page for an expired session, coming back to `back` (a path of the panel) afterwards. */

/**
 * The panel's «new» and «edit» forms: AdminJS's own (the same layout, fields and «Сохранить»), and no typed work is
 * lost:
 * - what is typed is kept as a draft in the tab (form-draft.ts) until it is saved;
 * - «Сохранить» that meets an expired session goes to the login page, which says «Сессия истекла — войдите снова,
 *   введённое сохранено», and comes back here after the login: the form opens with the draft restored and says so;
 * - leaving a filled form (closing the tab, a link of the panel) asks first.
 */
const RecordForm: React.FC<Props> = (props) => {
  const { record: initialRecord, resource, action } = props;
  const isNew = action.name === 'new';
  const { record, handleChange, submit, loading, setRecord } = useRecord(initialRecord, resource.id);
  const { translateButton } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { parsedQuery, redirectUrl } = useQueryParams() as { parsedQuery?: Record<string, string>; redirectUrl?: string };
  const key = draftKey(location);
  const opened = useRef<Record<string, unknown> | null>(null);
  const [restoredAt, setRestoredAt] = useState<number | null>(null);
  const [touched, setTouched] = useState(false);

  // the record as it opened (with the address's prefilled values for a new one), or the draft left unsaved
  const blank = useRef(record); // a new record's empty start (AdminJS gives a «new» form no record)
  useEffect(() => {
    const base = initialRecord ?? blank.current;
    // as AdminJS's own form: a new record takes the address's values of its properties («?direction=outgoing»)
    const prefilled = isNew && parsedQuery ? Object.fromEntries(Object.entries(parsedQuery).filter(([name]) => name in resource.properties)) : {};
    const params = { ...base.params, ...prefilled };
    opened.current = params;
    const draft = readDraft(key);
    if (draft && !sameValues(draft.params, params)) {
      setRecord({ ...base, params: draft.params });
      setRestoredAt(draft.savedAt);
      setTouched(true);
    } else {
      setRecord({ ...base, params });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialRecord, key]);

  // changed by the person (what the form fills in itself — a suggested number, today's date — is not theirs to lose)
  const dirty = touched && opened.current !== null && !sameValues(record.params ?? {}, opened.current);
  // kept at once: a page's reading may meet the ended session and leave for the login at any moment (logged-in.tsx)
  useEffect(() => {
    if (dirty) writeDraft(key, record.params ?? {});
  }, [dirty, key, record.params]);

  // leaving with unsaved changes asks first: closing or reloading the tab, and the panel's own links
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (isLeavingForLogin()) return; // the draft is kept: nothing to ask
      event.preventDefault();
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!link || link.target === '_blank' || link.closest('form') || event.defaultPrevented) return;
      const url = new URL(link.href, window.location.href);
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      if (window.confirm('Уйти со страницы? Введённое не сохранено и пропадёт.')) {
        dropDraft(key);
      } else {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty, key]);

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    writeDraft(key, record.params ?? {}); // kept until the server says it is saved
    submit()
      .then((response) => {
        const saved = response.data.record?.id && Object.keys(response.data.record?.errors ?? {}).length === 0;
        if (saved) {
          dropDraft(key);
          opened.current = response.data.record?.params ?? record.params ?? {};
          setRestoredAt(null);
        }
        if (response.data.redirectUrl) navigate(response.data.redirectUrl);
        else if (saved && isNew) handleChange({ ...record, params: {}, populated: {}, errors: {} });
      })
      .catch((error: { response?: { status?: number } }) => {
        if (error?.response?.status === 401) {
          goToLogin('/admin/login', '1'); // the draft is kept; the login page says so (login-gate.ts)
        }
      });
  };

  // the cursor starts in the first field still to fill (a new letter from a card: its sender's number, the organization,
  // number and date being filled in), in the first field of an edited record; once per form
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (action.showInDrawer) return undefined;
    // once the form's fields are drawn (a draft restored, the address's values)
    const timer = window.setTimeout(() => {
      if (!form.current || form.current.contains(document.activeElement)) return;
      const fields = Array.from(form.current.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(TEXT_FIELDS)).filter(
        (field) => !field.disabled && !field.readOnly && field.offsetParent !== null,
      );
      // a new record: the first empty field the clerk fills (not one the form fills itself: the suggested number)
      const toFill = fields.filter((field) => !field.hasAttribute('data-filled-by-form'));
      (isNew ? (toFill.find((field) => field.value === '') ?? toFill[0] ?? fields[0]) : fields[0])?.focus();
    }, 300);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** Ctrl+Enter (⌘+Enter) saves from any field, as in mail and chat clients. */
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    // a text field hands its value to the form when it loses the focus: that first, then the save, then back to it
    const field = document.activeElement as HTMLElement | null;
    field?.blur();
    window.setTimeout(() => {
      form.current?.requestSubmit();
      field?.focus();
    }, 0);
  };

  const discardDraft = () => {
    dropDraft(key);
    setRestoredAt(null);
    if (opened.current) setRecord({ ...(initialRecord ?? blank.current), params: opened.current });
    setTouched(false);
  };

  return (
    <Box
      as="form"
      ref={form}
      flex
      flexGrow={1}
      flexDirection="column"
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      onInput={() => setTouched(true)}
      data-testid="record-form"
    >
      <DrawerContent>
        {action?.showInDrawer ? <ActionHeader {...props} /> : null}
        {restoredAt !== null ? (
          <MessageBox variant="info" mb="xl" data-testid="draft-restored" message="Восстановлено введённое, но не сохранённое: проверьте и нажмите «Сохранить»">
            <Button type="button" size="sm" variant="text" onClick={discardDraft} data-testid="draft-discard">
              Сбросить введённое
            </Button>
          </MessageBox>
        ) : null}
        {action.layout
          ? action.layout.map((layoutElement, i) => (
              <LayoutElementRenderer key={i} layoutElement={layoutElement} {...props} where="edit" onChange={handleChange} record={record} />
            ))
          : resource.editProperties.map((property) => (
              <BasePropertyComponent key={property.propertyPath} where="edit" onChange={handleChange} property={property} resource={resource} record={record} />
            ))}
      </DrawerContent>
      <DrawerFooter>
        <Box flex style={{ gap: 16 }}>
          {isNew && redirectUrl ? (
            <Button variant="light" type="button" onClick={() => (window.location.href = redirectUrl)} data-testid="button-cancel">
              {translateButton('cancel', resource.id)}
            </Button>
          ) : null}
          <Button variant="contained" type="submit" data-testid="button-save" disabled={loading} title="Сохранить (Ctrl+Enter)">
            {loading ? <Icon icon="Loader" spin /> : null}
            {translateButton('save', resource.id)}
          </Button>
        </Box>
      </DrawerFooter>
    </Box>
  );
};

export default RecordForm;
