import React, { useEffect, useRef, useState } from 'react';
import {
  Box,
  Button,
  CheckBox,
  DatePicker,
  FormGroup,
  FormMessage,
  H4,
  Input,
  Label,
  Loader,
  MessageBox,
  Select,
  Text,
  TextArea,
} from '@adminjs/design-system';
import { ApiClient, useNotice, type ActionProps } from 'adminjs';
import ru from 'date-fns/locale/ru';
import { useNavigate } from 'react-router-dom';
import { DATE_INPUT, formatDate, formatFileSize, fromPickerValue, toPickerValue } from '../engine/date-format';
import type { DocumentRow as ExistingDocument } from './organization-documents';
import { SELECT_TEXTS } from '../engine/select-texts';
import { useCardData } from '../engine/use-card-data';
import { panelRequest } from '../engine/panel-request.js';

interface DocumentType {
  id: number;
  name: string;
}

interface Settings {
  documentTypes: DocumentType[];
  maxUploadMb: number;
}

type Errors = Record<string, string>;

const requisitesOf = (document: ExistingDocument) =>
  [document.props, document.dateApproved ? `от ${formatDate(document.dateApproved)}` : ''].filter(Boolean).join(' ');

const TEXT_FIELDS = ['dateApproved', 'props', 'comment', 'ourDate', 'ourNumber', 'theirDate', 'theirNumber'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/**
 * "Прикрепить документ" (original-app.md §6.3): the document's type, date, details and comment, the PDF scan,
 * "это соглашение о сотрудничестве", and the incoming letter it came with (optional). Posts everything to
 * /admin/data/organizations/:id/documents, fields first and the file last.
 */
const DocumentAttach: React.FC<ActionProps> = ({ record, resource, action }) => {
  const navigate = useNavigate();
  const addNotice = useNotice();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [typeId, setTypeId] = useState<string>('');
  const [values, setValues] = useState<Record<TextField, string>>({
    dateApproved: '',
    props: '',
    comment: '',
    ourDate: '',
    ourNumber: '',
    theirDate: '',
    theirNumber: '',
  });
  const [isAgreement, setIsAgreement] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const organizationId = record?.id ?? '';
  const organizationName = String(record?.params?.shortName || record?.params?.fullName || '');
  // the documents it has already (the card's list), to prefill a type it has
  const existing = useCardData<ExistingDocument>(`/admin/data/organizations/${organizationId}/documents`, 'documents').items ?? [];
  const replaced = existing.find((document) => String(document.documentTypeId) === typeId) ?? null;

  /** Choosing a type the organization already has fills in that document's requisites (they are replaced as a whole). */
  const chooseType = (value: string) => {
    setTypeId(value);
    const current = existing.find((document) => String(document.documentTypeId) === value);
    if (current) {
      setValues((now) => ({ ...now, dateApproved: current.dateApproved ?? '', props: current.props ?? '', comment: current.comment ?? '' }));
    }
  };

  useEffect(() => {
    new ApiClient()
      .recordAction({ resourceId: resource.id, recordId: String(organizationId), actionName: action.name })
      .then((response) => setSettings((response.data as unknown as { attach: Settings }).attach))
      .catch(() => setMessage('Не удалось загрузить виды документов.'));
  }, [resource.id, organizationId, action.name]);

  const set = (field: TextField) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  const onFile = (event: React.ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null;
    setFile(chosen);
    setErrors(({ scan: _dropped, ...rest }) => rest);
    if (chosen && settings && chosen.size > settings.maxUploadMb * 1048576) {
      setErrors((current) => ({ ...current, scan: `Файл больше ${settings.maxUploadMb} МБ — выберите файл не больше ${settings.maxUploadMb} МБ` }));
    }
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (errors.scan && file) return;
    const form = new FormData();
    form.append('orgAdmDocId', typeId);
    for (const field of TEXT_FIELDS) form.append(field, values[field]);
    form.append('isAgreement', isAgreement ? 'true' : 'false');
    if (file) form.append('scan', file, 'scan.pdf');
    setSending(true);
    setMessage(null);
    try {
      const { ok, status, body } = await panelRequest<{ errors?: Errors; letterId?: number | null; created?: boolean }>(
        `/admin/data/organizations/${organizationId}/documents`,
        { method: 'POST', body: form },
      );
      if (!ok) {
        setErrors(body.errors ?? {});
        setMessage(body.message ?? `Сервер ответил ошибкой ${status}.`);
        return;
      }
      addNotice({
        message: `${body.created ? 'Документ прикреплён' : 'Документ обновлён'}${body.letterId ? '; зарегистрировано входящее письмо' : ''}.`,
        type: 'success',
      });
      navigate(`/admin/resources/${resource.id}/records/${organizationId}/show`);
    } catch {
      setMessage('Файл не удалось отправить: соединение прервано. Попробуйте ещё раз.');
    } finally {
      setSending(false);
    }
  };

  if (!settings) return message ? <MessageBox variant="danger" message={message} /> : <Loader />;

  const options = settings.documentTypes.map((type) => ({ value: String(type.id), label: type.name }));
  const datePicker = (name: 'dateApproved' | 'ourDate' | 'theirDate') => (
    <DatePicker
      id={`attach-${name}`}
      name={name}
      propertyType="date"
      locale={ru}
      dateFormat={DATE_INPUT.format}
      placeholderText={DATE_INPUT.placeholder}
      inputMask={{ mask: DATE_INPUT.mask }}
      value={toPickerValue(values[name])}
      onChange={(value: string | null) => setValues((current) => ({ ...current, [name]: fromPickerValue(value) ?? '' }))}
    />
  );
  const field = (name: TextField, label: string, input: React.ReactNode, hint?: string, required = false) => (
    <FormGroup error={Boolean(errors[name])}>
      <Label htmlFor={`attach-${name}`} required={required}>
        {label}
      </Label>
      {input}
      {hint ? (
        <Text color="grey60" fontSize="sm">
          {hint}
        </Text>
      ) : null}
      <FormMessage>{errors[name]}</FormMessage>
    </FormGroup>
  );

  return (
    <Box as="form" variant="white" onSubmit={submit} data-testid="document-attach" noValidate>
      <FormGroup>
        <Label>Организация</Label>
        <Input value={organizationName} disabled />
      </FormGroup>

      <H4 mt="xl">Документ</H4>
      <FormGroup error={Boolean(errors.orgAdmDocId)}>
        <Label required htmlFor="attach-orgAdmDocId">
          Вид документа
        </Label>
        <Select
          inputId="attach-orgAdmDocId"
          options={options}
          value={options.find((option) => option.value === typeId) ?? null}
          onChange={(selected: { value: string } | null) => chooseType(selected?.value ?? '')}
          {...SELECT_TEXTS}
        />
        <FormMessage>{errors.orgAdmDocId}</FormMessage>
      </FormGroup>
      {replaced ? (
        <MessageBox
          variant="info"
          mb="lg"
          data-testid="attach-replaces"
          message={
            `У организации уже есть этот документ${requisitesOf(replaced) ? ` (${requisitesOf(replaced)})` : ''}. ` +
            'Поля ниже заполнены его реквизитами — исправьте их при необходимости. ' +
            (replaced.hasScan
              ? `Новый скан заменит прежний (PDF${replaced.fileSize ? `, ${formatFileSize(replaced.fileSize)}` : ''}); без нового файла прежний скан останется.`
              : 'Скана у него нет.')
          }
        />
      ) : null}
      {field('dateApproved', 'Дата утверждения (подписания) документа', datePicker('dateApproved'), undefined, true)}
      {field(
        'props',
        'Реквизиты документа (номер)',
        <Input id="attach-props" name="props" value={values.props} onChange={set('props')} placeholder="Может отсутствовать" maxLength={500} />,
      )}
      {field(
        'comment',
        'Комментарий к документу',
        <TextArea
          id="attach-comment"
          name="comment"
          rows={4}
          style={{ width: '100%' }}
          value={values.comment}
          onChange={set('comment')}
          placeholder="Дополнительная информация"
        />,
      )}
      <FormGroup>
        <CheckBox id="attach-isAgreement" checked={isAgreement} onChange={() => setIsAgreement((v) => !v)} />
        <Label inline htmlFor="attach-isAgreement" ml="default">
          Это соглашение о сотрудничестве (дата соглашения организации станет датой этого документа)
        </Label>
      </FormGroup>
      <FormGroup error={Boolean(errors.scan)}>
        <Label htmlFor="attach-scan">Скан документа (PDF, не больше {settings.maxUploadMb} МБ)</Label>
        <input id="attach-scan" name="scan" type="file" accept="application/pdf,.pdf" ref={fileInput} onChange={onFile} />
        <Text color="grey60" fontSize="sm">
          Можно не прикреплять: документ будет отмечен «без скана». При повторном прикреплении документа того же вида прежний скан заменяется новым.
        </Text>
        <FormMessage data-testid="scan-error">{errors.scan}</FormMessage>
      </FormGroup>

      <H4 mt="xl">Письмо, с которым поступил документ (необязательно)</H4>
      {field('ourDate', 'Дата регистрации входящего письма', datePicker('ourDate'))}
      {field(
        'ourNumber',
        'Наш входящий номер',
        <Input id="attach-ourNumber" name="ourNumber" value={values.ourNumber} onChange={set('ourNumber')} placeholder="1111" maxLength={70} />,
      )}
      {field('theirDate', 'Дата подписи письма отправителем', datePicker('theirDate'))}
      {field(
        'theirNumber',
        'Исходящий номер отправителя',
        <Input id="attach-theirNumber" name="theirNumber" value={values.theirNumber} onChange={set('theirNumber')} placeholder="ЛПУ-16" maxLength={70} />,
      )}

      {message ? <MessageBox variant="danger" message={message} my="lg" data-testid="attach-error" /> : null}
      <Button type="submit" variant="contained" disabled={sending}>
        {sending ? 'Отправка…' : 'Добавить'}
      </Button>
    </Box>
  );
};

export default DocumentAttach;
