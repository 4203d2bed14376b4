import { useCallback, useEffect, useState } from 'react';

/** A section of a card loaded from /admin/data (same-origin, the panel's session): the list under `key`. */
export function useCardData<T>(url: string, key: string): { items: T[] | null; failed: boolean; reload: () => void; body: Record<string, unknown> | null } {
  const [body, setBody] = useState<Record<string, unknown> | null>(null);
  const [failed, setFailed] = useState(false);
  const reload = useCallback(() => {
    fetch(url, { credentials: 'same-origin' })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        setBody((await response.json()) as Record<string, unknown>);
      })
      .catch(() => setFailed(true));
  }, [url]);
  useEffect(reload, [reload]);
  return { items: body ? (body[key] as T[]) : null, failed, reload, body };
}
