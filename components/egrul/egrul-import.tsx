import React, { useEffect, useState } from 'react';
import {
  Badge,
  Box,
  Button,
  FormGroup,
  H3,
  Input,
  Label,
  Link,
  Loader,
  MessageBox,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Text,
} from '@adminjs/design-system';
import { ApiClient, useActionResponseHandler, type ActionProps } from 'adminjs';
import { formatDate } from '../engine/date-format';

interface Row {
  fullName: string;
  shortName: string | null;
  inn: string | null;
  kpp: string | null;
  serviceId: number;
  registryId: number | null;
  registryUrl: string | null;
  possibleDuplicates: { id: number; fullName: string; kpp: string | null; isActive: boolean; reason: 'inactive' | 'no-kpp'; url: string }[];
}

interface SearchResult {
  rows: Row[];
  count: number;
  page: number;
  nextPage: number | null;
  previousPage: number | null;
  dataLoadedOn: string | null;
  searched: string;
  hint: string | null;
}

interface Settings {
  configured: boolean;
  canImport: boolean;
}

type Answer = { egrul?: unknown; error?: { message: string } };

const PAGE_SIZE = 20;
const api = new ApiClient();

/**
 * "Импорт из ЕГРЮЛ": one search box (INN, OGRN, KPP or words of the name), results with "already in the
 * registry" marks, paging, and "Добавить" for admins. Everything goes through our server's action; the page
 * only sends the query, a page number and the chosen row's id/INN/KPP back.
 */
