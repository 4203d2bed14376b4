/**
 * The panel's own requests to /admin/data: the answer's JSON, or an Error with a Russian message — never the
 * browser's «Failed to fetch» (the server died or the network dropped) nor a JSON parser's complaint (a proxy's
 * HTML page).
 */
export const NO_CONNECTION = 'Нет связи с сервером реестра: запрос не дошёл или ответ оборвался. Проверьте, что сделано, и повторите.';

export interface PanelAnswer<T> {
  ok: boolean;
  status: number;
  body: T & { message?: string };
}

export async function panelRequest<T>(url: string, init: RequestInit = {}): Promise<PanelAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', ...init, headers: { Accept: 'application/json', ...(init.headers ?? {}) } });
  } catch {
    throw new Error(NO_CONNECTION);
  }
  let body: (T & { message?: string }) | null = null;
  try {
    body = (await response.json()) as T & { message?: string };
  } catch {
    body = null;
  }
  if (body === null) throw new Error(`Сервер реестра ответил не так, как ожидалось (код ${response.status}). Проверьте, что сделано, и повторите позже.`);
  return { ok: response.ok, status: response.status, body };
}