const EgrulImport: React.FC<ActionProps> = ({ resource, action }) => {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [query, setQuery] = useState('');
  const [submitted, setSubmitted] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const handleResponse = useActionResponseHandler();

  const call = async (data: Record<string, string>): Promise<Answer> => {
    const response = await api.resourceAction({ resourceId: resource.id, actionName: action.name, method: 'post', data });
    return response.data as Answer;
  };

  useEffect(() => {
    api
      .resourceAction({ resourceId: resource.id, actionName: action.name })
      .then((response) => setSettings((response.data as { egrul: Settings }).egrul))
      .catch(() => setError('Не удалось получить настройки импорта из ЕГРЮЛ.'));
  }, [resource.id, action.name]);

  const search = async (text: string, page: number) => {
    setBusy('search');
    setError(null);
    try {
      const answer = await call({ operation: 'search', query: text, page: String(page) });
      if (answer.error) {
        setError(answer.error.message);
        if (page === 1) setResult(null);
      } else {
        setResult(answer.egrul as SearchResult);
        setSubmitted(text);
      }
    } catch {
      setError('Сервер не ответил на запрос поиска. Проверьте соединение и повторите.');
    } finally {
      setBusy(null);
    }
  };

  /** An action that answers with a notice and a redirect (add, reactivate): its error stays in the component. */
  const act = async (busyKey: string, data: Record<string, string>, noAnswer: string) => {
    setBusy(busyKey);
    setError(null);
    try {
      const response = await api.resourceAction({ resourceId: resource.id, actionName: action.name, method: 'post', data });
      const answer = response.data as Answer;
      if (answer.error) setError(answer.error.message);
      else handleResponse(response);
    } catch {
      setError(noAnswer);
    } finally {
      setBusy(null);
    }
  };

  const add = (row: Row, anyway = false) =>
    act(
      `add-${row.serviceId}`,
      { operation: 'add', serviceId: String(row.serviceId), inn: row.inn ?? '', kpp: row.kpp ?? '', anyway: anyway ? 'true' : 'false' },
      'Сервер не ответил на запрос добавления. Проверьте, не появилась ли организация в реестре, и повторите.',
    );

  const reactivate = (organizationId: number) =>
    act(
      `reactivate-${organizationId}`,
      { operation: 'reactivate', organizationId: String(organizationId) },
      'Сервер не ответил на запрос восстановления. Обновите результаты поиска и повторите.',
    );

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    if (query.trim() === '') {
      setError('Введите наименование организации, ИНН, ОГРН или КПП.');
      return;
    }
    void search(query, 1);
  };

  if (settings && !settings.configured) {
    return (
      <Box variant="white" data-testid="egrul-import">
        <H3>Импорт из ЕГРЮЛ</H3>
        <MessageBox variant="danger" message="Поиск по ЕГРЮЛ не настроен">
          <Text>
            Администратору нужно указать адрес сервиса egrul_fts_api в настройке <code>EGRUL_SERVICE_URL</code> (например, http://127.0.0.1:28961/) и
            перезапустить сервер.
          </Text>
        </MessageBox>
      </Box>
    );
  }

  const firstNumber = result ? (result.page - 1) * PAGE_SIZE + 1 : 1;
  return (
    <Box variant="white" data-testid="egrul-import">
      <form onSubmit={onSubmit}>
        <FormGroup>
          <Label htmlFor="egrul-query">Наименование, ИНН, ОГРН или КПП</Label>
          <Box flex flexDirection="row">
            <Input
              id="egrul-query"
              name="egrulQuery"
              value={query}
              maxLength={300}
              placeholder="ООО Ромашка или 7707083893"
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setQuery(event.target.value)}
              style={{ flexGrow: 1 }}
            />
            <Button type="submit" variant="contained" ml="default" disabled={busy !== null}>
              Найти
            </Button>
          </Box>
          <Text color="grey60" mt="sm">
            ИНН (10 или 12 цифр), ОГРН (13 цифр), КПП (9 символов) и пара «ИНН КПП» ищутся точно; иначе — по словам наименования (целыми словами, без учёта
            окончаний).
          </Text>
        </FormGroup>
      </form>

      {error ? <MessageBox variant="danger" message={error} mb="lg" data-testid="egrul-error" /> : null}
      {busy === 'search' ? <Loader /> : null}
      {settings && !settings.canImport ? (
        <Text color="grey60" mb="default">
          Добавлять организации из ЕГРЮЛ могут только администраторы.
        </Text>
      ) : null}

      {result ? (
        <Box data-testid="egrul-results">
          <Text mb="default">
            {result.searched}: найдено организаций — {result.count.toLocaleString('ru-RU')}
            {result.dataLoadedOn ? `. Данные ЕГРЮЛ загружены ${formatDate(result.dataLoadedOn)}` : ''}.
          </Text>
          {result.hint ? <MessageBox variant="info" message={result.hint} mb="default" /> : null}
          {result.rows.length > 0 ? (
            <Table>
              <TableHead>
                <TableRow>
                  <TableCell>№</TableCell>
                  <TableCell>Полное наименование</TableCell>
                  <TableCell>Сокращенное наименование</TableCell>
                  <TableCell>ИНН</TableCell>
                  <TableCell>КПП</TableCell>
                  <TableCell>В реестре</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.rows.map((row, index) => (
                  <TableRow key={`${row.serviceId}-${row.inn}-${row.kpp}`} data-testid="egrul-row">
                    <TableCell>{firstNumber + index}</TableCell>
                    <TableCell>{row.fullName}</TableCell>
                    <TableCell>{row.shortName ?? 'отсутствует'}</TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>{row.inn ?? '—'}</TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>{row.kpp ?? '—'}</TableCell>
                    <TableCell>
                      {row.registryUrl ? (
                        <Link href={row.registryUrl} data-testid="egrul-in-registry">
                          <Badge variant="success">Уже в реестре</Badge>
                        </Link>
                      ) : row.possibleDuplicates.length > 0 ? (
                        <Box data-testid="egrul-possible-duplicate" style={{ minWidth: 220 }}>
                          <Badge variant="danger">Возможный дубль</Badge>
                          {row.possibleDuplicates.map((duplicate) => (
                            <Box key={duplicate.id} mt="sm">
                              <Link href={duplicate.url}>{duplicate.fullName}</Link>
                              <Text fontSize="sm" color="grey60">
                                {duplicate.reason === 'inactive' ? 'отключена' : 'ИНН тот же, КПП не указан'}
                              </Text>
                              {settings?.canImport && duplicate.reason === 'inactive' ? (
                                <Button size="sm" variant="outlined" mt="sm" disabled={busy !== null} onClick={() => void reactivate(duplicate.id)}>
                                  Восстановить
                                </Button>
                              ) : null}
                            </Box>
                          ))}
                          {settings?.canImport ? (
                            <Button size="sm" variant="text" mt="sm" disabled={busy !== null} onClick={() => void add(row, true)}>
                              {busy === `add-${row.serviceId}` ? 'Добавление…' : 'Добавить всё равно'}
                            </Button>
                          ) : null}
                        </Box>
                      ) : settings?.canImport && row.inn ? (
                        <Button size="sm" variant="outlined" disabled={busy !== null} onClick={() => void add(row)}>
                          {busy === `add-${row.serviceId}` ? 'Добавление…' : 'Добавить'}
                        </Button>
                      ) : (
                        <Text color="grey60">нет</Text>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : null}
          {result.previousPage !== null || result.nextPage !== null ? (
            <Box flex flexDirection="row" justifyContent="flex-end" alignItems="center" mt="lg">
              <Button
                variant="text"
                disabled={busy !== null || result.previousPage === null}
                onClick={() => result.previousPage !== null && void search(submitted, result.previousPage)}
              >
                ← Назад
              </Button>
              <Text mx="default">страница {result.page}</Text>
              <Button
                variant="text"
                disabled={busy !== null || result.nextPage === null}
                onClick={() => result.nextPage !== null && void search(submitted, result.nextPage)}
              >
                Вперёд →
              </Button>
            </Box>
          ) : null}
        </Box>
      ) : null}
    </Box>
  );
};

export default EgrulImport;
